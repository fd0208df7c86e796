"""The vectorized engine agrees with the plain per-series implementation on random tables."""

from __future__ import annotations

import math
import random

import numpy as np
import pytest

from halfsky.domain.assessment import assess
from tests.domain.assessment.per_series import OneSeries, assess_one, table_from_series

KINDS = ["none", "threshold", "approximate", "maintain", "increase", "decrease", "gap_narrows",
         "growth_slows", "full_coverage", "relative", "qualitative"]
COMPARATORS = {"threshold": ["ge", "gt", "le", "lt", "eq", "approx"],
               "maintain": ["ge", "le", "approx"], "full_coverage": ["ge"]}


def random_values(rng: random.Random) -> tuple[dict[int, float], dict[int, tuple[float, float]],
                                                float]:
    years = sorted(rng.sample(range(2015, 2026), rng.randint(0, 8)))
    shape = rng.random()
    if shape < 0.25:  # small numbers: counts behind a rate
        per = rng.choice([100_000.0, 100.0, 1000.0])
        births = rng.choice([300, 700, 5000])
        rate = rng.choice([0.0002, 0.01, 0.3, 0.97])
        counts = {y: (float(np.random.default_rng(rng.randint(0, 10**6)).poisson(rate * births)),
                      float(births)) for y in years}
        counts = {y: (min(k, births) if per < 10_000 else k, n) for y, (k, n) in counts.items()}
        return {y: k / n * per for y, (k, n) in counts.items()}, counts, per
    level = rng.choice([0.0, 2.0, 50.0, 97.0, -20.0])
    slope = rng.choice([-3.0, -0.5, 0.0, 0.4, 2.0])
    noise = rng.choice([0.0, 0.5, 5.0])
    values = {y: round(level + slope * (y - 2015) + rng.gauss(0, noise), 2) for y in years}
    if rng.random() < 0.1 and values:
        values[rng.choice(list(values))] = 0.0
    return values, {}, rng.choice([math.nan, 100.0])


def random_series(rng: random.Random, count: int) -> list[OneSeries]:
    series: list[OneSeries] = []
    for index in range(count):
        values, counts, per = random_values(rng)
        kind = rng.choice(KINDS)
        one = OneSeries(values=values, counts=counts, per=per,
                        method=rng.choice(["china", "china", "opensdg", "unsd"]),
                        direction=rng.choice([1, -1]), kind=kind,
                        target_year=rng.choice([math.nan, 2020.0, 2025.0, 2030.0]),
                        base_year=rng.choice([math.nan, 2015.0, 2018.0, 2020.0]),
                        limit=rng.choice([math.nan, 100.0]))
        goal_base = next(iter(values.values()), 50.0)
        if len(values) >= 2 and rng.random() < 0.4:  # a target ahead along the trend
            first, last = values[min(values)], values[max(values)]
            goal_base = last + (last - first) * rng.choice([0.2, 0.6, 1.5])
        if kind in COMPARATORS:
            one.comparator = rng.choice(COMPARATORS[kind])
            one.goal = 100.0 if kind == "full_coverage" else round(
                goal_base + rng.choice([-10, -1, 0, 0, 0, 1, 10]), 1)
        elif kind == "approximate":
            one.comparator, one.goal = "approx", round(goal_base + rng.choice([-3, 0, 3]), 1)
        one.tolerance = rng.choice([math.nan, 0.5, 2.0])
        if one.comparator == "approx" and math.isnan(one.tolerance):
            one.tolerance = 1.0
        if kind == "qualitative":
            one.rating = rng.choice([None, "met", "partly_met", "not_met"])
        if kind in ("gap_narrows", "relative"):
            one.partner = (index + 1) % count if index + 1 < count else 0
        series.append(one)
    for one in series:
        if one.partner >= 0:
            one.other = series[one.partner].values
    return series


def same(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-7, abs_tol=1e-9)


@pytest.mark.parametrize("seed", range(8))
def test_engine_matches_the_per_series_implementation(seed: int) -> None:
    rng = random.Random(seed)
    series = random_series(rng, 250)
    observations, settings = table_from_series(series)
    # the table gives no values where there are counts: the engine derives them
    counted = np.isfinite(observations.numerator) if observations.numerator is not None else None
    assert counted is not None
    observations = type(observations)(
        series=observations.series, year=observations.year,
        value=np.where(counted, np.nan, observations.value),
        numerator=observations.numerator, denominator=observations.denominator)
    as_of = 2025 if seed % 2 == 0 else 2022  # also judge mid-period, ignoring later years
    result = assess(observations, settings, as_of=as_of)
    mismatches = []
    for i, one in enumerate(series):
        expected = assess_one(one, as_of)
        got = result.row(i)
        checks = [("status", got.status, expected["status"]),
                  ("warnings", got.warnings, expected["warnings"])]
        bad = [c for c in checks if c[1] != c[2]]
        numbers = [("progress", got.progress, expected["progress"]),
                   ("baseline_value", got.baseline_value, expected["baseline_value"]),
                   ("latest_value", got.latest_value, expected["latest_value"]),
                   ("interval_low", got.interval_low, expected["interval"][0]),
                   ("interval_high", got.interval_high, expected["interval"][1]),
                   ("pooled_value", got.pooled_value, expected["pooled"][0])]
        if one.method == "opensdg":
            numbers.append(("score", got.score, expected["score"]))
        if one.method == "china":
            numbers.append(("forecast", got.forecast, expected["forecast"]))
        bad += [c for c in numbers if not same(float(c[1]), float(c[2]))]
        if bad:
            mismatches.append((i, one, bad))
    assert mismatches == [], mismatches[:3]
