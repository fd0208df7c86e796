"""The menu each role sees (one table, so pages and tests agree), for every page, and the
top bar's current plan chooser. The menu's plan pages are the current plan's.

It names pages of every app, so it sits above them (beside ``urls``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from halfsky.web.core.notifications import unread_count
from halfsky.web.orgs.permissions import department_of, is_department_bound, may, role_of
from halfsky.web.plans.choice import chosen_plan, is_closed, plan_choices
from halfsky.web.plans.models import Plan


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str | Promise
    url: str


def menu_for(user: Any, plan: Plan | None = None) -> list[MenuItem]:
    """The user's menu; its plan pages are those of ``plan`` (the user's current plan when
    none is given)."""
    if not may(user, "orgs.use_site"):
        return []
    plan = plan or chosen_plan(user)
    items: list[MenuItem] = []
    if plan is not None:
        code = [plan.code]
        items.append(MenuItem("dashboard", _("Overview"), reverse("dashboards:overview", args=code)))
        items.append(MenuItem("plan", _("Plan"), reverse("plans:overview", args=code)))
        items.append(MenuItem("indicators", _("Indicators"), reverse("plans:indicators", args=code)))
        items.append(MenuItem("rounds", _("Reporting"), reverse("data:rounds")))
        items.append(MenuItem("assessment", _("Assessment"), reverse("assessments:index", args=code)))
        items.append(MenuItem("warnings", _("Warnings"), reverse("assessments:warnings", args=code)))
        items.append(MenuItem("reports", _("Reports"), reverse("reports:index", args=code)))
        if may(user, "exchange.view_exchange"):
            items.append(MenuItem("exchange", _("Exchange"), reverse("exchange:index", args=code)))
    department = department_of(user)
    if is_department_bound(user) and department is not None:
        items.append(MenuItem("my_department", _("My department"),
                              reverse("departments:detail", args=[department.code])))
    elif not is_department_bound(user):
        items.append(MenuItem("departments", _("Departments"), reverse("departments:list")))
    if plan is not None:
        items.append(MenuItem("search", _("Search"), reverse("plans:search", args=[plan.code])))
    if may(user, "imports.import_plan"):
        items.append(MenuItem("imports", _("Plan import"), reverse("imports:list")))
    if may(user, "security.read_audit"):
        items.append(MenuItem("audit", _("Audit trail"), reverse("security:audit")))
        items.append(MenuItem("lockouts", _("Lockouts"), reverse("security:lockouts")))
    if may(user, "orgs.use_admin"):
        items.append(MenuItem("admin", _("Administration"), reverse("admin:index")))
    return items


def chooser_for(user: Any, plan: Plan | None) -> dict[str, Any] | None:
    """The top bar's chooser: the current plan, the plans in force, not started yet, closed."""
    if plan is None or not may(user, "orgs.use_site"):
        return None
    choices = plan_choices()
    return {"current": plan, "closed": is_closed(plan), "in_force": choices.in_force,
            "upcoming": choices.upcoming, "closed_plans": choices.closed,
            "several": len(choices.in_force) + len(choices.upcoming) + len(choices.closed) > 1}


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    role = role_of(user)
    unread = 0
    plan = None
    if role is not None:
        unread = unread_count(user)
        plan = chosen_plan(user)
    return {
        "menu": menu_for(user, plan),
        "plan_chooser": chooser_for(user, plan),
        "unread_notifications": unread,
        "current_role": role.label if role is not None else "",
        "current_department": department_of(user) if is_department_bound(user) else None,
    }
