"""The plan browser (/plans/…): the plan's pages and those with values and judgements."""

from django.urls import path

from halfsky.web.assessments import compare_views, indicator_views
from halfsky.web.plans import successor_views, views

app_name = "plans"
urlpatterns = [
    path("<slug:plan>/", views.overview, name="overview"),
    path("<slug:plan>/indicators/", views.indicator_list, name="indicators"),
    path("<slug:plan>/indicators/<str:code>/", indicator_views.indicator_detail, name="indicator"),
    path("<slug:plan>/search/", views.search, name="search"),
    path("<slug:plan>/successor/", successor_views.successor, name="successor"),
    path("<slug:plan>/compare/<slug:other>/", compare_views.compare_plans, name="compare"),
    path("<slug:plan>/<slug:domain>/", views.domain_detail, name="domain"),
    path("<slug:plan>/<slug:domain>/goals/<int:number>/", indicator_views.goal_detail, name="goal"),
]
