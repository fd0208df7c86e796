"""Opening and closing reporting rounds."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from halfsky.web.audit.records import record
from halfsky.web.core.errors import ActionError
from halfsky.web.core.notifications import notify
from halfsky.web.orgs.models import Department
from halfsky.web.orgs.permissions import DEPARTMENT_ROLES, may
from halfsky.web.orgs.queries import users_with
from halfsky.web.plans.models import Plan
from halfsky.web.values.actions.store import Change, store_values
from halfsky.web.values.models import Observation, Round, Task, ValueStatus
from halfsky.web.values.scope import task_keys


@transaction.atomic
def do_open_round(plan: Plan, year: int, deadline: datetime.date, actor: Any,
                  election_year: bool = False, sample: bool = False) -> Round:
    """Open the round for data year ``year``: a task per reporting department, a draft per value.

    Values that already exist for the year (imported history) are kept as they
    are. ``sample`` marks the drafts as demo values (示例数据).
    """
    if actor is not None and not may(actor, "data.open_round"):
        raise ActionError("round.not_allowed")
    if Round.objects.filter(plan=plan, year=year).exists():
        raise ActionError("round.exists", year=year)
    if not plan.start_year - 1 <= year <= plan.end_year:
        raise ActionError("round.year_outside_plan", year=year, start=plan.start_year,
                          end=plan.end_year)
    round_ = Round.objects.create(plan=plan, year=year, deadline=deadline,
                                  election_year=election_year)
    departments = Department.objects.filter(led_indicators__plan=plan).distinct()
    for department in departments:
        if not any(task_keys(plan, department.pk, year, election_year)):
            continue  # nothing to report this year (census or election indicators only)
        task = Task.objects.create(round=round_, department=department)
        _create_drafts(task, plan, year, election_year, actor, sample)
        link = reverse("data:task", args=[year, department.code])
        notify(users_with(DEPARTMENT_ROLES, department), "round.opened",
               link, year=year, deadline=deadline.isoformat())
    record("round.open", "round", f"{plan.code}/{year}", actor, deadline=deadline.isoformat(),
           tasks=round_.tasks.count())
    return round_


def _create_drafts(task: Task, plan: Plan, year: int, election_year: bool, actor: Any,
                   sample: bool) -> None:
    existing = {
        (o.indicator_id, o.area_id, o.breakdown): o
        for o in Observation.objects.filter(indicator__plan=plan, year=year,
                                            indicator__lead=task.department)
    }
    new = []
    for indicator, area, breakdown in task_keys(plan, task.department_id, year, election_year):
        found = existing.get((indicator.pk, area.pk, breakdown))
        if found is None:
            new.append(Observation(indicator=indicator, area=area, year=year, breakdown=breakdown,
                                   task=task, status=ValueStatus.DRAFT, value=None,
                                   is_sample=sample))
        elif found.task_id is None:
            found.task = task
            found.save(update_fields=["task"])
    store_values([Change(o) for o in new], "open", actor)


@transaction.atomic
def do_close_round(round_: Round, actor: Any) -> Round:
    """Close the round (after its deadline): the departments enter, submit and confirm no
    more; the statistics bureau finishes its review. A late change needs the round reopened
    with a reason (``do_reopen_round``)."""
    if not may(actor, "data.open_round"):
        raise ActionError("round.not_allowed")
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.closed_at is not None:
        raise ActionError("round.closed", year=round_.year)
    round_.closed_at = timezone.now()
    round_.save(update_fields=["closed_at"])
    record("round.close", "round", f"{round_.plan.code}/{round_.year}", actor)
    _tell_departments(round_, "round.closed_notice", reason="")
    return round_


@transaction.atomic
def do_reopen_round(round_: Round, reason: str, actor: Any) -> Round:
    """Open a closed round again for late changes; the reason is recorded and told."""
    if not may(actor, "data.open_round"):
        raise ActionError("round.not_allowed")
    reason = reason.strip()
    if not reason:
        raise ActionError("round.reason_required")
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if round_.closed_at is None:
        raise ActionError("round.not_closed", year=round_.year)
    round_.closed_at = None
    round_.save(update_fields=["closed_at"])
    record("round.reopen", "round", f"{round_.plan.code}/{round_.year}", actor,
           reason=reason[:500])
    _tell_departments(round_, "round.reopened", reason=reason[:200])
    return round_


def _tell_departments(round_: Round, code: str, reason: str) -> None:
    for task in round_.tasks.select_related("department"):
        notify(users_with(DEPARTMENT_ROLES, task.department), code,
               reverse("data:task", args=[round_.year, task.department.code]),
               year=round_.year, reason=reason)
