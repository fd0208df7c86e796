"""The one writer of values: every change of an observation goes through :func:`store_values`.

The web form, the Excel upload, the workflow steps, the round's drafts, the
import of earlier years, the exchange and the aggregates each say what
changed; the writer then, in one transaction, stores the values (new ones
created, changed ones as a new version where the action makes one — in bulk,
a few queries however many values), a ``ValueChange`` per value, the action's
audit record and, when an approved value changed, tells the followers of
approved values which years of which plans and which of their indicators changed
(:func:`on_approved_change`;
the assessment registers its reassessment rule there when Django starts —
``halfsky.web.assessments.reassess``: the value's year and every later assessed
year of its plan, once, in the background). The writer sits below the
assessment, so it names no follower itself.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from halfsky.web.audit.records import record
from halfsky.web.core.bulk import insert_rows, new_ids
from halfsky.web.core.users import acting_user
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.values.models import Observation, ValueChange, ValueStatus

BATCH = 2000
# Called in the writer's transaction with (plan, changed years, actor, the ids of the
# plan's indicators whose series changed).
Follower = Callable[[Plan, set[int], Any, set[int]], object]
_FOLLOWERS: list[Follower] = []


def on_approved_change(follower: Follower) -> None:
    """Have ``follower`` told, in the writer's transaction, of every change of approved values."""
    if follower not in _FOLLOWERS:
        _FOLLOWERS.append(follower)
SAVED_FIELDS = ("value", "numerator", "denominator", "flag", "note", "source", "explanation",
                "is_sample", "status", "review_comment", "task")


@dataclass
class Change:
    """One value as it is to be stored, with its snapshot from before ({} for a new value)."""

    observation: Observation
    before: dict[str, object] = field(default_factory=dict)
    comment: str = ""


class NewValue(NamedTuple):
    """A new value as a plain row (no model instance): the bulk writers' form (history
    import), written with the database's bulk path and a ``ValueChange`` each.
    ``indicator_id`` is the indicator holding the series (``Indicator.series_id``).
    The fields up to ``explanation`` are columns of the observation, in ``NEW_COLUMNS``'
    order (a row's first 13 values are inserted as they are)."""

    indicator_id: int
    area_id: int
    year: int
    breakdown: str
    value: float | None
    numerator: float | None
    denominator: float | None
    flag: str
    note: str
    source: str
    status: str
    is_sample: bool = False
    explanation: str = ""
    comment: str = ""

    def snapshot(self) -> dict[str, object]:
        """As ``Observation.snapshot``: the ``after`` of its history step."""
        return {"value": self.value, "numerator": self.numerator,
                "denominator": self.denominator, "flag": self.flag, "note": self.note,
                "source": self.source, "explanation": self.explanation, "status": self.status}


@dataclass(frozen=True)
class Audit:
    """The audit record of the action that changed the values."""

    action: str
    object_type: str
    object_key: str
    details: dict[str, Any] = field(default_factory=dict)


@transaction.atomic
def store_values(changes: Sequence[Change], action: str, actor: Any = None, *,
                 new_version: bool = True, fields: Sequence[str] = SAVED_FIELDS,
                 write: bool = True, audit: Audit | None = None,
                 new_rows: Sequence[NewValue] = ()) -> list[Observation]:
    """Store ``changes`` as ``action`` (the ``ValueChange.action``); the observations.

    ``new_rows``: new values as plain rows (no ``Observation`` built; not returned),
    inserted with one set-based statement (PostgreSQL ``COPY``, SQLite ``executemany``)
    and a history step each.

    ``new_version``: a changed value gets the next version (a save based on the
    older one is then a conflict). ``fields``: the columns a changed value
    writes. ``write=False`` records a step that changes no value (a
    confirmation).
    """
    created = [c.observation for c in changes if c.observation.pk is None]
    _under_series(created)
    updated = [c.observation for c in changes if c.observation.pk is not None]
    row_ids: list[int] = []
    if write:
        now = timezone.now()
        for observation in updated:
            observation.updated_at = now
            if new_version:
                observation.version += 1
        _insert_observations(created, now)
        names = {*fields, "updated_at", *(["version"] if new_version else [])}
        Observation.objects.bulk_update(updated, sorted(names), batch_size=BATCH)
        row_ids = _insert_rows(new_rows, now)
    elif created or new_rows:
        raise ValueError("a new value is always written")
    user = acting_user(actor)
    actor_pk = getattr(user, "pk", None)
    afters = [c.observation.snapshot() for c in changes]
    _insert_changes([(c.observation.pk, json.dumps(c.before), json.dumps(after), c.comment)
                     for c, after in zip(changes, afters, strict=True)]
                    + list(zip(row_ids, ["{}"] * len(new_rows), snapshots_json(new_rows),
                               [row.comment for row in new_rows], strict=True)),
                    actor_pk, action)
    if audit is not None:
        record(audit.action, audit.object_type, audit.object_key, actor, **audit.details)
    years = _changed_years([(c.observation.indicator_id, c.observation.year, c.before,
                             c.observation.status, after)
                            for c, after in zip(changes, afters, strict=True)])
    for row in new_rows:  # a new value has no "before": approved, it changed its series
        if row.status == ValueStatus.APPROVED:
            years.setdefault(row.indicator_id, set()).add(row.year)
    _request_reassessment(years, actor)
    return [c.observation for c in changes]


