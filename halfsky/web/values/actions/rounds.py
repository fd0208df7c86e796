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
from halfsky.web.values.actions.store import Change, store_values
from halfsky.web.values.models import Observation, Round, Task, ValueStatus, plans_in_force
from halfsky.web.values.scope import RoundKey, round_keys


@transaction.atomic
def do_open_round(year: int, deadline: datetime.date, actor: Any,
                  election_year: bool = False, sample: bool = False) -> Round:
    """Open the round for data year ``year`` for every plan in force that year (baseline
    year ≤ ``year`` ≤ end year): a task per reporting department, a draft per value — a
    value of a series several plans share once.

    Values that already exist for the year (imported history) are kept as they
    are. ``sample`` marks the drafts as demo values (示例数据).
    """
    if actor is not None and not may(actor, "data.open_round"):
        raise ActionError("round.not_allowed")
    if Round.objects.filter(year=year).exists():
        raise ActionError("round.exists", year=year)
    plans = plans_in_force(year)
    if not plans:
        raise ActionError("round.year_outside_plan", year=year)
    round_ = Round.objects.create(year=year, deadline=deadline, election_year=election_year)
    keys = round_keys(plans, year, election_year)
    for department in Department.objects.filter(pk__in=list(keys)).order_by("name"):
        task = Task.objects.create(round=round_, department=department)
        _create_drafts(task, keys[department.pk], year, actor, sample)
        link = reverse("data:task", args=[year, department.code])
        notify(users_with(DEPARTMENT_ROLES, department), "round.opened",
               link, year=year, deadline=deadline.isoformat())
    record("round.open", "round", str(year), actor, deadline=deadline.isoformat(),
           tasks=round_.tasks.count(), plans=[plan.code for plan in plans])
    return round_


def _create_drafts(task: Task, keys: list[RoundKey], year: int, actor: Any,
                   sample: bool) -> None:
    existing = {
        (o.indicator_id, o.area_id, o.breakdown): o
        for o in Observation.objects.filter(
            indicator_id__in={indicator.pk for indicator, _, _ in keys}, year=year)
    }
    new = []
    for indicator, area, breakdown in keys:
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
    record("round.close", "round", str(round_.year), actor)
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
    record("round.reopen", "round", str(round_.year), actor,
           reason=reason[:500])
    _tell_departments(round_, "round.reopened", reason=reason[:200])
    return round_


def _tell_departments(round_: Round, code: str, reason: str) -> None:
    for task in round_.tasks.select_related("department"):
        notify(users_with(DEPARTMENT_ROLES, task.department), code,
               reverse("data:task", args=[round_.year, task.department.code]),
               year=round_.year, reason=reason)
