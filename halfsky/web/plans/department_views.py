"""Department pages: what a member unit leads and supports.

A department reporter or head sees only the own department: another
department's page answers 403.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from halfsky.web.orgs.models import Department
from halfsky.web.orgs.permissions import role_of
from halfsky.web.plans.models import Goal, Indicator, Measure


@login_required
def department_list(request: HttpRequest) -> HttpResponse:
    if role_of(request.user) is None:
        raise PermissionDenied("no role")
    departments = Department.objects.restrict(request.user)
    return render(request, "plans/department_list.html", {"departments": departments})


@login_required
def department_detail(request: HttpRequest, code: str) -> HttpResponse:
    department = get_object_or_404(Department, code=code)
    if not Department.objects.restrict(request.user).filter(pk=department.pk).exists():
        raise PermissionDenied("another department")
    involved = Q(lead=department) | Q(supporting=department)
    return render(request, "plans/department.html", {
        "department": department,
        "goals": Goal.objects.filter(involved).select_related("domain__plan", "lead").distinct(),
        "measures": Measure.objects.filter(involved).select_related("domain__plan", "lead").distinct(),
        "indicators": Indicator.objects.filter(involved)
        .select_related("plan", "goal__domain", "lead").distinct(),
    })
