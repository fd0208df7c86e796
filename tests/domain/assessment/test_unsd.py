"""The unsd method: share of the baseline-to-target distance the forecast covers."""

from __future__ import annotations

import math

import pytest

from halfsky.domain.assessment import UNSD_STATUSES, Rules
from tests.domain.assessment.per_series import OneSeries as S

from .conftest import Judge, one

TARGET = {"method": "unsd", "kind": "threshold", "comparator": "ge", "goal": 100.0,
          "target_year": 2030.0, "base_year": 2020.0}


@pytest.mark.parametrize(("latest", "status"), [
    (100.0, "target_met"), (75.0, "on_track"), (60.0, "acceleration_needed"),
    (50.5, "stagnation"), (45.0, "regression"),
])
def test_statuses(judge: Judge, latest: float, status: str) -> None:
    row = one(judge, S({2020: 50.0, 2025: latest}, **TARGET))
    assert row.status == status


def test_progress_is_the_share_of_the_distance(judge: Judge) -> None:
    row = one(judge, S({2020: 50.0, 2025: 60.0}, **TARGET))
    forecast = 60 * (60 / 50) ** 1  # five more years at the same CAGR
    assert row.forecast == pytest.approx(forecast)
    assert row.progress == pytest.approx((forecast - 50) / 50)
    assert row.warnings == ("forecast_miss",)


def test_thresholds_are_configurable(judge: Judge) -> None:
    row = one(judge, S({2020: 50.0, 2025: 60.0}, **TARGET),
              rules=Rules(unsd_on_track=0.4, unsd_limited=0.05))
    assert row.status == "on_track"


@pytest.mark.parametrize(("values", "settings"), [
    ({}, {}), ({2020: 50.0}, {}), ({2020: 50.0, 2025: 60.0}, {"kind": "increase"}),
    ({2020: 50.0, 2025: 60.0}, {"target_year": math.nan}),
])
def test_not_available(judge: Judge, values: dict[int, float],
                       settings: dict[str, object]) -> None:
    row = one(judge, S(values, **{**TARGET, **settings}), as_of=2025)
    assert row.status == "not_available"


def test_a_non_positive_baseline_falls_back_to_a_straight_line(judge: Judge) -> None:
    row = one(judge, S({2020: 0.0, 2025: 10.0}, **{**TARGET, "goal": 30.0}))
    assert row.forecast == pytest.approx(20.0) and row.status == "acceleration_needed"


def test_every_status_is_reachable(judge: Judge) -> None:
    rows = judge(*(S({2020: 50.0, 2025: v}, **TARGET) for v in (100, 75, 60, 50.5, 45)),
                 S({}, **TARGET))
    assert tuple(row.status for row in rows) == UNSD_STATUSES
