"""The menu each role sees (one table, so pages and tests agree), for every page, and the
top bar's current plan chooser. The menu's plan pages are the current plan's.

It names pages of every app, so it sits above them (beside ``urls``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from halfsky.web.core.addresses import reverse
from halfsky.web.core.notifications import unread_count
from halfsky.web.orgs.permissions import department_of, is_department_bound, may, role_of
from halfsky.web.plans.choice import all_plans, chosen_from, chosen_plan, is_closed, plan_choices
from halfsky.web.plans.models import Plan


@dataclass(frozen=True)
class MenuItem:
    key: str
    label: str | Promise
    url: str
    group: str


@dataclass(frozen=True)
class MenuGroup:
    """One menu of the top bar; with a single entry it is shown as that entry's link."""

    key: str
    label: str | Promise
    items: tuple[MenuItem, ...]


# The top bar's menus, in order: 规划 / 数据 / 评估 / 报告 / 交换 / 管理.
GROUPS: tuple[tuple[str, str | Promise], ...] = (
    ("plan", pgettext_lazy("menu group", "Plan")),
    ("data", pgettext_lazy("menu group", "Data")),
    ("assessment", pgettext_lazy("menu group", "Assessment")),
    ("reports", pgettext_lazy("menu group", "Reports")),
    ("exchange", pgettext_lazy("menu group", "Exchange")),
    ("admin", pgettext_lazy("menu group", "Admin")),
)


def menu_for(user: Any, plan: Plan | None = None) -> list[MenuItem]:
    """The user's menu entries, each naming its group; its plan pages are those of ``plan``
    (the user's current plan when none is given)."""
    if not may(user, "orgs.use_site"):
        return []
    plan = plan or chosen_plan(user)
    items: list[MenuItem] = []

    def add(group: str, key: str, label: str | Promise, url: str) -> None:
        items.append(MenuItem(key, label, url, group))

    code = [plan.code] if plan is not None else []
    if plan is not None:
        add("plan", "dashboard", _("Overview"), reverse("dashboards:overview", args=code))
        add("plan", "plan", pgettext_lazy("menu", "Plan overview"),
            reverse("plans:overview", args=code))
        add("plan", "indicators", _("Indicators"), reverse("plans:indicators", args=code))
    department = department_of(user)
    if is_department_bound(user) and department is not None:
        add("plan", "my_department", _("My department"),
            reverse("departments:detail", args=[department.code]))
    elif not is_department_bound(user):
        add("plan", "departments", _("Departments"), reverse("departments:list"))
    if plan is not None:
        add("plan", "search", _("Search"), reverse("plans:search", args=code))
    if may(user, "imports.import_plan"):
        add("plan", "imports", _("Plan import"), reverse("imports:list"))
    if plan is not None:
        add("data", "rounds", _("Reporting"), reverse("data:rounds"))
        if may(user, "data.import_earlier_years"):
            add("data", "earlier_years", pgettext_lazy("menu", "Import of earlier years"),
                reverse("earlier_years:upload", args=code))
        add("assessment", "assessment", _("Assessment"),
            reverse("assessments:index", args=code))
        add("assessment", "warnings", _("Warnings"), reverse("assessments:warnings", args=code))
        add("reports", "reports", _("Reports"), reverse("reports:index", args=code))
        if may(user, "reports.read_year_report"):
            add("reports", "year_reports", pgettext_lazy("menu", "Departments' yearly reports"),
                reverse("reports:year_index", args=code))
        if may(user, "exchange.view_exchange"):
            add("exchange", "exchange", _("Exchange"), reverse("exchange:index", args=code))
    if may(user, "security.read_audit"):
        add("admin", "audit", _("Audit trail"), reverse("security:audit"))
        add("admin", "lockouts", _("Lockouts"), reverse("security:lockouts"))
    if may(user, "orgs.use_admin"):
        add("admin", "admin", _("Administration"), reverse("admin:index"))
    return items


def menu_groups(items: list[MenuItem]) -> list[MenuGroup]:
    """The entries by menu, in the top bar's order; a menu without entries is left out."""
    groups = [MenuGroup(key, label, tuple(i for i in items if i.group == key))
              for key, label in GROUPS]
    return [group for group in groups if group.items]


def chooser_for(user: Any, plan: Plan | None, plans: list[Plan] | None = None
                ) -> dict[str, Any] | None:
    """The top bar's chooser: the current plan, the plans in force, not started yet, closed
    (of ``plans``, every stored plan, when the caller has them)."""
    if plan is None or not may(user, "orgs.use_site"):
        return None
    choices = plan_choices(plans=plans)

    def named(plans: list[Plan]) -> list[tuple[Plan, str]]:
        return [(p, choices.names[p.code]) for p in plans]

    return {"current": plan, "closed": is_closed(plan), "in_force": named(choices.in_force),
            "upcoming": named(choices.upcoming), "closed_plans": named(choices.closed),
            "several": len(choices.in_force) + len(choices.upcoming) + len(choices.closed) > 1}


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    role = role_of(user)
    unread = 0
    plan = None
    plans: list[Plan] = []
    if role is not None:
        unread = unread_count(user)
        plans = all_plans()  # the chooser lists them all: the current plan is one of them
        plan = chosen_from(user, plans)
    menu = menu_for(user, plan)
    return {
        "menu_groups": menu_groups(menu),
        "menu_current_group": next((i.group for i in menu if i.url == request.path), ""),
        "plan_chooser": chooser_for(user, plan, plans),
        "unread_notifications": unread,
        "current_role": role.label if role is not None else "",
        "current_department": department_of(user) if is_department_bound(user) else None,
    }
