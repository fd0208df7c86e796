"""County-sized numbers: exact intervals, pooled rates, 证据不足."""

from __future__ import annotations

import numpy as np
import pytest

from halfsky.domain.assessment import exact_interval
from tests.domain.assessment.per_series import OneSeries as S

from .conftest import Judge, one

MORTALITY = {"kind": "threshold", "comparator": "le", "goal": 12.5, "target_year": 2025.0,
             "base_year": 2020.0, "direction": -1, "per": 100000.0}


def deaths(counts: dict[int, tuple[float, float]]) -> S:
    values = {y: k / n * 100000 for y, (k, n) in counts.items()}
    return S(values, counts=counts, **MORTALITY)


def test_poisson_interval_for_rates_per_100000() -> None:
    low, high = exact_interval(np.array([0.0, 1.0, 10.0]), np.array([700.0, 700.0, 1e5]),
                               np.full(3, 1e5))
    assert low == pytest.approx([0.0, 0.0253178 / 700 * 1e5, 4.795389], rel=1e-5)
    assert high == pytest.approx([3.688879 / 700 * 1e5, 5.571643 / 700 * 1e5, 18.390356],
                                 rel=1e-5)


def test_clopper_pearson_interval_for_proportions() -> None:
    low, high = exact_interval(np.array([0.0, 5.0, 10.0]), np.array([10.0, 10.0, 10.0]),
                               np.full(3, 100.0))
    assert low == pytest.approx([0.0, 18.70860, 69.15029], rel=1e-5)
    assert high == pytest.approx([30.84971, 81.29140, 100.0], rel=1e-5)


def test_one_death_among_700_births_is_insufficient_evidence(judge: Judge) -> None:
    row = one(judge, deaths({2021: (0, 700), 2022: (0, 700), 2023: (1, 700)}), as_of=2023)
    assert row.status == "insufficient_evidence"
    assert "small_numbers" in row.warnings and "volatile" not in row.warnings
    assert row.latest_value == pytest.approx(142.857, rel=1e-4)
    assert (row.interval_low, row.interval_high) == pytest.approx((3.617, 795.95), rel=1e-3)
    assert row.pooled_value == pytest.approx(47.619, rel=1e-4) and row.pooled_years == 3


def test_zero_deaths_do_not_prove_the_target_met(judge: Judge) -> None:
    row = one(judge, deaths({2023: (0, 700)}), as_of=2023)
    assert row.status == "insufficient_evidence" and row.latest_value == 0


def test_the_pooled_rate_decides_when_it_can(judge: Judge) -> None:
    # 17/10万 alone cannot be told from 12.5; 77 deaths in 300,000 births can
    row = one(judge, deaths({2021: (30, 1e5), 2022: (30, 1e5), 2023: (17, 1e5)}), as_of=2023)
    assert row.interval_low < 12.5 < row.interval_high
    assert row.pooled_value == pytest.approx(25.667, rel=1e-4)
    assert row.status == "expected_to_meet"  # not met over three years; the trend reaches it


def test_large_numbers_give_a_verdict(judge: Judge) -> None:
    # 高中阶段毛入学率: 9,600 of 10,000 — the interval [95.6, 96.4] lies above 95
    target = {"kind": "threshold", "comparator": "ge", "goal": 95.0, "target_year": 2025.0,
              "base_year": 2020.0, "per": 100.0}
    row = one(judge, S({2023: 96.0}, counts={2023: (9600, 10000)}, **target), as_of=2023)
    assert row.status == "met" and row.warnings == ()


def test_directional_targets_with_small_numbers(judge: Judge) -> None:
    counts = {2020: (2.0, 700.0), 2023: (3.0, 700.0)}
    row = one(judge, S({y: k / n * 100 for y, (k, n) in counts.items()}, counts=counts,
                       kind="increase", base_year=2020.0, per=100.0), as_of=2023)
    assert row.status == "insufficient_evidence"


def test_values_are_derived_from_counts(judge: Judge) -> None:
    from halfsky.domain.assessment import Observations, assess, series_settings

    settings = series_settings(1, direction="lower", target=12.5, per=100000)
    result = assess(Observations(series=np.array([0]), year=np.array([2023]),
                                 value=np.array([np.nan]), numerator=np.array([2.0]),
                                 denominator=np.array([1000.0])), settings)
    assert result.row(0).latest_value == pytest.approx(200.0)
