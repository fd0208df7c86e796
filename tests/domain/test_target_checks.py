"""check_target on Ji County (吉县) targets of the 2021–2025 women's development plan."""

from __future__ import annotations

import math
from typing import Any

import pytest

from halfsky.domain.target_checks import (
    CHECK_CODES,
    DEFAULT_TOLERANCE,
    INVALID_RATING,
    MISSING_VALUES,
    Evidence,
    InvalidEvidence,
    TargetCheck,
    check_target,
    meets,
)
from halfsky.domain.targets import Comparator, Target, TargetKind

K, C = TargetKind, Comparator
# 孕产妇死亡率下降到12.5/10万以内，城乡差距缩小。
MATERNAL_MORTALITY = Target(K.THRESHOLD, "1/10万", 2025, C.LE, 12.5)
MATERNAL_GAP = Target(K.GAP_NARROWS, "1/10万", 2025, groups=("urban", "rural"))
# 高中阶段毛入学率达到95%以上; 艾滋病母婴传播率下降到2.5%以下
HIGH_SCHOOL = Target(K.THRESHOLD, "%", 2025, C.GE, 95.0)
HIV_TRANSMISSION = Target(K.THRESHOLD, "%", 2025, C.LT, 2.5)
# 就业人员中的女性比例保持在45%左右 (±2)
WOMEN_EMPLOYED = Target(K.APPROXIMATE, "%", 2025, C.APPROX, 45.0, tolerance=2.0)
# 农村自来水普及率稳定在99%以上
RURAL_WATER = Target(K.MAINTAIN, "%", 2025, C.GE, 99.0)
# 适龄妇女宫颈癌筛查率逐步提高; 减少孕产妇贫血
SCREENING = Target(K.INCREASE, "%", 2025)
ANAEMIA = Target(K.DECREASE, "%", 2025)
# 妇女焦虑症、抑郁症患病率上升趋势减缓
ANXIETY = Target(K.GROWTH_SLOWS, "%", 2025)
# 城乡社区妇女议事会实现全覆盖
COUNCILS = Target(K.FULL_COVERAGE, "%", 2025)
# 党代会代表中的女性比例一般不少于本地区党员总数中的女性比例
DELEGATES = Target(K.RELATIVE, "%", 2025, relative_to="party_members_female_share")
# 广泛深入开展男女平等基本国策宣传教育
EQUALITY_EDUCATION = Target(K.QUALITATIVE, source="男女平等基本国策宣传教育进机关、进学校")

YEARS = range(2020, 2025)


def check(
    target: Target, series: dict[int, float], year: int | None = None, **kw: Any
) -> TargetCheck:
    result = check_target(target, Evidence(series, **kw), year)
    assert result.code in CHECK_CODES
    assert result.params["kind"] == target.kind.value
    if result.code == "target_check.no_data":
        assert result.params["missing"] in MISSING_VALUES
    return result


# --- threshold ----------------------------------------------------------------


def test_threshold_met_on_the_latest_value() -> None:
    result = check(MATERNAL_MORTALITY, {2020: 142.9, 2023: 0.0, 2024: 0.0})
    assert result.met is True and result.code == "target_check.met"
    assert result.params == {
        "kind": "threshold",
        "unit": "1/10万",
        "target_year": 2025,
        "value": 0.0,
        "year": 2024,
        "target": 12.5,
    }


def test_threshold_not_met() -> None:
    result = check(MATERNAL_MORTALITY, {2020: 0.0, 2024: 142.9})
    assert (result.met, result.code, result.params["value"]) == (
        False,
        "target_check.not_met",
        142.9,
    )


@pytest.mark.parametrize(
    ("comparator", "value", "met"),
    [
        (C.GE, 95.0, True),
        (C.GT, 95.0, False),
        (C.GT, 95.1, True),
        (C.LE, 95.0, True),
        (C.LT, 95.0, False),
        (C.LT, 94.9, True),
        (C.EQ, 95.0, True),
        (C.EQ, 95.0 + 1e-10, True),
        (C.EQ, 95.001, False),
        (C.GE, 94.99, False),
    ],
)
def test_threshold_boundaries(comparator: Comparator, value: float, met: bool) -> None:
    target = Target(K.THRESHOLD, "%", 2025, comparator, 95.0)
    assert check(target, {2024: value}).met is met
    assert meets(target, value) is met


def test_threshold_float_noise_at_the_boundary() -> None:
    assert meets(Target(K.THRESHOLD, "%", 2025, C.GE, 0.3), 0.1 + 0.2)
    assert meets(Target(K.THRESHOLD, "%", 2025, C.LE, 0.3), 0.1 + 0.2)
    assert not meets(HIV_TRANSMISSION, 2.5)
    assert meets(HIGH_SCHOOL, 95.0)


def test_threshold_judges_the_latest_year_at_or_before_the_year_asked() -> None:
    series = {2020: 0.0, 2022: 142.9, 2024: 0.0}
    result = check(MATERNAL_MORTALITY, series, year=2023)
    assert (result.met, result.params["year"]) == (False, 2022)
    assert check(MATERNAL_MORTALITY, series, year=2024).met is True


