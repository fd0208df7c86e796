"""The engine's results for a plan's county series, without a database.

The web layer passes the results it stored; tests, the page images in
``docs/reports`` and the benchmark compute them here with the same engine
(method ``china``): one series per indicator × target on the county total —
a ``gap_narrows`` target on its two groups' values, a ``relative`` target
against the reference indicator's totals, a qualitative target by the
evaluators' rating (``ratings``: indicator code → met | partly_met |
not_met). An indicator without targets is judged by its good direction.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from halfsky.domain.assessment import Assessment, Observations, assess, settings_from_targets
from halfsky.domain.plan import Indicator, Plan
from halfsky.domain.reports.common import index_series
from halfsky.domain.reports.inputs import IndicatorAssessment, IndicatorData
from halfsky.domain.targets import Target, TargetKind


def _number(value: float) -> float | None:
    return value if math.isfinite(value) else None


def assess_plan(plan: Plan, series: Iterable[IndicatorData] | Mapping[str, IndicatorData],
                year: int, ratings: Mapping[str, str] | None = None,
                ) -> list[IndicatorAssessment]:
    """The ``china`` results of every indicator × target of ``plan`` as of ``year``."""
    data = index_series(series)
    ratings = ratings or {}
    by_code = {i.code: i for i in plan.indicators}
    rows: list[dict[str, Any]] = []  # one per series: its values and settings
    kept: list[tuple[int, str, int | None]] = []  # (row, indicator, target position)

    def add(values: Mapping[int, float], indicator: Indicator, target: Target | None,
            partner: int = -1, rating: str | None = None) -> int:
        if target is not None and target.year is None:
            target = dataclasses.replace(target, year=plan.end_year)
        rows.append({"values": values, "target": target, "polarity": indicator.polarity,
                     "per": indicator.per, "partner": partner, "rating": rating})
        return len(rows) - 1

    for indicator in plan.indicators:
        own = data.get(indicator.code)
        totals = own.values if own else {}
        targets: list[tuple[int | None, Target | None]] = list(enumerate(indicator.targets))
        for position, target in targets or [(None, None)]:
            if target is not None and target.kind is TargetKind.GAP_NARROWS and target.groups:
                first, second = (own.group(g) if own else None for g in target.groups)
                other = add(second.values if second else {}, indicator, None)
                row = add(first.values if first else {}, indicator, target, partner=other)
            elif target is not None and target.kind is TargetKind.RELATIVE:
                reference = data.get(target.reference or "")
                carrier = by_code.get(target.reference or "", indicator)
                other = add(reference.values if reference else {}, carrier, None)
                row = add(totals, indicator, target, partner=other)
            elif target is not None and target.kind is TargetKind.QUALITATIVE:
                row = add({}, indicator, target, rating=ratings.get(indicator.code))
            else:
                row = add(totals, indicator, target)
            kept.append((row, indicator.code, position))
    result = _run(rows, plan.baseline_year, year)
    out = []
    for row, code, position in kept:
        r = result.row(row)
        out.append(IndicatorAssessment(
            indicator=code, status=r.status, target_position=position,
            achievement=_number(r.achievement), time_elapsed=_number(r.time_elapsed),
            progress=_number(r.progress), forecast=_number(r.forecast), warnings=r.warnings))
    return out


def _run(rows: list[dict[str, Any]], base_year: int, year: int) -> Assessment:
    series, years, values = [], [], []
    for index, row in enumerate(rows):
        for y, v in sorted(row["values"].items()):
            if y <= year and math.isfinite(v):
                series.append(index)
                years.append(y)
                values.append(float(v))
    observations = Observations(series=np.asarray(series, dtype=np.int64),
                                year=np.asarray(years, dtype=np.int64),
                                value=np.asarray(values, dtype=np.float64))
    settings = settings_from_targets(
        [r["target"] for r in rows], [r["polarity"] for r in rows], base_year=base_year,
        per=[r["per"] for r in rows], partner=[r["partner"] for r in rows],
        rating=[r["rating"] for r in rows])
    return assess(observations, settings, as_of=year)
