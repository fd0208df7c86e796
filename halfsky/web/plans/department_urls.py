from django.urls import path

from halfsky.web.plans import department_views as views

app_name = "departments"
urlpatterns = [
    path("", views.department_list, name="list"),
    path("<slug:code>/", views.department_detail, name="detail"),
]
