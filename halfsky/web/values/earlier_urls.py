"""The import of earlier years' values, under its plan (/plans/<plan>/earlier-years/…)."""

from django.urls import path

from halfsky.web.values.views import earlier_years as views

app_name = "earlier_years"
urlpatterns = [
    path("", views.earlier_years_upload, name="upload"),
    path("<int:pk>/", views.earlier_years_preview, name="preview"),
    path("<int:pk>/apply/", views.earlier_years_apply, name="apply"),
]
