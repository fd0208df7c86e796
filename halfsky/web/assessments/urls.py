"""A plan's assessment and warnings (/plans/<plan>/assessments/…)."""

from django.urls import path

from halfsky.web.assessments import views

app_name = "assessments"
urlpatterns = [
    path("", views.index, name="index"),
    path("warnings/", views.warning_list, name="warnings"),
    path("warnings/<int:pk>/", views.warning_detail, name="warning"),
    path("warnings/<int:pk>/answer/", views.answer_warning, name="answer"),
    path("warnings/<int:pk>/decide/", views.decide_warning, name="decide"),
    path("<int:year>/", views.plan_year, name="plan"),
    path("<int:year>/recompute/", views.recompute, name="recompute"),
]
