"""Department pages: what a member unit leads and supports.

A department reporter or head sees only the own department: another
department's page answers 403.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from halfsky.web.core.access import check, permission_required
from halfsky.web.orgs.models import Department
from halfsky.web.plans.models import Goal, Indicator, Measure


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
    return render(request, "plans/department.html", {
        "department": department,
        # Only the columns the page shows (DISTINCT compares every column loaded, and the
        # plan's document is hundreds of KB): the links need the plan's code only.
        "goals": Goal.objects.filter(involved).select_related("domain__plan")
        .only("number", "text", "lead", "domain__code", "domain__name", "domain__plan__code")
        .distinct(),
        "measures": Measure.objects.filter(involved).select_related("domain__plan")
        .only("number", "text", "lead", "domain__code", "domain__name", "domain__plan__code")
        .distinct(),
        "indicators": Indicator.objects.filter(involved).select_related("plan")
        .only("code", "name", "unit", "lead", "plan__code").distinct(),
    })
