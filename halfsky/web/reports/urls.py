from django.urls import path

from halfsky.web.reports import views, year_report_views

app_name = "reports"
urlpatterns = [
    path("", views.index, name="index"),
    path("year-reports/", year_report_views.year_index, name="year_index"),
    path("year-reports/<int:year>/", year_report_views.year_list, name="year_reports"),
    path("year-reports/<int:year>/<slug:department>/", year_report_views.year_report,
         name="year_report"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/generate/", views.generate, name="generate"),
    path("<int:pk>/<slug:step>/", views.transition, name="transition"),
    path("<int:pk>/download/<slug:fmt>/", views.download, name="download"),
    path("evaluations/<int:pk>/", views.round_detail, name="round"),
    path("evaluations/items/<int:pk>/", views.item_detail, name="item"),
    path("evaluations/evidence/<int:pk>/", views.evidence_file, name="evidence"),
]