def test_threshold_no_data() -> None:
    assert check(MATERNAL_MORTALITY, {}).params["missing"] == "series"
    before = check(MATERNAL_MORTALITY, {2024: 0.0}, year=2021)
    assert (before.met, before.code, before.params["year"]) == (None, "target_check.no_data", 2021)
    assert check(MATERNAL_MORTALITY, {2024: math.nan}).met is None


# --- approximate --------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "met"),
    [
        (45.0, True),
        (45.6, True),
        (47.0, True),
        (43.0, True),
        (47.1, False),
        (42.9, False),
        (38.0, False),
    ],
)
def test_approximate_within_the_tolerance(value: float, met: bool) -> None:
    result = check(WOMEN_EMPLOYED, {2020: 44.1, 2024: value})
    assert result.met is met
    assert result.params["tolerance"] == 2.0 and result.params["target"] == 45.0


def test_approximate_default_tolerance() -> None:
    target = Target(K.APPROXIMATE, "%", 2025, value=98.0)  # 农村卫生厕所普及率2025年达到98%左右
    assert DEFAULT_TOLERANCE == 1.0
    assert check(target, {2024: 97.0}).met is True
    assert check(target, {2024: 96.9}).met is False


def test_approximate_no_data() -> None:
    assert check(WOMEN_EMPLOYED, {}).met is None


# --- maintain -----------------------------------------------------------------


def test_maintain_met_in_every_year() -> None:
    result = check(RURAL_WATER, {2020: 99.3, 2021: 99.0, 2022: 99.5, 2023: 99.6, 2024: 99.7})
    assert result.met is True
    assert result.params["years_checked"] == 5 and result.params["baseline_year"] == 2020


def test_maintain_fails_in_one_middle_year() -> None:
    result = check(RURAL_WATER, {2020: 99.3, 2021: 99.4, 2022: 98.7, 2023: 98.9, 2024: 99.6})
    assert (result.met, result.code) == (False, "target_check.not_met")
    assert (result.params["failed_year"], result.params["failed_value"]) == (2022, 98.7)
    assert result.params["value"] == 99.6 and result.params["year"] == 2024


def test_maintain_ignores_years_before_the_baseline_and_after_the_year_asked() -> None:
    series = {2018: 97.0, 2020: 99.3, 2022: 99.5, 2024: 98.0}
    assert check(RURAL_WATER, series, baseline_year=2020).met is False
    assert check(RURAL_WATER, series, year=2023, baseline_year=2020).met is True


def test_maintain_no_data() -> None:
    assert check(RURAL_WATER, {}).met is None
    assert check(RURAL_WATER, {2018: 99.5}, baseline_year=2020).code == "target_check.no_data"


# --- increase / decrease ------------------------------------------------------


def test_increase_met_and_not_met() -> None:
    met = check(SCREENING, {2020: 30.2, 2022: 35.0, 2024: 41.5}, baseline_year=2020)
    assert met.met is True
    assert (met.params["baseline_value"], met.params["change"]) == (30.2, 11.3)
    assert check(SCREENING, {2020: 30.2, 2024: 30.2}).met is False
    assert check(SCREENING, {2020: 30.2, 2024: 29.0}).met is False


def test_decrease_met_and_not_met() -> None:
    assert check(ANAEMIA, {2020: 18.4, 2024: 15.1}).met is True
    assert check(ANAEMIA, {2020: 18.4, 2024: 18.4}).met is False
    assert check(ANAEMIA, {2020: 18.4, 2024: 19.0}).met is False


def test_direction_uses_the_first_year_after_a_missing_baseline() -> None:
    result = check(SCREENING, {2019: 50.0, 2021: 30.0, 2024: 35.0}, baseline_year=2020)
    assert result.met is True and result.params["baseline_year"] == 2021


def test_direction_no_data() -> None:
    assert check(SCREENING, {}).params["missing"] == "series"
    assert check(SCREENING, {2024: 35.0}).params["missing"] == "baseline"
    assert check(ANAEMIA, {2020: 18.4, 2024: 15.1}, year=2020).met is None


# --- gap narrows --------------------------------------------------------------


def gap(urban: dict[int, float], rural: dict[int, float], **kw: Any) -> TargetCheck:
    return check(MATERNAL_GAP, {}, groups={"urban": urban, "rural": rural}, **kw)


def test_gap_narrows_met() -> None:
    result = gap({2020: 10.2, 2024: 8.0}, {2020: 20.5, 2024: 12.1}, baseline_year=2020)
    assert result.met is True
    assert (result.params["gap_baseline"], result.params["gap_latest"]) == (10.3, 4.1)
    assert (result.params["group_a"], result.params["group_b"]) == ("urban", "rural")


def test_gap_widening_or_unchanged_is_not_met() -> None:
    assert gap({2020: 10.0, 2024: 8.0}, {2020: 20.0, 2024: 22.0}).met is False
    assert gap({2020: 10.0, 2024: 12.0}, {2020: 20.0, 2024: 22.0}).met is False


