"""The china method: every status for every target kind (吉县-sized examples)."""

from __future__ import annotations

import math

import pytest

from halfsky.domain.assessment import CHINA_STATUSES
from tests.domain.assessment.per_series import OneSeries as S

from .conftest import Judge, one

# 高中阶段毛入学率达到95%以上 by 2025, baseline 2020
SCHOOL = {"kind": "threshold", "comparator": "ge", "goal": 95.0, "target_year": 2025.0,
          "base_year": 2020.0}
# 孕产妇死亡率下降到12.5/10万以内
MORTALITY = {"kind": "threshold", "comparator": "le", "goal": 12.5, "target_year": 2025.0,
             "base_year": 2020.0, "direction": -1}


def test_met_reports_achievement_and_time_elapsed(judge: Judge) -> None:
    row = one(judge, S({2020: 90.0, 2023: 96.0}, **SCHOOL))
    assert (row.status, row.warnings) == ("met", ())
    assert row.achievement == pytest.approx(1.2)  # 实现程度 (96-90)/(95-90)
    assert row.time_elapsed == pytest.approx(0.6)  # 时间进度 (2023-2020)/(2025-2020)
    assert row.progress == pytest.approx(2.0)
    assert (row.baseline_year, row.baseline_value, row.latest_year, row.latest_value) == (
        2020, 90, 2023, 96)


def test_expected_to_meet_by_cagr(judge: Judge) -> None:
    row = one(judge, S({2020: 90.0, 2021: 91.0, 2022: 92.0}, **SCHOOL), as_of=2022)
    assert row.status == "expected_to_meet" and row.warnings == ()
    assert row.forecast == pytest.approx(92 * (92 / 90) ** 1.5)
    assert math.isnan(row.forecast_linear)  # three points: no linear trend yet


def test_at_risk_when_the_forecast_misses(judge: Judge) -> None:
    row = one(judge, S({2020: 90.0, 2022: 90.5}, **SCHOOL), as_of=2022)
    assert (row.status, row.warnings) == ("at_risk", ("forecast_miss",))
    assert row.forecast < 95


def test_the_linear_trend_must_agree_from_four_points(judge: Judge) -> None:
    target = {**SCHOOL, "goal": 60.0}
    row = one(judge, S({2020: 50.0, 2021: 50.0, 2022: 50.0, 2023: 56.0}, **target), as_of=2023)
    assert row.forecast == pytest.approx(56 * (56 / 50) ** (2 / 3))  # CAGR: meets 60
    assert row.forecast_linear == pytest.approx(57.8)  # the trend does not
    assert row.status == "at_risk"


def test_moving_away(judge: Judge) -> None:
    row = one(judge, S({2020: 90.0, 2022: 88.0}, **SCHOOL), as_of=2022)
    assert (row.status, row.warnings) == ("moving_away", ("moving_away",))
    assert row.achievement == pytest.approx(-0.4)


def test_no_data_and_missing(judge: Judge) -> None:
    empty, late = judge(S({}, **SCHOOL), S({2020: 90.0, 2023: 96.0}, **SCHOOL), as_of=2025)
    assert (empty.status, empty.warnings) == ("no_data", ("missing",))
    assert (late.status, late.warnings) == ("met", ("missing",))  # nothing for 2025


def test_lower_is_better(judge: Judge) -> None:
    met, away = judge(S({2020: 20.0, 2023: 12.0}, **MORTALITY),
                      S({2020: 20.0, 2023: 24.0}, **MORTALITY))
    assert (met.status, away.status) == ("met", "moving_away")


def test_a_missing_base_year_takes_the_next_year(judge: Judge) -> None:
    row = one(judge, S({2019: 80.0, 2021: 90.0, 2023: 92.0}, **SCHOOL))
    assert (row.baseline_year, row.baseline_value) == (2021, 90)


def test_as_of_ignores_later_years(judge: Judge) -> None:
    row = one(judge, S({2020: 90.0, 2022: 91.0, 2024: 99.0}, **SCHOOL), as_of=2022)
    assert (row.latest_year, row.status) == (2022, "at_risk")


def test_a_target_year_already_past_is_judged_on_the_latest_value(judge: Judge) -> None:
    row = one(judge, S({2020: 90.0, 2025: 94.0}, **SCHOOL))
    assert row.status == "at_risk" and row.forecast == pytest.approx(94.0)


def test_without_a_target_year_there_is_no_forecast(judge: Judge) -> None:
    row = one(judge, S({2020: 90.0, 2023: 94.0}, **{**SCHOOL, "target_year": math.nan}))
    assert row.status == "at_risk" and math.isnan(row.progress)


def test_approximate_targets_use_their_tolerance(judge: Judge) -> None:
    # 就业人员中的女性比例保持在45%左右 (±2)
    target = {"kind": "approximate", "comparator": "approx", "goal": 45.0, "tolerance": 2.0,
              "target_year": 2025.0, "base_year": 2020.0}
    within, towards, overshoot = judge(S({2020: 40.0, 2023: 43.5}, **target),
                                       S({2020: 38.0, 2021: 39.0, 2022: 40.0}, **target),
                                       S({2020: 40.0, 2023: 50.0}, **target), as_of=2023)
    assert within.status == "met"
    assert towards.status == "expected_to_meet"  # 40 → forecast 43.1, within 45 ± 2
    assert overshoot.status == "moving_away"


