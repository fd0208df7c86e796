"""The engine's table for a plan and year: stored observations → ``Observations`` +
``SeriesSettings`` (one row per series judged), ready for ``assess``.

Which series are judged, for every indicator of the plan and every target
(an indicator without a target is judged by its good direction):

- the county total (the plan's region, breakdown ""), always — with no
  approved value it is 无数据, and it counts in the 达标率;
- every other (area, breakdown) with approved values: breakdowns such as
  ``sex=female`` and townships;
- a ``gap_narrows`` target ("城乡差距缩小") is judged once per area on the gap
  between its two groups (stored with breakdown ""), not per breakdown; a group
  is a value of one dimension (``rural``) or a whole breakdown
  (``sex=female;urban_rural=rural``), see ``domain.breakdowns.group_breakdown``;
- a ``relative`` target is judged against the series of the indicator compared with
  of the same area and breakdown.

Values read: approved observations (official and sample) up to the year
assessed — of an indicator sharing another plan's series (``same_as``), that
series' values, judged against this plan's own targets, baseline and period — with their numerator and denominator where the indicator is a
rate. The other group of a gap and the compared series of a relative
target enter the table as helper rows (``Row.stored`` False) whose results
are not kept. Building the table is one pass over the plan's series; the
judgement itself (``assess``) is vectorised.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
from django.db import connection

from halfsky.domain import breakdowns
from halfsky.domain import plan as domain
from halfsky.domain.assessment import Observations, SeriesSettings, settings_from_targets
from halfsky.domain.targets import Target, TargetKind
from halfsky.web.assessments.models import GoalRating, IndicatorMethod
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import domain_plan, own_by_series
from halfsky.web.values.models import Observation, ValueStatus

Key = tuple[int, int, str]  # indicator id, area id, breakdown


class Row(NamedTuple):
    """One series of the table; ``stored`` rows become ``AssessmentResult`` rows."""

    indicator_id: int
    area_id: int
    breakdown: str
    target_position: int | None
    target_kind: str
    cadence: str
    stored: bool
    is_sample: bool


@dataclass(frozen=True)
class Table:
    observations: Observations
    settings: SeriesSettings
    rows: list[Row]
    targets: list[Target | None]  # each row's target (its ``target_position``), None: none
    judged: frozenset[int] | None = None  # the indicators judged; None: all of the plan


def _group_breakdown(observed: set[str], group: str) -> str | None:
    """The observed breakdown of a group: 'rural' → 'urban_rural=rural'; a whole breakdown
    ('sex=female;urban_rural=rural') when it has values."""
    found = breakdowns.group_breakdown(group, observed)
    return found if found in observed else None


class _Builder:
    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.keys: dict[Key, int] = {}
        self.rows: list[Row] = []
        self.row_keys: list[int] = []
        self.targets: list[Target | None] = []
        self.polarities: list[domain.Polarity] = []
        self.per: list[float | None] = []
        self.partner: list[int] = []
        self.methods: list[str] = []
        self.ratings: list[str | None] = []
        self.goal_ratings: dict[tuple[str, int], str] = {}
        self.method_of = dict(IndicatorMethod.objects.filter(indicator__plan=plan)
                              .values_list("indicator__code", "method"))
        self.helpers: dict[Key, int] = {}

    def key(self, key: Key) -> int:
        return self.keys.setdefault(key, len(self.keys))

    def add(self, key: Key, indicator: domain.Indicator, position: int | None,
            target: Target | None, *, breakdown: str | None = None, partner: int = -1,
            stored: bool = True) -> int:
        index = self.key(key)
        self.rows.append(Row(
            indicator_id=key[0], area_id=key[1],
            breakdown=key[2] if breakdown is None else breakdown,
            target_position=position, target_kind=target.kind.value if target else "none",
            cadence=indicator.cadence.value, stored=stored, is_sample=False))
        self.row_keys.append(index)
        if target is not None and target.year is None:
            target = dataclasses.replace(target, year=self.plan.end_year)
        self.targets.append(target)
        self.polarities.append(indicator.polarity)
        self.per.append(float(indicator.per) if indicator.per else None)
        self.partner.append(partner)
        self.methods.append(self.method_of.get(indicator.code, "china"))
        qualitative = target is not None and target.kind is TargetKind.QUALITATIVE
        self.ratings.append(self.goal_ratings.get((indicator.goal.domain, indicator.goal.goal))
                            if qualitative else None)
        return len(self.rows) - 1

    def helper(self, key: Key, indicator: domain.Indicator | None) -> int:
        """A row that only carries values for a partner (its result is not kept)."""
        cached = self.helpers.get(key)
        if cached is None:
            carrier = indicator or domain.Indicator("", "", "", domain.GoalRef("", 0))
            cached = self.helpers[key] = self.add(key, carrier, None, None, stored=False)
        return cached


def evaluators_ratings(plan: Plan, year: int) -> dict[tuple[str, int], str]:
    """The evaluation group's latest rating of each goal, from the years up to ``year``.

    (domain code, goal number) → met | partly_met | not_met; qualitative targets take it.
    """
    ratings = GoalRating.objects.filter(goal__domain__plan=plan, year__lte=year).order_by(
        "year", "rated_at").values_list("goal__domain__code", "goal__number", "rating")
    return {(domain, number): rating for domain, number, rating in ratings}


def judged_codes(model: domain.Plan, codes: set[str]) -> set[str]:
    """The indicators judged again when the series of ``codes`` change: those, and every
    indicator with a ``relative`` target compared with one of them."""
    return codes | {i.code for i in model.indicators if any(
        t.kind is TargetKind.RELATIVE and t.relative_to in codes for t in i.targets)}


def build_table(plan: Plan, year: int, indicators: set[int] | None = None) -> Table:
    """The table of every series of the plan, or (``indicators``: ids of the plan's
    indicators whose values changed) of only the series those changes reach
    (``judged_codes``), read from only the values they need."""
    model = domain_plan(plan)
    ids = dict(plan.indicators.values_list("code", "pk"))
    region = plan.region_id
    own = {series: i.pk for series, i in own_by_series(plan).items()}
    values = Observation.objects.for_plan(plan)
    judged: frozenset[int] | None = None
    if indicators is not None:
        codes = judged_codes(model, {code for code, pk in ids.items() if pk in indicators})
        judged = frozenset(ids[code] for code in codes)
        read = codes | {t.relative_to or "" for i in model.indicators if i.code in codes
                        for t in i.targets if t.kind is TargetKind.RELATIVE}
        wanted = {ids[code] for code in read if code in ids}
        values = values.filter(indicator_id__in=[s for s, pk in own.items() if pk in wanted])
    rows = [(own[series], *rest) for series, *rest in _tuples(values.filter(
        status=ValueStatus.APPROVED, year__lte=year,
    ).exclude(value__isnull=True, numerator__isnull=True).order_by().values_list(
        "indicator_id", "area_id", "breakdown", "year", "value", "numerator", "denominator",
        "is_sample"))]
    builder = _Builder(plan)
    builder.goal_ratings = evaluators_ratings(plan, year)
    observed: dict[int, dict[int, set[str]]] = {}
    for indicator_id, area_id, breakdown, *_rest in rows:
        observed.setdefault(indicator_id, {}).setdefault(area_id, set()).add(breakdown)
    by_code = {i.code: i for i in model.indicators}
    for indicator in model.indicators:
        pk = ids.get(indicator.code)
        if pk is None or (judged is not None and pk not in judged):
            continue
        areas = observed.get(pk, {})
        series = sorted({(a, b) for a, bs in areas.items() for b in bs} | {(region, "")},
                        key=lambda s: (s[0] != region, s[0], s[1] != "", s[1]))
        targets: list[tuple[int | None, Target | None]] = list(enumerate(indicator.targets))
        for position, target in targets or [(None, None)]:
            if target is not None and target.kind is TargetKind.GAP_NARROWS and target.groups:
                _add_gap(builder, indicator, pk, position, target, areas, region)
            elif target is not None and target.kind is TargetKind.RELATIVE:
                compared = by_code.get(target.relative_to or "")
                ref_pk = ids.get(compared.code, -1) if compared else -1
                for area, breakdown in series:
                    partner = builder.helper((ref_pk, area, breakdown), compared)
                    builder.add((pk, area, breakdown), indicator, position, target,
                                partner=partner)
            else:
                for area, breakdown in series:
                    builder.add((pk, area, breakdown), indicator, position, target)
    return dataclasses.replace(_finish(builder, rows), judged=judged)


def _tuples(query: Any) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` query as the database gives them (no per-value
    conversion: the numbers are read as they are, the flag as 0/1 on SQLite)."""
    sql, params = query.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _add_gap(builder: _Builder, indicator: domain.Indicator, pk: int, position: int | None,
             target: Target, areas: dict[int, set[str]], region: int) -> None:
    assert target.groups is not None
    first, second = target.groups
    for area in sorted(set(areas) | {region}, key=lambda a: (a != region, a)):
        breakdowns = areas.get(area, set())
        a, b = _group_breakdown(breakdowns, first), _group_breakdown(breakdowns, second)
        if area != region and (a is None or b is None):
            continue
        partner = builder.helper((pk, area, b or f"?={second}"), indicator)
        builder.add((pk, area, a or f"?={first}"), indicator, position, target, breakdown="",
                    partner=partner)