def _under_series(created: Sequence[Observation]) -> None:
    """A new value of an indicator sharing another plan's series is stored under the
    indicator holding that series (``Indicator.same_as``), once for every plan."""
    linked = dict(Indicator.objects.filter(
        pk__in={o.indicator_id for o in created}, same_as__isnull=False,
    ).values_list("pk", "same_as_id")) if created else {}
    for observation in created:
        if observation.indicator_id in linked:
            observation.indicator_id = linked[observation.indicator_id]


OBSERVATION_COLUMNS = ("indicator", "area", "year", "breakdown", "value", "numerator",
                       "denominator", "flag", "note", "explanation", "source", "is_sample",
                       "task", "status", "review_comment", "version", "updated_at")


def _insert_observations(created: list[Observation], now: Any) -> None:
    """New observations in bulk; each gets its id."""
    at = Observation._meta.get_field("updated_at").get_db_prep_save(now, connection)
    ids = _insert_values([
        (o.indicator_id, o.area_id, o.year, o.breakdown, o.value, o.numerator, o.denominator,
         o.flag, o.note, o.explanation, o.source, o.is_sample, o.task_id, o.status,
         o.review_comment, o.version, at) for o in created])
    for observation, pk in zip(created, ids, strict=True):
        observation.pk, observation.updated_at = pk, now
        observation._state.adding, observation._state.db = False, connection.alias


NEW_COLUMNS = ("indicator", "area", "year", "breakdown", "value", "numerator", "denominator",
               "flag", "note", "source", "status", "is_sample", "explanation",
               "review_comment", "version", "updated_at")  # NewValue's first 13, then 3


def _insert_rows(rows: Sequence[NewValue], now: Any) -> list[int]:
    """New values given as rows, in bulk; their ids, in the rows' order."""
    at = Observation._meta.get_field("updated_at").get_db_prep_save(now, connection)
    tail = ("", 1, at)
    return _insert_values([row[:13] + tail for row in rows], NEW_COLUMNS)


def _insert_values(values: list[tuple[Any, ...]],
                   columns: Sequence[str] = OBSERVATION_COLUMNS) -> list[int]:
    """Rows of ``columns`` inserted in bulk; their ids in the same order (taken before the
    insert: ``new_ids``)."""
    ids = new_ids(Observation, len(values))
    insert_rows(Observation, ("id", *columns),
                [(pk, *row) for pk, row in zip(ids, values, strict=True)])
    return ids


CHANGE_COLUMNS = ("observation", "at", "actor", "action", "before", "after", "comment")


def _insert_changes(steps: Sequence[tuple[int, str, str, str]], actor: int | None,
                    action: str) -> None:
    """A ``ValueChange`` per (observation id, before, after as JSON text, comment), in bulk."""
    if not steps:
        return
    at = ValueChange._meta.get_field("at").get_db_prep_save(timezone.now(), connection)
    insert_rows(ValueChange, CHANGE_COLUMNS, [
        (pk, at, actor, action, before, after, comment) for pk, before, after, comment in steps])


def snapshots_json(rows: Sequence[NewValue]) -> list[str]:
    """``json.dumps(row.snapshot())`` of every row, the same text, at a fraction of the
    cost: each distinct text (a source, a note, the status …) is dumped once per call, and
    a finite number written as ``json`` writes it (``repr``)."""
    dumped: dict[str, str] = {}

    def text(value: str) -> str:
        found = dumped.get(value)
        if found is None:
            found = dumped[value] = json.dumps(value)
        return found

    return [f'{{"value": {_number(r.value)}, "numerator": {_number(r.numerator)}, '
            f'"denominator": {_number(r.denominator)}, "flag": {text(r.flag)}, '
            f'"note": {text(r.note)}, "source": {text(r.source)}, '
            f'"explanation": {text(r.explanation)}, "status": {text(r.status)}}}'
            for r in rows]


def _number(value: float | None) -> str:
    if value is None:
        return "null"
    if type(value) is float and math.isfinite(value):
        return repr(value)  # as json.dumps writes it
    return json.dumps(value)


Step = tuple[int, int, dict[str, object], str, dict[str, object]]  # indicator, year, before, …


def _changed_years(steps: Sequence[Step]) -> dict[int, set[int]]:
    """Approved values enter the assessment: one changed, approved before or after, counts.
    Indicator id → its changed years."""
    years: dict[int, set[int]] = {}
    for indicator, year, before, status, after in steps:
        approved = ValueStatus.APPROVED in (before.get("status"), status)
        if approved and before != after:
            years.setdefault(indicator, set()).add(year)
    return years


def _request_reassessment(years: dict[int, set[int]], actor: Any) -> None:
    """The followers are told of the changed years of every plan reading a changed series."""
    if not years:
        return
    by_plan: dict[int, set[int]] = {}  # every plan reading the series, linked ones too
    changed: dict[int, set[int]] = {}  # plan → its indicators reading a changed series
    for indicator, series, plan in Indicator.objects.filter(
            Q(pk__in=years) | Q(same_as_id__in=years)).values_list("pk", "same_as_id", "plan_id"):
        by_plan.setdefault(plan, set()).update(years.get(indicator, set()) | years.get(series, set()))
        changed.setdefault(plan, set()).add(indicator)
    for plan in Plan.objects.filter(pk__in=by_plan).defer("document"):
        for follower in _FOLLOWERS:
            follower(plan, by_plan[plan.pk], actor, changed[plan.pk])
