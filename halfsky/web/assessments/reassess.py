"""The one reassessment rule, and the check that reports read fresh assessments.

A value of year Y enters the judgement of Y and of every later year (the
forecast uses the whole series). So any change to a value of year Y — approve,
reopen, correction, import, exchange, aggregate, and a goal rating that judges
qualitative targets from its year on — asks for Y (when it is a plan year) and
every later year of the plan that is assessed or waiting to be, once, in the
background (:func:`halfsky.web.assessments.background.request_recompute`).

A report reads the stored assessments of its year; :func:`ensure_assessed`
reassesses the year first when it is stale (never assessed, or waiting).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from halfsky.web.assessments.actions import do_recompute
from halfsky.web.assessments.background import do_recompute_pending, request_recompute
from halfsky.web.assessments.models import AssessmentResult, PendingRecompute
from halfsky.web.plans.models import Plan


def assessed_years(plan: Plan, since: int) -> set[int]:
    """The plan's years from ``since`` on that are assessed or waiting to be."""
    stored = (AssessmentResult.objects.filter(plan=plan, year__gte=since)
              .order_by("year").values_list("year", flat=True).distinct())
    waiting = PendingRecompute.objects.filter(plan=plan, year__gte=since).values_list(
        "year", flat=True)
    return set(stored) | set(waiting)


def years_to_reassess(plan: Plan, changed_years: Iterable[int]) -> list[int]:
    """Each changed year inside the plan's period, and every later assessed year."""
    changed = set(changed_years)
    if not changed:
        return []
    own = {year for year in changed if plan.baseline_year <= year <= plan.end_year}
    return sorted(own | assessed_years(plan, min(changed)))


def request_reassessment(plan: Plan, changed_years: Iterable[int], actor: Any = None,
                         indicators: Iterable[int] | None = None) -> list[int]:
    """Ask for the reassessment the rule gives for values of ``changed_years``; the years.

    ``indicators``: the plan's indicators whose values changed — an assessed year then
    judges only the series they reach (``do_recompute``); None: the whole plan (a goal
    rating)."""
    years = years_to_reassess(plan, changed_years)
    request_recompute(plan, years, actor, indicators)
    return years


def ensure_assessed(plan: Plan, year: int, actor: Any = None) -> bool:
    """Reassess ``year`` now when it is stale; whether it was."""
    if PendingRecompute.objects.filter(plan=plan, year=year).exists():
        do_recompute_pending(plan, year, actor)
        return True
    if not AssessmentResult.objects.filter(plan=plan, year=year).exists():
        do_recompute(plan, year, actor)
        return True
    return False