def _finish(builder: _Builder, rows: list[tuple[object, ...]]) -> Table:
    count = len(rows)
    obs_key = np.empty(count, dtype=np.int64)
    year = np.empty(count, dtype=np.int64)
    value = np.full(count, np.nan)
    numerator = np.full(count, np.nan)
    denominator = np.full(count, np.nan)
    sample = np.zeros(count, dtype=bool)
    keep = np.zeros(count, dtype=bool)
    for i, (ind, area, breakdown, y, v, k, n, is_sample) in enumerate(rows):
        index = builder.keys.get((ind, area, breakdown))  # type: ignore[arg-type]
        if index is None:  # an indicator no longer in the plan document
            continue
        keep[i] = True
        obs_key[i], year[i] = index, y
        if v is not None:
            value[i] = v
        if k is not None and n is not None:
            numerator[i], denominator[i] = k, n
        sample[i] = bool(is_sample)
    obs_key, year, value = obs_key[keep], year[keep], value[keep]
    numerator, denominator, sample = numerator[keep], denominator[keep], sample[keep]
    n_keys = len(builder.keys)
    order = np.argsort(obs_key, kind="stable")
    counts = np.bincount(obs_key, minlength=n_keys)
    starts = np.cumsum(counts) - counts
    sample_key = np.bincount(obs_key, weights=sample, minlength=n_keys) > 0
    row_key = np.asarray(builder.row_keys, dtype=np.int64)
    per_row = counts[row_key]
    series = np.repeat(np.arange(len(row_key)), per_row)
    offsets = np.arange(int(per_row.sum())) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    take = order[np.repeat(starts[row_key], per_row) + offsets]
    observations = Observations(series=series, year=year[take], value=value[take],
                                numerator=numerator[take], denominator=denominator[take])
    settings = settings_from_targets(
        builder.targets, builder.polarities, base_year=builder.plan.baseline_year,
        method=builder.methods, per=builder.per, partner=builder.partner,
        rating=builder.ratings)
    samples = sample_key[row_key].tolist()
    stored_rows = [row._replace(is_sample=True) if samples[i] else row
                   for i, row in enumerate(builder.rows)]
    return Table(observations=observations, settings=settings, rows=stored_rows,
                 targets=builder.targets)
