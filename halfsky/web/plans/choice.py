"""The current plan chooser: which plan a user works in when the address names none.

Every plan page is reached under its plan (``/plans/<code>/…``); visiting one makes that
plan the user's current plan (``remember_plan``, kept on the user's profile as the plan's
code). ``chosen_plan`` is the one place that falls back when the user has chosen none (or
the chosen plan is gone): the most recently started plan in force this year, else the
newest plan. No other code picks a plan by order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from halfsky.web.core.text.plans import short_plan_name
from halfsky.web.orgs.models import Profile
from halfsky.web.plans.models import Plan


@dataclass(frozen=True)
class PlanChoices:
    """The chooser's lists: plans in force this year, plans not started yet, closed plans."""

    in_force: list[Plan]
    upcoming: list[Plan]
    closed: list[Plan]
    names: dict[str, str]  # plan code → short name (妇女 2021–2025)


def this_year() -> int:
    return timezone.localdate().year


def is_closed(plan: Plan, year: int | None = None) -> bool:
    return plan.end_year < (year or this_year())


def short_names(plans: list[Plan]) -> dict[str, str]:
    """Each plan's short name (妇女 2021–2025, 儿童 2021–2025) by code; the region's name
    leads the names that two plans of different regions would share."""
    plain = {p.code: short_plan_name(p.subject, p.start_year, p.end_year, p.title)
             for p in plans}
    shared = {name for name, count in Counter(plain.values()).items() if count > 1}
    return {p.code: short_plan_name(p.subject, p.start_year, p.end_year, p.title,
                                    p.region.name if plain[p.code] in shared else "")
            for p in plans}


def all_plans() -> list[Plan]:
    """Every stored plan, the most recently started first."""
    return list(Plan.objects.select_related("region").order_by("-start_year", "code"))


def plan_choices(year: int | None = None, plans: list[Plan] | None = None) -> PlanChoices:
    """The chooser's lists of ``plans`` (``all_plans()`` unless given)."""
    year = year or this_year()
    plans = all_plans() if plans is None else plans
    return PlanChoices(
        in_force=[p for p in plans if p.start_year <= year <= p.end_year],
        upcoming=[p for p in plans if p.start_year > year],
        closed=[p for p in plans if p.end_year < year], names=short_names(plans))


def _remembered_code(user: Any) -> str:
    profile = getattr(user, "profile", None) if getattr(user, "is_authenticated", False) else None
    return profile.current_plan_code if profile is not None else ""


def chosen_plan(user: Any) -> Plan | None:
    """The user's current plan: the one last visited or chosen; else the most recently
    started plan in force; else the newest plan; None when no plan is stored."""
    code = _remembered_code(user)
    plans = Plan.objects.select_related("region")
    if code:
        remembered = plans.filter(code=code).first()
        if remembered is not None:
            return remembered
    year = this_year()
    in_force = plans.filter(start_year__lte=year, end_year__gte=year).order_by("-start_year", "code")
    return in_force.first() or plans.order_by("-start_year", "code").first()


def chosen_from(user: Any, plans: list[Plan]) -> Plan | None:
    """``chosen_plan``'s answer picked from ``plans`` (``all_plans()``, in its order): the top
    bar, which lists every plan anyway, asks no second query."""
    code = _remembered_code(user)
    remembered = next((plan for plan in plans if plan.code == code), None) if code else None
    if remembered is not None:
        return remembered
    year = this_year()
    in_force = [plan for plan in plans if plan.start_year <= year <= plan.end_year]
    return in_force[0] if in_force else (plans[0] if plans else None)


def remember_plan(user: Any, plan: Plan) -> None:
    """Make ``plan`` the user's current plan (a preference: not audited)."""
    if not getattr(user, "is_authenticated", False):
        return
    Profile.objects.filter(user=user).exclude(current_plan_code=plan.code).update(
        current_plan_code=plan.code)
    profile = getattr(user, "profile", None)
    if profile is not None:
        profile.current_plan_code = plan.code
