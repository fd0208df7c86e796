"""Department pages: what a member unit leads and supports.

A department reporter or head sees only the own department: another
department's page answers 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from halfsky.web.core.access import check, permission_required
from halfsky.web.orgs.models import Department
from halfsky.web.plans.choice import chosen_plan
from halfsky.web.plans.models import Goal, Indicator, Measure, Plan


@login_required
@permission_required("orgs.use_site")
def department_list(request: HttpRequest) -> HttpResponse:
    departments = Department.objects.restrict(request.user)
    return render(request, "plans/department_list.html", {"departments": departments})


@login_required
@permission_required("orgs.use_site")
def department_detail(request: HttpRequest, code: str) -> HttpResponse:
    department = get_object_or_404(Department, code=code)
    check(request.user, "orgs.view_department", department)
    involved = Q(lead=department) | Q(supporting=department)
    # Plain rows of only what the page shows (a department leads or supports hundreds of
    # goals and measures across the plans: model instances cost more than the page's
    # rendering); DISTINCT because a department may both lead and support an item.
    place = {"plan_code": F("domain__plan__code"), "domain_code": F("domain__code"),
             "domain_name": F("domain__name")}
    goals = list(Goal.objects.filter(involved)
                 .values("number", "text", "lead_id", **place).distinct())
    measures = list(Measure.objects.filter(involved)
                    .values("number", "text", "lead_id", **place).distinct())
    for measure in measures:
        measure["title"] = Measure.title_of(measure["text"])
    indicators = list(Indicator.objects.filter(involved).values(
        "id", "code", "name", "unit", "lead_id", "plan_id", plan_code=F("plan__code")).distinct())
    panel = _panel_plan(request.user, indicators)
    return render(request, "plans/department.html", {
        "department": department, "goals": goals, "measures": measures,
        "indicators": indicators,
        # The state of the department's indicators in one plan (the user's current plan,
        # when the department has some there). Whoever may open this page may open all of
        # them: a department's own reporter and head read its indicators (restrict), every
        # other role every indicator.
        "state_plan": panel,
        "state_indicators": [row["id"] for row in indicators
                             if panel is not None and row["plan_id"] == panel.pk],
    })


def _panel_plan(user: Any, indicators: list[dict[str, Any]]) -> Plan | None:
    """The plan of the department page's state panel: the user's current plan when the
    department has indicators in it, else the plan of its first indicator."""
    current = chosen_plan(user)
    if current is not None and any(row["plan_id"] == current.pk for row in indicators):
        return current
    return Plan.objects.select_related("region").filter(
        pk=indicators[0]["plan_id"]).first() if indicators else None
