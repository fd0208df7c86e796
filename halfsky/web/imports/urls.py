from django.urls import path

from halfsky.web.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.draft_list, name="list"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/targets/<int:target>/", views.edit_target, name="edit_target"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/series-links/", views.series_links, name="series_links"),
]
