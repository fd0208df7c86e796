"""波动较大: year-on-year swings, percentage points, modified z-scores, small numbers."""

from __future__ import annotations

import math

import pytest

from halfsky.domain.assessment import Rules
from tests.domain.assessment.per_series import OneSeries as S

from .conftest import Judge, one


def test_a_40_percent_jump_is_volatile(judge: Judge) -> None:
    row = one(judge, S({2020: 10.0, 2021: 14.0, 2022: 10.0}))
    assert "volatile" in row.warnings and row.volatile_year == 2021


def test_a_30_percent_change_is_not(judge: Judge) -> None:
    row = one(judge, S({2020: 10.0, 2021: 13.0, 2022: 10.0}))
    assert "volatile" not in row.warnings and math.isnan(row.volatile_year)


def test_the_band_is_configurable(judge: Judge) -> None:
    row = one(judge, S({2020: 10.0, 2021: 14.0}), rules=Rules(yoy_band=0.5))
    assert "volatile" not in row.warnings


@pytest.mark.parametrize(("values", "volatile"), [
    ({2020: 2.0, 2021: 3.0}, False),  # +50%, but one percentage point near 0
    ({2020: 2.0, 2021: 9.0}, True),  # seven points
    ({2020: 97.0, 2021: 90.0}, True),  # seven points near 100 (only −7%)
    ({2020: 99.0, 2021: 96.0}, False),
    ({2020: 40.0, 2021: 55.0}, True),  # mid-range: the ratio rule
])
def test_percentages_near_0_and_100_use_points(judge: Judge, values: dict[int, float],
                                               volatile: bool) -> None:
    row = one(judge, S(values, per=100.0))
    assert ("volatile" in row.warnings) is volatile


def test_an_outlier_by_modified_z_needs_five_points(judge: Judge) -> None:
    values = {2020: 10.0, 2021: 10.1, 2022: 9.9, 2023: 10.0, 2024: 10.1, 2025: 13.0}
    row = one(judge, S(values))  # 13 is +29% on 10.1: only the z-score catches it
    assert "volatile" in row.warnings and row.volatile_year == 2025
    short = one(judge, S({y: v for y, v in values.items() if y >= 2022}))
    assert "volatile" not in short.warnings


def test_small_numbers_explain_a_swing(judge: Judge) -> None:
    counts = {2020: (0.0, 700.0), 2021: (1.0, 700.0), 2022: (0.0, 700.0), 2023: (0.0, 700.0),
              2024: (0.0, 700.0), 2025: (0.0, 700.0)}
    row = one(judge, S({y: k / n * 1e5 for y, (k, n) in counts.items()}, counts=counts,
                       per=100000.0))
    assert "small_numbers" in row.warnings and "volatile" not in row.warnings


def test_large_numbers_do_not(judge: Judge) -> None:
    counts = {2020: (100.0, 1e5), 2021: (200.0, 1e5)}
    row = one(judge, S({y: k / n * 1e5 for y, (k, n) in counts.items()}, counts=counts,
                       per=100000.0))
    assert "volatile" in row.warnings and "small_numbers" not in row.warnings
