"""The plan browser's pages that show values and judgements: a goal with the latest
value of each indicator, and an indicator's page (values, targets, assessment) for one
area of the plan's region and its direct children (``?area=<code>``; the region by default).

A department reporter or head opens only the indicators of the department.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from halfsky.web.assessments.queries import indicator_assessment
from halfsky.web.core.access import check, may, permission_required
from halfsky.web.orgs.area_view import area_view
from halfsky.web.plans import models, queries
from halfsky.web.plans.views import visible_indicators
from halfsky.web.values.value_tables import indicator_values, latest_totals


@login_required
@permission_required("orgs.use_site")
def goal_detail(request: HttpRequest, plan: str, domain: str, number: int) -> HttpResponse:
    stored = queries.get_plan(plan)
    goal = get_object_or_404(
        queries.goals_with_indicators(models.Goal.objects.filter(domain__plan=stored)),
        domain__code=domain, number=number,
    )
    indicators = queries.with_targets(list(goal.indicators.all()))
    visible = visible_indicators(request, stored, indicators)
    latest = latest_totals([i for i in indicators if i.pk in visible])
    for indicator in indicators:
        indicator.latest = latest.get(indicator.pk)  # type: ignore[attr-defined]
    return render(request, "plans/goal.html", {
        "plan": stored, "domain": goal.domain, "goal": goal, "indicators": indicators,
        "visible_indicators": visible,
    })


@login_required
@permission_required("orgs.use_site")
def indicator_detail(request: HttpRequest, plan: str, code: str) -> HttpResponse:
    stored = queries.get_plan(plan)
    indicator = get_object_or_404(queries.indicators_with_targets().filter(plan=stored), code=code)
    indicator.plan = stored  # loaded already (its document once, not again)
    check(request.user, "plans.view_indicator", indicator)
    areas = area_view(stored.region, request.GET.get("area"))
    return render(request, "plans/indicator.html", {
        "plan": stored, "domain": indicator.goal.domain, "indicator": indicator,
        "targets": queries.target_views(indicator),
        **indicator_values(indicator, areas,
                           may(request.user, "data.view_unapproved_values", indicator)),
        "linked": [i for i in queries.linked_indicators(indicator) if i.pk != indicator.pk],
        **indicator_assessment(indicator, request.user, areas), "areas": areas,
    })
