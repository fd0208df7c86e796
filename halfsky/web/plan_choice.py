"""The current plan in the address: home, the top bar's chooser, and the old addresses.

- ``/`` goes to the current plan's overview dashboard.
- ``/choose-plan/`` (POST ``plan``, ``next``) makes a plan the current one and goes to the
  same page of that plan where it exists, else to its overview.
- ``/dashboard/…``, ``/assessments/…``, ``/reports/…``, ``/exchange/…`` and
  ``/rounds/earlier-years/…`` (the addresses before plans were in the address) go to the
  current plan's page of the same path, so that bookmarks keep working.

It names pages of every app, so it sits above them (beside ``urls``).
"""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from halfsky.web.core.access import permission_required
from halfsky.web.plans.choice import chosen_plan, remember_plan
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import find_plan, get_plan

# Where a page of one plan goes in another when the same page does not exist there
# (an object of the first plan, a year outside the other's period): its section's start.
SECTION_START = {
    "dashboards": "dashboards:overview", "assessments": "assessments:index",
    "reports": "reports:index", "exchange": "exchange:index",
    "earlier_years": "earlier_years:upload", "plans": "plans:overview",
}
# The old addresses and their place under /plans/<plan>/.
OLD_SECTIONS = {"dashboard": "dashboard", "assessments": "assessments", "reports": "reports",
                "exchange": "exchange", "earlier-years": "earlier-years"}


def overview_url(plan: Plan) -> str:
    return reverse("dashboards:overview", args=[plan.code])


@login_required
@permission_required("orgs.use_site")
def home(request: HttpRequest) -> HttpResponse:
    plan = chosen_plan(request.user)
    if plan is None:
        return render(request, "plans/no_plan.html")
    return redirect(overview_url(plan))


def _exists(view_name: str, kwargs: dict[str, object], plan: Plan) -> bool:
    """Whether a page with more than the plan in its address exists in ``plan``."""
    if view_name == "assessments:plan":
        return plan.baseline_year <= int(str(kwargs["year"])) <= plan.end_year
    if view_name == "plans:indicator":
        return plan.indicators.filter(code=kwargs["code"]).exists()
    if view_name == "plans:domain":
        return plan.domains.filter(code=kwargs["domain"]).exists()
    return False


def same_page(path: str, plan: Plan) -> str:
    """The address of the page at ``path`` in ``plan``: the same page when it exists there,
    else its section's start, else the plan's overview; a page outside the plans stays."""
    try:
        match = resolve(path)
    except Resolver404:
        return overview_url(plan)
    if "plan" not in match.kwargs:
        return path
    kwargs = dict(match.kwargs, plan=plan.code)
    if set(kwargs) == {"plan"} or _exists(match.view_name, kwargs, plan):
        try:
            return reverse(match.view_name, kwargs=kwargs)
        except NoReverseMatch:
            pass
    start = SECTION_START.get(match.namespace)
    return reverse(start, args=[plan.code]) if start else overview_url(plan)


@require_POST
@login_required
@permission_required("orgs.use_site")
def choose(request: HttpRequest) -> HttpResponse:
    plan = get_plan(request.POST.get("plan", ""))
    remember_plan(request.user, plan)
    back = request.POST.get("next", "")
    if not back or not url_has_allowed_host_and_scheme(
            back, {request.get_host()}, require_https=request.is_secure()):
        return redirect(overview_url(plan))
    return redirect(same_page(back.split("?")[0], plan))


@login_required
@permission_required("orgs.use_site")
def old_address(request: HttpRequest, section: str, rest: str) -> HttpResponse:
    """An address from before plans were in it: the same page of the current plan (or of
    the plan the old address names, as ``/assessments/<plan>/<year>/`` did)."""
    first, _slash, after = rest.partition("/")
    named = find_plan(first) if re.fullmatch(r"[-\w]+", first) else None
    plan = named or chosen_plan(request.user)
    if plan is None:
        return render(request, "plans/no_plan.html")
    rest = after if named is not None else rest
    query = request.META.get("QUERY_STRING", "")
    target = f"/plans/{plan.code}/{OLD_SECTIONS[section]}/{rest}"
    return redirect(target + (f"?{query}" if query else ""))