def test_gap_is_absolute_when_groups_cross() -> None:
    assert gap({2020: 10.0, 2024: 21.0}, {2020: 20.0, 2024: 18.0}).met is True
    assert gap({2020: 10.0, 2024: 31.0}, {2020: 20.0, 2024: 18.0}).met is False


def test_gap_judged_in_the_latest_common_year() -> None:
    result = gap({2020: 10.0, 2022: 12.0, 2024: 9.0}, {2020: 20.0, 2022: 15.0}, baseline_year=2020)
    assert (result.met, result.params["year"]) == (True, 2022)


def test_gap_no_data() -> None:
    assert (
        gap({2021: 8.0, 2024: 8.0}, {2021: 9.0, 2024: 9.0}, baseline_year=2020).params["missing"]
        == "baseline"
    )
    assert gap({2020: 8.0, 2024: 8.0}, {}).params["missing"] == "groups"
    assert gap({2020: 8.0}, {2020: 9.0}).params["missing"] == "groups"
    assert gap({2020: 8.0, 2024: 1.0}, {2020: 9.0, 2023: 1.0}).met is None


# --- growth slows -------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "met"),
    [
        ((8.0, 9.0, 9.8, 10.3, 10.5), True),  # slowing
        ((8.0, 8.2, 8.5, 9.2, 10.1), False),  # accelerating
        ((8.0, 8.5, 9.0, 9.5, 10.0), False),  # steady rise
        ((8.0, 9.0, 10.0, 9.8, 9.7), True),  # stopped rising
        ((10.0, 9.5, 9.0, 8.9, 8.9), True),  # falling throughout
        ((10.0, 9.0, 8.0, 8.2, 8.4), False),  # fell, now rising again
    ],
)
def test_growth_slows(values: tuple[float, ...], met: bool) -> None:
    result = check(ANXIETY, dict(zip(YEARS, values, strict=True)))
    assert result.met is met
    assert (result.params["start_year"], result.params["split_year"], result.params["year"]) == (
        2020,
        2022,
        2024,
    )


def test_growth_slows_rates_and_split_on_a_tie() -> None:
    result = check(ANXIETY, {2020: 8.0, 2021: 9.0, 2022: 9.5, 2023: 9.8})
    assert result.params["split_year"] == 2021  # 2021 and 2022 are equally near the middle
    assert (result.params["earlier_rate"], result.params["later_rate"]) == (1.0, 0.4)
    assert result.met is True


def test_growth_slows_needs_three_points() -> None:
    assert check(ANXIETY, {2020: 8.0, 2024: 9.0}).params["missing"] == "points"
    assert check(ANXIETY, {}).params["missing"] == "series"
    assert check(ANXIETY, {2020: 8.0, 2022: 9.0, 2024: 9.5}, year=2023).met is None


# --- full coverage ------------------------------------------------------------


def test_full_coverage() -> None:
    assert check(COUNCILS, {2020: 85.0, 2024: 100.0}).met is True
    result = check(COUNCILS, {2024: 99.9})
    assert (result.met, result.params["target"]) == (False, 100.0)
    assert check(COUNCILS, {}).met is None


def test_full_coverage_with_its_own_value() -> None:
    target = Target(K.FULL_COVERAGE, "%", 2025, C.GE, 95.0)
    assert check(target, {2024: 96.0}).met is True
    assert check(target, {2024: 94.0}).met is False


# --- relative -----------------------------------------------------------------


@pytest.mark.parametrize(("delegates", "met"), [(28.4, True), (26.1, True), (25.0, False)])
def test_relative_not_below_the_indicator_compared_with(delegates: float, met: bool) -> None:
    result = check(DELEGATES, {2021: delegates}, relative={2020: 25.3, 2021: 26.1})
    assert result.met is met
    assert result.params["relative_value"] == 26.1
    assert result.params["relative_to"] == "party_members_female_share"


def test_relative_uses_the_latest_year_with_both_values() -> None:
    result = check(DELEGATES, {2021: 28.0, 2024: 20.0}, relative={2021: 26.1})
    assert (result.met, result.params["year"]) == (True, 2021)


def test_relative_no_data() -> None:
    assert check(DELEGATES, {2021: 28.0}).params["missing"] == "relative_to"
    assert check(DELEGATES, {}, relative={2021: 26.1}).params["missing"] == "series"


# --- qualitative --------------------------------------------------------------


@pytest.mark.parametrize(
    ("rating", "met", "code"),
    [
        ("met", True, "target_check.met"),
        ("partly_met", False, "target_check.partly_met"),
        ("not_met", False, "target_check.not_met"),
        (None, None, "target_check.needs_rating"),
    ],
)
def test_qualitative_ratings(rating: str | None, met: bool | None, code: str) -> None:
    result = check(EQUALITY_EDUCATION, {}, year=2023, rating=rating)
    assert (result.met, result.code, result.params["year"]) == (met, code, 2023)


def test_unknown_rating_is_invalid_evidence() -> None:
    with pytest.raises(InvalidEvidence) as raised:
        Evidence({}, rating="good")
    assert raised.value.code == INVALID_RATING