def test_maintain_must_hold_in_every_year(judge: Judge) -> None:
    # 农村自来水普及率稳定在99%以上
    target = {"kind": "maintain", "comparator": "ge", "goal": 99.0, "target_year": 2025.0,
              "base_year": 2020.0}
    held, broken, before = judge(S({2020: 99.2, 2021: 99.4, 2022: 99.1}, **target),
                                 S({2020: 99.0, 2021: 98.5, 2022: 99.5}, **target),
                                 S({2018: 99.5, 2019: 99.6}, **target), as_of=2022)
    assert held.status == "met"
    assert broken.status == "at_risk"  # 2021 failed; never "expected to meet"
    assert before.status == "no_data"  # nothing from the base year on


def test_full_coverage(judge: Judge) -> None:
    target = {"kind": "full_coverage", "target_year": 2025.0, "base_year": 2020.0}
    done, short = judge(S({2020: 80.0, 2023: 100.0}, **target),
                        S({2020: 80.0, 2023: 90.0}, **target))
    assert (done.status, short.status) == ("met", "at_risk")


@pytest.mark.parametrize(("kind", "values", "status"), [
    ("increase", {2020: 30.0, 2023: 35.0}, "met"),
    ("increase", {2020: 30.0, 2023: 25.0}, "moving_away"),
    ("increase", {2020: 30.0, 2023: 30.0}, "at_risk"),
    ("decrease", {2020: 30.0, 2023: 25.0}, "met"),
    ("decrease", {2020: 30.0, 2023: 35.0}, "moving_away"),
    ("increase", {2023: 35.0}, "no_data"),
])
def test_directional_targets(judge: Judge, kind: str, values: dict[int, float],
                             status: str) -> None:
    row = one(judge, S(values, kind=kind, base_year=2020.0), as_of=2023)
    assert row.status == status


def test_directional_targets_are_graded_by_growth_rate(judge: Judge) -> None:
    rising, falling = judge(S({2020: 30.0, 2022: 36.3}, kind="increase"),
                            S({2020: 5.0, 2022: 4.0}, kind="none", direction=-1))
    assert rising.progress == pytest.approx(0.1)  # +10% a year
    assert falling.progress == pytest.approx(1 - 0.8 ** 0.5)  # falling ~10.6% a year: good
    assert falling.status == "met"


def test_gap_narrows_compares_the_gap_between_two_groups(judge: Judge) -> None:
    urban = {2020: 10.0, 2023: 12.0}
    gap = {"kind": "gap_narrows", "base_year": 2020.0, "partner": 1}
    narrows, _ = judge(S(urban, other={2020: 20.0, 2023: 18.0}, **gap),
                       S({2020: 20.0, 2023: 18.0}))
    assert (narrows.status, narrows.baseline_value, narrows.latest_value) == ("met", 10, 6)
    assert narrows.progress == pytest.approx(0.4)
    widens, _ = judge(S(urban, other={2020: 20.0, 2023: 25.0}, **gap),
                      S({2020: 20.0, 2023: 25.0}))
    assert widens.status == "moving_away"
    no_base, _ = judge(S(urban, other={2021: 20.0, 2023: 25.0}, **gap),
                       S({2021: 20.0, 2023: 25.0}))
    assert no_base.status == "no_data"


@pytest.mark.parametrize(("values", "status"), [
    ({2020: 10.0, 2021: 12.0, 2022: 14.0, 2023: 15.0, 2024: 15.5}, "met"),
    ({2020: 10.0, 2021: 10.5, 2022: 11.0, 2023: 13.0, 2024: 15.0}, "moving_away"),
    ({2020: 10.0, 2022: 12.0, 2024: 14.0}, "at_risk"),
    ({2020: 10.0, 2024: 15.0}, "no_data"),
])
def test_growth_slows(judge: Judge, values: dict[int, float], status: str) -> None:
    # 妇女焦虑症、抑郁症患病率上升趋势减缓
    row = one(judge, S(values, kind="growth_slows", base_year=2020.0, direction=-1), as_of=2024)
    assert row.status == status


@pytest.mark.parametrize(("own", "reference", "status"), [
    ({2020: 20.0, 2023: 28.0}, {2020: 25.0, 2023: 27.0}, "met"),
    ({2020: 20.0, 2023: 21.0}, {2020: 25.0, 2023: 30.0}, "moving_away"),
    ({2020: 20.0, 2023: 25.0}, {2020: 25.0, 2023: 30.0}, "at_risk"),
    ({2020: 20.0}, {2023: 30.0}, "no_data"),
])
def test_relative_targets(judge: Judge, own: dict[int, float], reference: dict[int, float],
                          status: str) -> None:
    # 女党员比例不少于本地区党员总数中的女性比例
    row, _ = judge(S(own, other=reference, kind="relative", partner=1, base_year=2020.0),
                   S(reference), as_of=2023)
    assert row.status == status


@pytest.mark.parametrize(("rating", "status", "warnings"), [
    ("met", "met", ()), ("partly_met", "at_risk", ("forecast_miss",)),
    ("not_met", "at_risk", ("forecast_miss",)), (None, "no_data", ("missing",)),
])
def test_qualitative_targets_take_the_rating(judge: Judge, rating: str | None, status: str,
                                             warnings: tuple[str, ...]) -> None:
    row = one(judge, S({}, kind="qualitative", rating=rating))
    assert (row.status, row.warnings) == (status, warnings)


def test_every_status_is_reachable(judge: Judge) -> None:
    rows = judge(S({2020: 90.0, 2023: 96.0}, **SCHOOL), S({2020: 90.0, 2023: 94.0}, **SCHOOL),
                 S({2020: 90.0, 2023: 90.5}, **SCHOOL), S({2020: 90.0, 2023: 88.0}, **SCHOOL),
                 S({2023: 100000 / 700}, counts={2023: (1.0, 700.0)}, per=100000.0,
                   **MORTALITY),
                 S({}, **SCHOOL), as_of=2023)
    assert tuple(row.status for row in rows) == CHINA_STATUSES
