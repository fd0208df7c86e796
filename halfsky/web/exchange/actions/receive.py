"""Receiving a child's values on the parent instance: the only code that writes them.

:func:`do_receive` stores one batch in one transaction: a batch already
received (same area, same content id) changes nothing; a value for another
area refuses the whole batch; each value is created, replaces the earlier
version the exchange stored, is already there, or — when the stored value came
from another source or was changed here since — becomes a ``Conflict`` that a
person settles with :func:`do_resolve_conflict` (the conflict watchers get one
notification per delivery: "N conflicts"). A batch that names the same value twice is
refused as a whole (``exchange.repeated_keys``, naming the keys), and so is a batch with a
value the web form's checks refuse (``exchange.refused_values``, 422, each problem with its
key, code and message: a negative count, a rate above its scale, an unusual value its note
does not explain). The values are written by the
one writer (``store_values``, which also asks for the reassessment of their
years and the later assessed ones); afterwards the parent area's aggregates
are recomputed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from halfsky.domain import exchange
from halfsky.domain.validation import Entry, validate
from halfsky.web.audit.records import record
from halfsky.web.core.errors import ActionError
from halfsky.web.core.notifications import notify
from halfsky.web.core.text import sentence
from halfsky.web.core.users import acting_user
from halfsky.web.exchange.actions.access import require_admin
from halfsky.web.exchange.actions.aggregates import do_aggregate
from halfsky.web.exchange.models import (
    ChildAccess,
    Conflict,
    ConflictState,
    Delivery,
    Outcome,
    ReceivedValue,
)
from halfsky.web.orgs.models import Area
from halfsky.web.orgs.permissions import CONFLICT_WATCHERS
from halfsky.web.orgs.queries import users_with
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import domain_plan
from halfsky.web.values.actions.store import Change, store_values
from halfsky.web.values.checks import refusals, rules_for
from halfsky.web.values.models import Observation, ValueStatus

NUMBER_FIELDS = ("value", "numerator", "denominator", "flag")


@dataclass
class ReceiveSummary:
    batch: str
    repeated: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    unknown: list[str] = field(default_factory=list)
    conflicts_opened: int = 0


def _numbers(row: Any) -> exchange.Numbers:
    return (row.value, row.numerator, row.denominator, row.flag)


@transaction.atomic
def do_receive(area: Area, batch: str, values: Sequence[exchange.ExchangeValue],
               *, method: str, instance: str = "", access: ChildAccess | None = None,
               actor: Any = None) -> ReceiveSummary:
    """Store one batch of a child area's values; a batch received before changes nothing.

    Each value goes to the first plan of the child's parent area that tracks its
    indicator, the plans whose period holds its year tried first.
    """
    plans = list(Plan.objects.select_related("region").filter(region=area.parent_id))
    if area.parent_id is None or not plans:
        raise ActionError("exchange.not_a_child", area=area.name)
    earlier = Delivery.objects.filter(area=area, batch=batch).first()
    if earlier is not None:  # what it did then is done: its values are all there now
        stored = sum(earlier.counts.get("outcomes", {}).values())
        return ReceiveSummary(batch, True, {"unchanged": stored} if stored else {},
                              list(earlier.counts.get("unknown", [])))
    if batch != exchange.batch_id(values):
        raise ActionError("exchange.bad_batch")
    for value in values:
        if value.area != area.code:
            raise ActionError("exchange.other_area", area=value.area, allowed=area.code)
    repeated = repeated_keys(values)
    if repeated:  # which of the copies is right is the sender's to say: nothing is stored
        raise ActionError("exchange.repeated_keys", count=len(repeated),
                          keys=", ".join(repeated[:20]))
    summary = ReceiveSummary(batch)
    by_plan = _map_to_plans(plans, values, summary)
    problems = [p for plan in plans for p in refused_values(plan, by_plan.get(plan.pk, []))]
    if problems:  # the web form's checks, alike: nothing of the batch is stored
        raise ActionError("exchange.refused_values", count=len(problems), problems=problems)
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(area=area, batch=batch, method=method,
                                               instance=instance[:200], access=access)
    except IntegrityError:
        raise ActionError("exchange.busy") from None
    for plan in plans:
        if plan.pk in by_plan:
            _store(plan, area, delivery, by_plan[plan.pk], summary, actor)
    conflicts = summary.conflicts_opened
    if conflicts:  # one notification per delivery, however many values conflict
        first = next(p for p in plans if p.pk in by_plan)  # the page lists a plan's conflicts
        notify(users_with(CONFLICT_WATCHERS), "exchange.conflicts",
               reverse("exchange:conflicts", args=[first.code]), count=conflicts, area=area.name)
    summary.unknown = sorted(set(summary.unknown))
    delivery.counts = {"outcomes": summary.counts, "unknown": summary.unknown}
    delivery.save(update_fields=["counts"])
    record("exchange.receive", "exchange_delivery", f"{area.code} {batch[:12]}", actor,
           method=method, instance=instance, **summary.counts)
    return summary


def repeated_keys(values: Sequence[exchange.ExchangeValue]) -> list[str]:
    """The keys (plan:indicator area year breakdown) that appear more than once in a batch."""
    seen: set[tuple[str, str, str, int, str]] = set()
    repeated: dict[tuple[str, str, str, int, str], None] = {}
    for value in values:
        key = (value.plan, value.indicator, value.area, value.year, value.breakdown)
        if key in seen:
            repeated[key] = None
        seen.add(key)
    return [f"{p}:{i} {a} {y}{' ' + b if b else ''}" for p, i, a, y, b in repeated]


def refused_values(plan: Plan, mapped: Sequence[tuple[Any, exchange.ExchangeValue]]
                   ) -> list[dict[str, object]]:  # fmt: skip
    """The values the web form's checks refuse (``checks.refusals``: a negative count, a rate
    above its scale, an unusual value that its note does not explain …), each with its key
    (as sent: plan:indicator area year breakdown), code, parameters and message."""
    entries = [Entry(key=str(i), indicator=indicator.code, breakdown=value.breakdown,
                     value=value.value, numerator=value.numerator,
                     denominator=value.denominator, per=indicator.per,
                     not_applicable=value.flag == "not_applicable",
                     explanation=value.note or value.reason, group=str(value.year))
               for i, (indicator, value) in enumerate(mapped)]
    if not entries:
        return []
    problems = []
    for finding in refusals(validate(entries, rules_for(plan)), partial=True):
        sent = mapped[int(finding.key)][1]
        key = f"{sent.plan}:{sent.indicator} {sent.area} {sent.year}"
        problems.append({"key": key + (f" {sent.breakdown}" if sent.breakdown else ""),
                         "code": finding.code, "params": dict(finding.params),
                         "message": sentence(finding.code, finding.params)})
    return problems


def _map_to_plans(plans: list[Plan], values: Sequence[exchange.ExchangeValue],
                  summary: ReceiveSummary) -> dict[int, list[tuple[Any, exchange.ExchangeValue]]]:
    """Each value under the indicator of the first plan that tracks it, trying the plans
    whose period holds its year first (a children's value goes to the children's plan,
    a women's value to the women's); a value no plan tracks is listed as unknown."""
    receivers: dict[int, exchange.Receiver] = {}  # read a plan's document only when tried
    indicators: dict[int, dict[str, Any]] = {}
    order: dict[int, list[Plan]] = {}  # year → the plans to try, those in force first
    by_plan: dict[int, list[tuple[Any, exchange.ExchangeValue]]] = {}
    for value in values:
        if value.year not in order:
            order[value.year] = sorted(plans, key=lambda p: not (
                p.baseline_year <= value.year <= p.end_year))
        for plan in order[value.year]:
            if plan.pk not in receivers:
                receivers[plan.pk] = exchange.Receiver.for_plan(domain_plan(plan))
            local = receivers[plan.pk].local(value)
            if local is not None:
                if plan.pk not in indicators:
                    indicators[plan.pk] = {i.code: i for i in plan.indicators.all()}
                by_plan.setdefault(plan.pk, []).append((indicators[plan.pk][local[0]], local[1]))
                break
        else:
            summary.unknown.append(f"{value.plan}:{value.indicator}")
    return by_plan


def _store(plan: Plan, area: Area, delivery: Delivery,
           mapped: list[tuple[Any, exchange.ExchangeValue]], summary: ReceiveSummary,
           actor: Any) -> None:
    if not mapped:
        return
    indicator_ids = {indicator.pk for indicator, _ in mapped}
    years = {value.year for _, value in mapped}
    stored = {(o.indicator_id, o.year, o.breakdown): o for o in Observation.objects
              .select_for_update(of=("self",)).order_by()
              .for_indicators([indicator for indicator, _ in mapped])
              .filter(area=area, year__in=years)}
    history = {(r["indicator"], r["year"], r["breakdown"]): r for r in ReceivedValue.objects
               .filter(area=area, indicator__in=indicator_ids, year__in=years)
               .values("indicator", "year", "breakdown")
               .annotate(received=Max("version"), applied=Max("observation_version"))}
    counts = summary.counts
    batch = _Batch(actor)
    for indicator, value in mapped:
        key = (indicator.pk, value.year, value.breakdown)
        observation = stored.get((indicator.series_id, value.year, value.breakdown))
        if observation is not None and batch.holds(observation):
            batch.store()  # the same value twice in a batch: the first is stored first
        seen = history.get(key, {})
        decision = exchange.decide(
            value, stored=_numbers(observation) if observation else None,
            stored_version=observation.version if observation else None,
            applied_version=seen.get("applied"), received_version=seen.get("received"))
        counts[decision.value] = counts.get(decision.value, 0) + 1
        if seen.get("received") is not None and value.version <= seen["received"]:
            continue  # this version (or a newer one) is on record already
        received = _received(delivery, indicator, area, value)
        if decision is exchange.Decision.CREATE:
            observation = Observation(indicator_id=indicator.series_id, area=area,
                                      year=value.year, breakdown=value.breakdown,
                                      status=ValueStatus.APPROVED)
            batch.add(observation, value, {})
            stored[(indicator.series_id, value.year, value.breakdown)] = observation
        elif decision is exchange.Decision.UPDATE:
            assert observation is not None
            batch.add(observation, value, observation.snapshot())
        if decision is exchange.Decision.CONFLICT:
            assert observation is not None
            received.outcome = Outcome.CONFLICT
            received.observation = observation
            received.save()
            _open_conflict(received, observation)
            summary.conflicts_opened += 1
        else:
            received.outcome = decision.value
            batch.receipts.append((received, observation))
    batch.store()
    if batch.touched:
        do_aggregate(plan, batch.touched)


class _Batch:
    """The values of a delivery to store together, and their receipts (stored after them)."""

    def __init__(self, actor: Any) -> None:
        self.actor = actor
        self.changes: list[Change] = []
        self.receipts: list[tuple[ReceivedValue, Observation | None]] = []
        self.touched: set[tuple[int, int]] = set()
        self.held: set[int] = set()  # id() of the observations in ``changes``

    def holds(self, observation: Observation) -> bool:
        return id(observation) in self.held

    def add(self, observation: Observation, value: exchange.ExchangeValue,
            before: dict[str, object]) -> None:
        _apply(observation, value)
        self.held.add(id(observation))
        self.changes.append(Change(observation, before,
                                   value.reason or f"{value.instance} v{value.version}"))
        self.touched.add((observation.indicator_id, value.year))

    def store(self) -> None:
        store_values(self.changes, "exchange", self.actor)
        for received, observation in self.receipts:
            received.observation = observation
            received.observation_version = observation.version if observation else None
            received.save()
        self.changes, self.receipts, self.held = [], [], set()


def _received(delivery: Delivery, indicator: Any, area: Area, value: exchange.ExchangeValue
              ) -> ReceivedValue:
    return ReceivedValue(
        delivery=delivery, indicator=indicator, area=area, year=value.year,
        breakdown=value.breakdown, value=value.value, numerator=value.numerator,
        denominator=value.denominator, flag=value.flag, version=value.version,
        approved_at=parse_datetime(value.approved_at) if value.approved_at else None,
        approved_by=value.approved_by[:150], reason=value.reason, source=value.source[:200],
        is_sample=value.is_sample)


def _apply(observation: Observation, value: exchange.ExchangeValue) -> None:
    for name in NUMBER_FIELDS:
        setattr(observation, name, getattr(value, name))
    observation.source = (value.source or value.instance)[:200]
    observation.note = value.note
    observation.is_sample = value.is_sample
    observation.status = ValueStatus.APPROVED


def _open_conflict(received: ReceivedValue, observation: Observation) -> None:
    Conflict.objects.filter(observation=observation, state=ConflictState.OPEN).update(
        state=ConflictState.SUPERSEDED, resolved_at=timezone.now())
    Conflict.objects.create(received=received, observation=observation,
                            stored=observation.snapshot())


@transaction.atomic
def do_resolve_conflict(conflict: Conflict, take: bool, comment: str, actor: Any) -> Conflict:
    """Keep the stored value or take the received one; either way the choice is recorded."""
    require_admin(actor)
    conflict = Conflict.objects.select_for_update(of=("self",)).select_related(
        "received__indicator__plan", "observation").get(pk=conflict.pk)
    if conflict.state != ConflictState.OPEN:
        raise ActionError("exchange.conflict_closed", state=conflict.state)
    if not comment.strip():
        raise ActionError("exchange.comment_required")
    received = conflict.received
    observation = Observation.objects.select_for_update().get(pk=conflict.observation_id)
    if take:
        before = observation.snapshot()
        for name in NUMBER_FIELDS:
            setattr(observation, name, getattr(received, name))
        observation.source = received.source or observation.source
        observation.is_sample = received.is_sample
        observation.status = ValueStatus.APPROVED
        store_values([Change(observation, before, comment.strip())], "exchange", actor)
        received.observation_version = observation.version
        received.save(update_fields=["observation_version"])
        do_aggregate(received.indicator.plan, {(received.indicator_id, received.year)})
    conflict.state = ConflictState.TAKEN if take else ConflictState.KEPT
    conflict.comment = comment.strip()
    conflict.resolved_by = acting_user(actor)
    conflict.resolved_at = timezone.now()
    conflict.save()
    record("exchange.conflict_resolve", "observation", observation.key, actor,
           decision=conflict.state, comment=comment.strip())
    return conflict

