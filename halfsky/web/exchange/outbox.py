"""What this instance sends up: its approved values of mapped indicators, with provenance."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import Max

from halfsky.domain import exchange
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import domain_plan
from halfsky.web.values.models import Observation, ValueChange, ValueStatus

APPROVING_ACTIONS = ("approve", "import", "exchange", "aggregate", "open")


def latest_approvals(rows: Sequence[Observation]) -> dict[int, ValueChange]:
    """Each value's latest approving step (approved, imported, received, aggregated)."""
    latest = (ValueChange.objects.filter(observation__in=[o.pk for o in rows],
                                         action__in=APPROVING_ACTIONS)
              .values("observation").annotate(last=Max("pk")))
    changes = ValueChange.objects.filter(pk__in=[row["last"] for row in latest])
    return {change.observation_id: change for change in changes.select_related("actor")}


def local_values(plan: Plan, years: set[int] | None = None) -> list[exchange.LocalValue]:
    """The approved values of the plan's own region, each with its latest approval."""
    observations = Observation.objects.filter(
        area=plan.region, status=ValueStatus.APPROVED).order_by("pk")
    if years:
        observations = observations.filter(year__in=sorted(years))
    rows = observations.seen_by(plan)
    approvals = latest_approvals(rows)
    reasons = dict(
        ValueChange.objects.filter(observation__in=[o.pk for o in rows], action="reopen")
        .order_by("observation", "pk").values_list("observation", "comment"))
    values = []
    for observation in rows:
        approval = approvals.get(observation.pk)
        approved_at = approval.at if approval else observation.updated_at
        approved_by = approval.actor.get_username() if approval and approval.actor else ""
        values.append(exchange.LocalValue(
            indicator=observation.indicator.code, area=plan.region.code, year=observation.year,
            breakdown=observation.breakdown, value=observation.value,
            numerator=observation.numerator, denominator=observation.denominator,
            flag=observation.flag, version=observation.version,
            approved_at=approved_at.isoformat(), approved_by=approved_by,
            reason=reasons.get(observation.pk, ""), source=observation.source,
            note=observation.note, is_sample=observation.is_sample))
    return values


def outgoing_values(plan: Plan, years: set[int] | None = None) -> list[exchange.ExchangeValue]:
    return exchange.outgoing(domain_plan(plan), local_values(plan, years))
