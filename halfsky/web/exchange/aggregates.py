"""The parent area's values computed from its children's: the only code that writes them.

:func:`do_aggregate` recomputes the aggregate of the plan's region for the
given indicators and years with the plan's rule per indicator (sum, ratio of
summed parts, population-weighted mean, not aggregable — see
``halfsky.domain.aggregation``) and keeps it as an ``AggregateValue``, with how
many children contributed and which are missing. The aggregate also becomes
the region's value for the assessment — unless the region's value was entered
here by hand (or changed since the aggregate wrote it): a person's value is
never overwritten; the page shows both.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from halfsky.domain.aggregation import Hierarchy, Values, aggregate, rules_for
from halfsky.web.data.models import Observation, ValueChange, ValueStatus
from halfsky.web.exchange.models import AggregateValue
from halfsky.web.exchange.outbox import domain_plan
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Plan

AGGREGATE_SOURCE = "下级数据汇总"  # Observation.source of a value written here (data, not UI text)


@transaction.atomic
def do_aggregate(plan: Plan, keys: set[tuple[int, int]]) -> int:
    """Recompute the region's aggregates for (indicator id, year) pairs; the number written."""
    if not keys:
        return 0
    region = plan.region
    children = list(Area.objects.filter(parent=region).values_list("code", flat=True))
    indicator_ids = {indicator for indicator, _ in keys}
    years = {year for _, year in keys}
    rows = [row for row in Observation.objects.filter(
        area__parent=region, indicator__in=indicator_ids, year__in=years,
        status=ValueStatus.APPROVED).values_list(
        "indicator__code", "area__code", "year", "breakdown", "value", "numerator",
        "denominator", "is_sample", "indicator_id") if (row[8], row[2]) in keys]
    if not rows or not children:
        return 0
    values = Values.build(
        [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
        [r[3] for r in rows], [r[4] for r in rows], [r[5] for r in rows], [r[6] for r in rows])
    hierarchy = Hierarchy({region.code: None, **dict.fromkeys(children, region.code)})
    result = aggregate(values, hierarchy, rules_for(domain_plan(plan)))
    indicators = {i.code: i for i in plan.indicators.filter(pk__in=indicator_ids)}
    sample = {(r[0], r[2], r[3]) for r in rows if r[7]}
    written = 0
    for row in result.rows():
        indicator = indicators[row.indicator]
        stored, _ = AggregateValue.objects.update_or_create(
            indicator=indicator, area=region, year=row.year, breakdown=row.breakdown,
            defaults={"plan": plan, "value": row.value, "numerator": row.numerator,
                      "denominator": row.denominator, "contributed": row.contributed,
                      "expected": row.expected, "missing": list(row.missing),
                      "complete": row.complete})
        is_sample = (row.indicator, row.year, row.breakdown) in sample
        written += _write_observation(stored, is_sample)
    return written


def _write_observation(stored: AggregateValue, is_sample: bool) -> int:
    """Make the aggregate the region's value unless a person's value is there."""
    if stored.value is None:
        return 0
    observation = Observation.objects.select_for_update().filter(
        indicator=stored.indicator, area=stored.area, year=stored.year,
        breakdown=stored.breakdown).first()
    numbers = {"value": stored.value, "numerator": stored.numerator,
               "denominator": stored.denominator}
    before: dict[str, Any] = {}
    if observation is None:
        observation = Observation(indicator=stored.indicator, area=stored.area, year=stored.year,
                                  breakdown=stored.breakdown, status=ValueStatus.APPROVED)
    elif stored.observation_id == observation.pk and \
            stored.observation_version == observation.version:
        if all(getattr(observation, k) == v for k, v in numbers.items()):
            return 0
        before = observation.snapshot()
        observation.version += 1
    else:
        return 0  # entered or changed here by a person: kept, shown beside the aggregate
    for name, number in numbers.items():
        setattr(observation, name, number)
    observation.source = AGGREGATE_SOURCE
    observation.is_sample = is_sample
    observation.save()
    ValueChange.objects.create(observation=observation, action="aggregate", before=before,
                               after=observation.snapshot(),
                               comment=f"{stored.contributed}/{stored.expected}")
    stored.observation = observation
    stored.observation_version = observation.version
    stored.save(update_fields=["observation", "observation_version"])
    return 1
