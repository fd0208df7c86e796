"""The site's addresses. Every plan page is under its plan: ``/plans/<plan>/…`` (the plan
browser in ``plan_urls``, and each app's pages with the ``<slug:plan>`` prefix); the
reporting rounds (``/rounds/…``), departments, imports, tokens, jobs and the API are the
instance's."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path

from halfsky.web import plan_choice
from halfsky.web.api import api

PLAN = "plans/<slug:plan>/"

urlpatterns = [
    path("", plan_choice.home, name="home"),
    path("choose-plan/", plan_choice.choose, name="choose_plan"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("security/", include("halfsky.web.security.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path(PLAN + "dashboard/", include("halfsky.web.dashboards.urls")),
    path(PLAN + "assessments/", include("halfsky.web.assessments.urls")),
    path(PLAN + "reports/", include("halfsky.web.reports.urls")),
    path(PLAN + "exchange/", include("halfsky.web.exchange.urls")),
    path(PLAN + "earlier-years/", include("halfsky.web.values.earlier_urls")),
    path("plans/", include("halfsky.web.plan_urls")),
    path("departments/", include("halfsky.web.plans.department_urls")),
    # The addresses before plans were in the address: to the current plan's page.
    re_path(r"^(?P<section>dashboard|assessments|reports|exchange)/(?P<rest>.*)$",
            plan_choice.old_address),
    re_path(r"^rounds/(?P<section>earlier-years)/(?P<rest>.*)$", plan_choice.old_address),
    path("rounds/", include("halfsky.web.values.urls")),
    path("imports/", include("halfsky.web.imports.urls")),
    path("tokens/", include("halfsky.web.tokens.urls")),
    path("jobs/", include("halfsky.web.jobs.urls")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]

# A server error: logged with its traceback and a reference number the page shows.
handler500 = "halfsky.web.error_pages.server_error"
