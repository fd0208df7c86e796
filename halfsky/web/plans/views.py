"""The plan browser: domains → goals → indicators, measures, and search.

Every logged-in role reads the plan's text. The goal and indicator pages,
which carry values and judgements, are ``assessments.indicator_views``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from halfsky.web.core.access import permission_required
from halfsky.web.orgs.permissions import reads_everything
from halfsky.web.plans import models, queries


def visible_indicators(request: HttpRequest, plan: models.Plan,
                       shown: Iterable[models.Indicator]) -> set[int]:
    """Ids of the ``shown`` indicators of the plan whose values this user may open (a role
    outside the departments opens them all: not asked of the database)."""
    if reads_everything(request.user):
        return {indicator.pk for indicator in shown}
    return set(models.Indicator.objects.restrict(request.user).filter(plan=plan)
               .values_list("pk", flat=True))


@login_required
@permission_required("orgs.use_site")
def overview(request: HttpRequest, plan: str) -> HttpResponse:
    stored = queries.get_plan(plan)
    domains = list(queries.domains_with_counts(stored))
    totals = {
        "goals": sum(d.goal_count for d in domains),
        "measures": sum(d.measure_count for d in domains),
        "indicators": stored.indicators.count(),
    }
    return render(request, "plans/overview.html",
                  {"plan": stored, "domains": domains, "totals": totals,
                   "linked_plans": queries.plans_linked_with(stored)})


@login_required
@permission_required("orgs.use_site")
def domain_detail(request: HttpRequest, plan: str, domain: str) -> HttpResponse:
    stored = queries.get_plan(plan)
    row = get_object_or_404(stored.domains, code=domain)
    goals, measures = queries.domain_contents(stored, row)
    visible = visible_indicators(request, stored,
                                 (i for goal in goals for i in goal.indicator_list))
    return render(request, "plans/domain.html", {
        "plan": stored, "domain": row, "goals": goals, "measures": measures,
        "visible_indicators": visible,
        # the state panel's: the domain's indicators this user may open
        "state_indicators": [i.pk for goal in goals for i in goal.indicator_list
                             if i.pk in visible],
    })


@login_required
@permission_required("orgs.use_site")
def indicator_list(request: HttpRequest, plan: str) -> HttpResponse:
    stored = queries.get_plan(plan)
    indicators = queries.with_targets(queries.plan_indicators_with_targets(stored))
    return render(request, "plans/indicator_list.html", {
        "plan": stored, "indicators": indicators,
        "visible_indicators": visible_indicators(request, stored, indicators),
    })


@login_required
@permission_required("orgs.use_site")
def search(request: HttpRequest, plan: str) -> HttpResponse:
    stored = queries.get_plan(plan)
    query = request.GET.get("q", "").strip()[:100]
    results = queries.search_plan(stored, query)
    template = "plans/_search_results.html" if request.htmx else "plans/search.html"
    return render(request, template, {"plan": stored, "query": query, **results})
