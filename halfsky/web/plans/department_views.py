"""Department pages: what a member unit leads and supports.

A department reporter or head sees only the own department: another
department's page answers 403.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from halfsky.web.core.access import check, permission_required
from halfsky.web.orgs.models import Department
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
    # With the first one's plan (in the indicators' order): the state panel's, not read again.
    indicators = list(Indicator.objects.filter(involved).values(
        "id", "code", "name", "unit", "lead_id", "plan_id", plan_code=F("plan__code"),
        plan_region=F("plan__region"), plan_baseline=F("plan__baseline_year"),
        plan_end=F("plan__end_year")).distinct())
    first = indicators[0] if indicators else None
    return render(request, "plans/department.html", {
        "department": department, "goals": goals, "measures": measures,
        "indicators": indicators,
        # Whoever may open this page may open all of these: a department's own reporter
        # and head read its indicators (restrict), every other role every indicator.
        "state_indicators": [row["id"] for row in indicators],
        "state_plan": first and Plan(id=first["plan_id"], code=first["plan_code"],
                                     region_id=first["plan_region"],
                                     baseline_year=first["plan_baseline"],
                                     end_year=first["plan_end"]),
    })
