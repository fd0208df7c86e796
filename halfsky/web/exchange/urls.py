from django.urls import path

from halfsky.web.exchange import sdmx_views, views

app_name = "exchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("compare/", views.compare, name="compare"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("conflicts/<int:pk>/", views.resolve, name="resolve"),
    path("mapping/", views.mapping, name="mapping"),
    path("sdmx/", sdmx_views.sdmx_page, name="sdmx"),
    path("sdmx/data.csv", sdmx_views.sdmx_download, {"kind": "csv"}, name="sdmx_csv"),
    path("sdmx/data.json", sdmx_views.sdmx_download, {"kind": "json"}, name="sdmx_json"),
    path("sdmx/structure.xml", sdmx_views.sdmx_download, {"kind": "structure"},
         name="sdmx_structure"),
]
