"""The overview's plan-wide aggregates, cached per plan and year (Django's cache framework).

What is cached does not depend on who asks: each indicator's status, the
domains and, per department (or for all), the warnings by kind and by
department. The key names the plan, the year, the newest assessment of that
year (a reassessment makes a new key, in every server process) and the plan's
version, which the value writer's followers raise when an approved value
changes (:func:`forget`, registered in ``DashboardsConfig.ready``). The cache is
Django's ``default`` (local memory per process unless ``CACHES`` says otherwise).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max

from halfsky.web.assessments.models import AssessmentResult
from halfsky.web.plans.models import Plan

TIMEOUT = 600  # seconds; a missed change is seen after at most this long
T = TypeVar("T")


def _version_key(plan_pk: int) -> str:
    return f"halfsky:overview:{plan_pk}:version"


def forget(plan: Plan, years: Iterable[int] = (), actor: Any = None,
           indicators: Iterable[int] = ()) -> None:
    """A follower of approved changes: the plan's cached overview is not used again."""

    def bump() -> None:
        try:
            cache.incr(_version_key(plan.pk))
        except ValueError:  # no version yet
            cache.set(_version_key(plan.pk), 1, None)

    bump()
    transaction.on_commit(bump, robust=True)  # a request meanwhile cached the old values


def cached(plan: Plan, year: int, part: str, compute: Callable[[], T]) -> T:
    """``compute()``, or its stored result for this plan, year and state of both."""
    newest = (AssessmentResult.objects.filter(plan=plan, year=year).order_by()
              .aggregate(newest=Max("computed_at"))["newest"])
    stamp = newest.timestamp() if newest is not None else 0
    version = cache.get(_version_key(plan.pk), 0)
    key = f"halfsky:overview:{plan.pk}:{year}:{stamp}:{version}:{part}"
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    return found  # type: ignore[no-any-return]
