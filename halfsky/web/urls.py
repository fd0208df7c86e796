from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from halfsky.web.api import api
from halfsky.web.dashboards import views as dashboard_views

urlpatterns = [
    path("", dashboard_views.overview, name="home"),
    path("dashboard/", include("halfsky.web.dashboards.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("security/", include("halfsky.web.security.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("plans/", include("halfsky.web.plan_urls")),
    path("departments/", include("halfsky.web.plans.department_urls")),
    path("rounds/", include("halfsky.web.values.urls")),
    path("imports/", include("halfsky.web.imports.urls")),
    path("assessments/", include("halfsky.web.assessments.urls")),
    path("reports/", include("halfsky.web.reports.urls")),
    path("tokens/", include("halfsky.web.tokens.urls")),
    path("jobs/", include("halfsky.web.jobs.urls")),
    path("exchange/", include("halfsky.web.exchange.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

# A server error: logged with its traceback and a reference number the page shows.
handler500 = "halfsky.web.error_pages.server_error"
