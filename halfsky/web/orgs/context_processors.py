"""The menu each role sees (one table, so pages and tests agree)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from halfsky.web.orgs.permissions import department_of, role_of
from halfsky.web.orgs.roles import ADMIN_ROLES, DEPARTMENT_ROLES, Role

ALL_ROLES = frozenset(Role)


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str | Promise
    url: str


def menu_for(user: Any) -> list[MenuItem]:
    from halfsky.web.plans.models import Plan

    role = role_of(user)
    if role is None:
        return []
    plan = Plan.objects.only("code").first()
    items: list[MenuItem] = []
    if plan is not None:
        items.append(MenuItem("dashboard", _("Overview"), reverse("home")))
        items.append(MenuItem("plan", _("Plan"), reverse("plans:overview", args=[plan.code])))
        items.append(MenuItem("indicators", _("Indicators"),
                              reverse("plans:indicators", args=[plan.code])))
        items.append(MenuItem("rounds", _("Reporting"), reverse("data:rounds")))
        items.append(MenuItem("assessment", _("Assessment"), reverse("assessments:index")))
        items.append(MenuItem("warnings", _("Warnings"), reverse("assessments:warnings")))
        items.append(MenuItem("reports", _("Reports"), reverse("reports:index")))
        if role not in DEPARTMENT_ROLES:
            items.append(MenuItem("exchange", _("Exchange"), reverse("exchange:index")))
    department = department_of(user)
    if role in DEPARTMENT_ROLES and department is not None:
        items.append(MenuItem("my_department", _("My department"),
                              reverse("orgs:department", args=[department.code])))
    elif role not in DEPARTMENT_ROLES:
        items.append(MenuItem("departments", _("Departments"), reverse("orgs:departments")))
    if plan is not None:
        items.append(MenuItem("search", _("Search"), reverse("plans:search", args=[plan.code])))
    if role in (Role.COORDINATOR, Role.ADMINISTRATOR):
        items.append(MenuItem("imports", _("Plan import"), reverse("imports:list")))
    if role == Role.ADMINISTRATOR:
        items.append(MenuItem("audit", _("Audit trail"), reverse("security:audit")))
        items.append(MenuItem("lockouts", _("Lockouts"), reverse("security:lockouts")))
    if role in ADMIN_ROLES:
        items.append(MenuItem("admin", _("Administration"), reverse("admin:index")))
    return items


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    role = role_of(user)
    unread = 0
    if role is not None:
        from halfsky.web.data.models import Notification

        unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
    return {
        "menu": menu_for(user),
        "unread_notifications": unread,
        "current_role": role.label if role is not None else "",
        "current_department": department_of(user) if role in DEPARTMENT_ROLES else None,
    }
