from django.urls import path

from halfsky.web.orgs import views

app_name = "orgs"
urlpatterns = [
    path("", views.department_list, name="departments"),
    path("<slug:code>/", views.department_detail, name="department"),
]
