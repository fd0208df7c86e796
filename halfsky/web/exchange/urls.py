from django.urls import path

from halfsky.web.exchange import views

app_name = "exchange"
urlpatterns = [
    path("", views.index, name="index"),
    path("compare/", views.compare, name="compare"),
    path("conflicts/", views.conflicts, name="conflicts"),
    path("conflicts/<int:pk>/", views.resolve, name="resolve"),
]
