"""The one writer of values: every change of an observation goes through :func:`store_values`.

The web form, the Excel upload, the workflow steps, the round's drafts, the
import of earlier years, the exchange and the aggregates each say what
changed; the writer then, in one transaction, stores the values (new ones
created, changed ones as a new version where the action makes one — in bulk,
a few queries however many values), a ``ValueChange`` per value, the action's
audit record and, when an approved value changed, tells the followers of
approved values which years of which plans changed (:func:`on_approved_change`;
the assessment registers its reassessment rule there when Django starts —
``halfsky.web.assessments.reassess``: the value's year and every later assessed
year of its plan, once, in the background). The writer sits below the
assessment, so it names no follower itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from halfsky.web.audit.records import record
from halfsky.web.core.users import acting_user
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.values.models import Observation, ValueChange, ValueStatus

BATCH = 2000
# Called in the writer's transaction with (plan, changed years, actor).
Follower = Callable[[Plan, set[int], Any], object]
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
                 write: bool = True, audit: Audit | None = None) -> list[Observation]:
    """Store ``changes`` as ``action`` (the ``ValueChange.action``); the observations.

    ``new_version``: a changed value gets the next version (a save based on the
    older one is then a conflict). ``fields``: the columns a changed value
    writes. ``write=False`` records a step that changes no value (a
    confirmation).
    """
    created = [c.observation for c in changes if c.observation.pk is None]
    _under_series(created)
    updated = [c.observation for c in changes if c.observation.pk is not None]
    if write:
        now = timezone.now()
        for observation in updated:
            observation.updated_at = now
            if new_version:
                observation.version += 1
        _insert_observations(created, now)
        names = {*fields, "updated_at", *(["version"] if new_version else [])}
        Observation.objects.bulk_update(updated, sorted(names), batch_size=BATCH)
    elif created:
        raise ValueError("a new value is always written")
    user = acting_user(actor)
    _insert_changes(changes, getattr(user, "pk", None), action)
    if audit is not None:
        record(audit.action, audit.object_type, audit.object_key, actor, **audit.details)
    _request_reassessment(changes, actor)
    return [c.observation for c in changes]


def _under_series(created: Sequence[Observation]) -> None:
    """A new value of an indicator sharing another plan's series is stored under the
    indicator holding that series (``Indicator.same_as``), once for every plan."""
    linked = dict(Indicator.objects.filter(
        pk__in={o.indicator_id for o in created}, same_as__isnull=False,
    ).values_list("pk", "same_as_id"))
    for observation in created:
        if observation.indicator_id in linked:
            observation.indicator_id = linked[observation.indicator_id]


def _insert(model: type[models.Model], columns: Sequence[str], rows: list[list[Any]]) -> None:
    """One prepared INSERT run for all ``rows`` (executemany), in the caller's transaction:
    no model objects and no SQL compiled per row. Values are ready for the database."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({names}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH * 5):
            cursor.executemany(sql, rows[start:start + BATCH * 5])


OBSERVATION_COLUMNS = ("indicator", "area", "year", "breakdown", "value", "numerator",
                       "denominator", "flag", "note", "explanation", "source", "is_sample",
                       "task", "status", "review_comment", "version", "updated_at")


def _insert_observations(created: list[Observation], now: Any) -> None:
    """New observations in bulk; each gets its id (read back by its unique key)."""
    if not created:
        return
    at = Observation._meta.get_field("updated_at").get_db_prep_save(now, connection)
    _insert(Observation, OBSERVATION_COLUMNS, [
        [o.indicator_id, o.area_id, o.year, o.breakdown, o.value, o.numerator, o.denominator,
         o.flag, o.note, o.explanation, o.source, o.is_sample, o.task_id, o.status,
         o.review_comment, o.version, at] for o in created])
    by_key = {(o.indicator_id, o.area_id, o.year, o.breakdown): o for o in created}
    for pk, *key in Observation.objects.filter(
            indicator_id__in={o.indicator_id for o in created},
            area_id__in={o.area_id for o in created},
            year__in={o.year for o in created}).order_by().values_list(
            "pk", "indicator_id", "area_id", "year", "breakdown"):
        found = by_key.get(tuple(key))
        if found is not None:
            found.pk, found.updated_at = pk, now
            found._state.adding, found._state.db = False, connection.alias


def _insert_changes(changes: Sequence[Change], actor: int | None, action: str) -> None:
    """A ``ValueChange`` per change, in bulk."""
    field = ValueChange._meta.get_field("before")
    at = ValueChange._meta.get_field("at").get_db_prep_save(timezone.now(), connection)
    _insert(ValueChange, ("observation", "at", "actor", "action", "before", "after", "comment"),
            [[c.observation.pk, at, actor, action, field.get_db_prep_save(c.before, connection),
              field.get_db_prep_save(c.observation.snapshot(), connection), c.comment]
             for c in changes])


def _request_reassessment(changes: Sequence[Change], actor: Any) -> None:
    """Approved values enter the assessment: one changed, approved before or after, asks."""
    years: dict[int, set[int]] = {}  # indicator id → changed years
    for change in changes:
        observation = change.observation
        approved = ValueStatus.APPROVED in (change.before.get("status"), observation.status)
        if approved and change.before != observation.snapshot():
            years.setdefault(observation.indicator_id, set()).add(observation.year)
    if not years:
        return
    by_plan: dict[int, set[int]] = {}  # every plan reading the series, linked ones too
    for indicator, series, plan in Indicator.objects.filter(
            Q(pk__in=years) | Q(same_as_id__in=years)).values_list("pk", "same_as_id", "plan_id"):
        by_plan.setdefault(plan, set()).update(years.get(indicator, set()) | years.get(series, set()))
    for plan in Plan.objects.filter(pk__in=by_plan):
        for follower in _FOLLOWERS:
            follower(plan, by_plan[plan.pk], actor)
