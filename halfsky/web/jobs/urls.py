from django.urls import path

from halfsky.web.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/progress", views.progress, name="progress"),
    path("<int:pk>/status", views.status, name="status"),
]
