"""Reassessing plan years in the background, after work that touches many values.

:func:`request_recompute` is called inside an action's transaction (a history
import, a delivery from a child instance): the years are noted as pending in that
transaction and, once it commits, one background job (kind ``assessment.recompute``,
see ``halfsky.web.jobs``) reassesses every pending year of the plan, each once,
however many requests came meanwhile; a year leaves the list in the same transaction
as its reassessment, so a worker killed midway leaves it pending, and
:func:`resume_pending` (each worker, when it starts) takes up pending years whose job
never started. With ``HALFSKY_JOBS_INLINE`` (the test suite) the years are
reassessed at once, after the commit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from halfsky.web.assessments.actions import do_recompute
from halfsky.web.assessments.models import PendingRecompute
from halfsky.web.core.errors import ActionError
from halfsky.web.jobs.runner import submit
from halfsky.web.plans.models import Plan

KIND = "assessment.recompute"


def request_recompute(plan: Plan, years: Iterable[int], actor: Any = None,
                      indicators: Iterable[int] | None = None) -> None:
    """Reassess ``years`` of ``plan`` once the current transaction has committed.

    The years are noted as pending in the caller's transaction, so they commit
    (or roll back) with the change that asked for them, and several requests of
    one transaction reassess each year once. ``indicators``: only the series of these
    indicators changed (the year's other results stay); None: the whole plan."""
    wanted = sorted(set(years))
    if not wanted:
        return
    do_mark_pending(plan, wanted, indicators)
    transaction.on_commit(lambda: _start(plan, actor), robust=True)


def _start(plan: Plan, actor: Any) -> None:
    if settings.HALFSKY_JOBS_INLINE:
        for year in pending_years(plan):
            do_recompute_pending(plan, year, actor)
        return
    start_pending(plan, actor)


def start_pending(plan: Plan, actor: Any = None) -> None:
    """Start the plan's reassessment job unless one runs (it takes the new years too)."""
    if not PendingRecompute.objects.filter(plan=plan).exists():
        return
    try:
        submit(KIND, plan, actor)
    except ActionError:  # job.running: the running job reaches the new years
        pass


@transaction.atomic
def do_mark_pending(plan: Plan, years: Iterable[int], indicators: Iterable[int] | None = None
                    ) -> None:
    """Note the years as pending: for the ``indicators`` given (added to those noted), or
    for the whole plan (None; a year pending for the whole plan stays so)."""
    wanted = sorted(set(indicators)) if indicators is not None else []
    for year in years:
        pending, created = PendingRecompute.objects.select_for_update().get_or_create(
            plan=plan, year=year, defaults={"indicators": wanted})
        if created or not pending.indicators:
            continue
        merged = sorted(set(pending.indicators) | set(wanted)) if wanted else []
        if merged != pending.indicators:
            pending.indicators = merged
            pending.save(update_fields=["indicators"])


def pending_years(plan: Plan) -> list[int]:
    return sorted(PendingRecompute.objects.filter(plan=plan).values_list("year", flat=True))


@transaction.atomic
def do_recompute_pending(plan: Plan, year: int, actor: Any = None) -> None:
    """Reassess a pending year and take it off the list, together: a job killed midway
    (a stopped server, the end of a command) leaves the year pending, never lost. A year
    pending for some indicators judges only the series they reach."""
    pending = PendingRecompute.objects.select_for_update().filter(plan=plan, year=year).first()
    indicators = []
    if pending is not None:
        indicators = pending.indicators
        pending.delete()
    do_recompute(plan, year, actor, indicators or None)


def resume_pending() -> None:
    """Start the reassessment of every plan with pending years that no job will reach
    (each worker does it when it starts): years noted by a server that stopped before
    it started their job, or left by a job that failed, are not lost."""
    for plan in Plan.objects.filter(pk__in=PendingRecompute.objects.values("plan")):
        start_pending(plan)


def follow_up(plan_pk: str) -> None:
    """After the job: years requested while it was finishing get a job of their own."""
    start_pending(Plan.objects.get(pk=plan_pk))


def run_job(plan_pk: str, actor: Any, progress: Callable[[int, str], None]) -> str:
    """Reassess every pending year of the plan (the job's work); the last year's page."""
    plan = Plan.objects.get(pk=plan_pk)
    done: list[int] = []
    while years := pending_years(plan):
        for index, year in enumerate(years):
            progress(min(95, 5 + 90 * index // len(years)), "assessment.step.recompute")
            do_recompute_pending(plan, year, actor)
            done.append(year)
    last = max(done) if done else plan.end_year
    return reverse("assessments:plan", args=[plan.code, last])
