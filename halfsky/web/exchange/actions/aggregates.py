"""The parent area's values computed from its children's: the only code that writes them.

:func:`do_aggregate` recomputes the aggregate of the plan's region for the
given indicators and years with the plan's rule per indicator (sum, ratio of
summed parts, population-weighted mean, not aggregable — see
``halfsky.domain.aggregation``) and keeps it as an ``AggregateValue``, with how
many children contributed and which are missing. The aggregate also becomes
the region's value for the assessment — unless the region's value was entered
here by hand (or changed since the aggregate wrote it): a person's value is
never overwritten; the page shows both. The region's values are written by the
one writer (``store_values``), which asks for their reassessment.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from halfsky.domain.aggregation import Hierarchy, Values, aggregate, rules_for
from halfsky.domain.plan import POPULATION_WEIGHTS, Aggregation
from halfsky.domain.plan import Plan as DomainPlan
from halfsky.web.exchange.models import AggregateValue, AreaPopulation
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import domain_plan, own_by_series
from halfsky.web.values.actions.store import Change, store_values
from halfsky.web.values.models import Observation, ValueStatus

AGGREGATE_SOURCE = "下级数据汇总"  # Observation.source of a value written here (data, not UI text)


@transaction.atomic
def do_aggregate(plan: Plan, keys: set[tuple[int, int]]) -> int:
    """Recompute the region's aggregates for (indicator id, year) pairs; the number written."""
    if not keys:
        return 0
    region = plan.region
    children = list(Area.objects.filter(parent=region).values_list("code", flat=True))
    own = own_by_series(plan)  # keys name the plan's indicators or the series they read
    series_of = {i.pk: series for series, i in own.items()}
    keys = {(series_of.get(indicator, indicator), year) for indicator, year in keys}
    indicator_ids = {indicator for indicator, _ in keys}
    years = {year for _, year in keys}
    rows = [(own[row[0]].code, *row[1:], row[0]) for row in Observation.objects.filter(
        area__parent=region, indicator__in=indicator_ids, year__in=years,
        status=ValueStatus.APPROVED).values_list(
        "indicator_id", "area__code", "year", "breakdown", "value", "numerator",
        "denominator", "is_sample") if (row[0], row[2]) in keys and row[0] in own]
    if not rows or not children:
        return 0
    domain = domain_plan(plan)
    weights = _weights(plan, domain, rows)
    values = Values.build(
        [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows],
        [r[3] for r in rows], [r[4] for r in rows], [r[5] for r in rows], [r[6] for r in rows],
        weight=weights)
    hierarchy = Hierarchy({region.code: None, **dict.fromkeys(children, region.code)})
    result = aggregate(values, hierarchy, rules_for(domain))
    indicators = {own[i].code: own[i] for i in indicator_ids if i in own}
    sample = {(r[0], r[2], r[3]) for r in rows if r[7]}
    written: list[tuple[AggregateValue, Change]] = []
    for row in result.rows():
        indicator = indicators[row.indicator]
        stored, _ = AggregateValue.objects.update_or_create(
            indicator=indicator, area=region, year=row.year, breakdown=row.breakdown,
            defaults={"plan": plan, "value": row.value, "numerator": row.numerator,
                      "denominator": row.denominator, "contributed": row.contributed,
                      "expected": row.expected, "missing": list(row.missing),
                      "complete": row.complete})
        change = _region_value(stored, (row.indicator, row.year, row.breakdown) in sample)
        if change is not None:
            written.append((stored, change))
    store_values([change for _, change in written], "aggregate")
    for stored, change in written:
        stored.observation = change.observation
        stored.observation_version = change.observation.version
        stored.save(update_fields=["observation", "observation_version"])
    return len(written)


def _weights(plan: Plan, domain: DomainPlan, rows: list[tuple[Any, ...]]) -> list[float | None]:
    """Each row's weight for a population-weighted mean (None elsewhere, or when unknown).

    A population weight is the child's figure for the value's year or the
    latest earlier one (``AreaPopulation``); an indicator weight is the child's
    value of that count indicator for the year.
    """
    weight_of = {i.code: i.aggregation_weight for i in domain.indicators
                 if i.aggregation_rule is Aggregation.WEIGHTED_MEAN}
    if not any(r[0] in weight_of for r in rows):
        return [None] * len(rows)
    children = {r[1] for r in rows}
    populations: dict[str, list[AreaPopulation]] = {}
    for figure in AreaPopulation.objects.filter(area__code__in=children).select_related("area"):
        populations.setdefault(figure.area.code, []).append(figure)
    weighing = [i for i in plan.indicators.all() if i.code in set(weight_of.values())]
    code_of = {i.series_id: i.code for i in weighing}
    counts = {(code_of[i], a, y): v for i, a, y, v in Observation.objects.for_indicators(
        weighing).filter(area__code__in=children, breakdown="", status=ValueStatus.APPROVED)
        .values_list("indicator_id", "area__code", "year", "value")}

    def weight(row: tuple[Any, ...]) -> float | None:
        name = weight_of.get(row[0])
        if not name:
            return None
        if name in POPULATION_WEIGHTS:
            known = [p for p in populations.get(row[1], []) if p.year <= row[2]]
            figure = max(known, key=lambda p: p.year) if known else None
            number = getattr(figure, name.split(".")[1]) if figure else None
            return float(number) if number is not None else None
        count = counts.get((name, row[1], row[2]))
        return float(count) if count is not None else None

    return [weight(row) for row in rows]


def _region_value(stored: AggregateValue, is_sample: bool) -> Change | None:
    """The aggregate as the region's value, unless a person's value is there (None)."""
    if stored.value is None:
        return None
    observation = Observation.objects.select_for_update(of=("self",)).for_indicator(
        stored.indicator).filter(area=stored.area, year=stored.year,
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
            return None
        before = observation.snapshot()
    else:
        return None  # entered or changed here by a person: kept, shown beside the aggregate
    for name, number in numbers.items():
        setattr(observation, name, number)
    observation.source = AGGREGATE_SOURCE
    observation.is_sample = is_sample
    return Change(observation, before, f"{stored.contributed}/{stored.expected}")
