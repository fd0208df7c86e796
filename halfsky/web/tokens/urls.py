from django.urls import path

from halfsky.web.tokens import views

app_name = "tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("<int:pk>/revoke/", views.revoke_token, name="revoke"),
]
