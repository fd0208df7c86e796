"""The opensdg method: Open SDG's worked examples, every status, edge rules, scores."""

from __future__ import annotations

import math

import numpy as np
import pytest

from halfsky.domain.assessment import OPENSDG_STATUSES
from halfsky.domain.assessment.opensdg import limit_factor, no_target_score, target_score
from tests.domain.assessment.per_series import OneSeries as S

from .conftest import Judge, one

LOWER = {"method": "opensdg", "direction": -1, "base_year": 2015.0}
HIGHER = {"method": "opensdg", "direction": 1, "base_year": 2015.0}


def with_target(goal: float, direction: int = -1, year: float = 2030.0) -> dict[str, object]:
    return {**(LOWER if direction < 0 else HIGHER), "kind": "threshold", "goal": goal,
            "comparator": "le" if direction < 0 else "ge", "target_year": year}


def test_worked_example_with_a_target(judge: Judge) -> None:
    row = one(judge, S({2015: 14.5, 2023: 10.2}, **with_target(7.25)))
    assert row.status == "substantial_progress"
    assert row.progress == pytest.approx(0.95259, abs=5e-6)  # R
    assert row.score == pytest.approx(2.51856, abs=5e-6)


def test_worked_example_without_a_target(judge: Judge) -> None:
    row = one(judge, S({2015: 90.0, 2021: 93.2}, limit=100.0, **HIGHER))
    assert row.status == "substantial_progress"
    assert row.score == pytest.approx(2.81539, abs=5e-6)


@pytest.mark.parametrize(("latest", "status"), [
    (7.0, "target_achieved"), (10.2, "substantial_progress"), (11.2, "moderate_progress"),
    (14.0, "limited_progress"), (15.0, "deterioration"),
])
def test_statuses_with_a_target(judge: Judge, latest: float, status: str) -> None:
    row = one(judge, S({2015: 14.5, 2023: latest}, **with_target(7.25)))
    assert row.status == status
    if status == "target_achieved":
        assert row.score == 5.0


@pytest.mark.parametrize(("latest", "status"), [
    (100.0, "substantial_progress"), (50.4, "moderate_progress"), (50.1, "limited_progress"),
    (49.0, "deterioration"),
])
def test_statuses_without_a_target(judge: Judge, latest: float, status: str) -> None:
    # C = 1 without a limit: thresholds 1.5% and 0.5% a year
    row = one(judge, S({2015: 50.0, 2016: latest}, **HIGHER))
    assert row.status == status


@pytest.mark.parametrize(("values", "settings"), [
    ({}, {}),  # no data
    ({2015: 10.0}, {}),  # fewer than one year between baseline and latest
    ({2015: -10.0, 2020: 5.0}, {}),  # opposite signs
    ({2015: 10.0, 2020: 12.0}, {"kind": "gap_narrows", "partner": 1}),  # not a level target
    ({2015: 10.0, 2020: 12.0}, {"kind": "threshold", "comparator": "ge", "goal": 20.0,
                                "target_year": 2015.0}),  # target year not after the baseline
])
def test_not_available(judge: Judge, values: dict[int, float],
                       settings: dict[str, object]) -> None:
    row, _ = judge(S(values, **{**HIGHER, **settings}), S({2015: 1.0}), as_of=2020)
    assert row.status == "not_available" and math.isnan(row.score)


def test_a_zero_baseline_becomes_0_001(judge: Judge) -> None:
    row = one(judge, S({2015: 0.0, 2016: 0.002}, **HIGHER))
    assert row.progress == pytest.approx(1.0)  # 0.001 → 0.002 in one year: +100%


def test_a_zero_target_becomes_0_001(judge: Judge) -> None:
    row = one(judge, S({2015: 10.0, 2020: 5.0}, **with_target(0.0, year=2025.0)))
    required = (0.001 / 10) ** (1 / 10) - 1
    assert row.progress == pytest.approx((1 - 0.5 ** 0.2) / abs(required))


def test_a_negative_baseline_flips_the_sign(judge: Judge) -> None:
    # a deficit shrinking from −10 to −5, higher is better: s = −1 turns the fall into progress
    row = one(judge, S({2015: -10.0, 2020: -5.0}, **HIGHER))
    assert row.progress == pytest.approx(1 - 0.5 ** 0.2)
    assert row.status == "substantial_progress"


def test_the_base_year_falls_forward(judge: Judge) -> None:
    row = one(judge, S({2016: 14.5, 2023: 10.2}, **with_target(7.25)))
    assert row.baseline_year == 2016


def test_limit_factor_cases() -> None:
    factor = limit_factor(np.array([90.0, 100.0, 150.0, 250.0, 50.0]),
                          np.array([100.0, 100.0, 100.0, 100.0, np.nan]))
    assert factor == pytest.approx([1 - 0.9 ** 4.44, 0.0, 1 - 0.5 ** 4.44, 1.0, 1.0])


def test_scores_are_continuous_and_bounded() -> None:
    ratio = np.array([-10.0, 0.0, 0.5999999, 0.6, 0.95, 10.0])
    assert target_score(ratio) == pytest.approx([-5, -2.5, 0, 0, 2.5, 5], abs=1e-4)
    pv = np.array([-1.0, -0.01, 0.0, 0.005, 0.015, 1.0])
    assert no_target_score(pv, np.ones(6)) == pytest.approx([-5, -3.75, -2.5, 0, 2.5, 5])
    assert no_target_score(np.array([0.01]), np.array([0.0]))[0] == 5.0


def test_every_status_is_reachable(judge: Judge) -> None:
    rows = judge(*(S({2015: 14.5, 2023: v}, **with_target(7.25))
                   for v in (7.0, 10.2, 11.2, 14.0, 15.0)), S({}, **HIGHER))
    assert tuple(row.status for row in rows) == OPENSDG_STATUSES
