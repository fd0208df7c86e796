"""The dashboards of a plan (/plans/<plan>/dashboard/…)."""

from django.urls import path

from halfsky.web.dashboards import views

app_name = "dashboards"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("townships/", views.townships, name="townships"),
    path("gender-gap/", views.gender_gap, name="gender_gap"),
    path("indicators/<str:code>.csv", views.download_csv, name="csv"),
    path("indicators/<str:code>.xlsx", views.download_xlsx, name="xlsx"),
]
