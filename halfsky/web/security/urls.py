from django.urls import path

from halfsky.web.security import admin_views, views

app_name = "security"
urlpatterns = [
    path("password/", views.password_change, name="password_change"),
    path("totp/enrol/", views.totp_enrol, name="totp_enrol"),
    path("totp/verify/", views.totp_verify, name="totp_verify"),
    path("lockouts/", admin_views.lockouts, name="lockouts"),
    path("lockouts/unlock/", admin_views.unlock, name="unlock"),
    path("audit/", admin_views.audit_log, name="audit"),
]
