"""describe_target, meets and invalid targets, on Ji County (吉县) targets."""

from __future__ import annotations

import math

import pytest

from halfsky.domain.target_checks import (
    DESCRIBE_CODES,
    INVALID_TARGET_CODES,
    Evidence,
    InvalidTarget,
    check_target,
    describe_target,
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


# --- invalid targets ----------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "code"),
    [
        (Target(K.THRESHOLD, "%", comparator=C.GE), "target.invalid.missing_value"),
        (Target(K.THRESHOLD, "%", value=95.0), "target.invalid.missing_comparator"),
        (Target(K.MAINTAIN, "%", value=99.0), "target.invalid.missing_comparator"),
        (Target(K.MAINTAIN, "%", comparator=C.GE), "target.invalid.missing_value"),
        (Target(K.APPROXIMATE, "%"), "target.invalid.missing_value"),
        (Target(K.THRESHOLD, "%", comparator=C.GE, value=math.nan), "target.invalid.missing_value"),
        (Target(K.APPROXIMATE, "%", comparator=C.GE, value=45.0), "target.invalid.comparator"),
        (Target(K.APPROXIMATE, "%", value=45.0, tolerance=-1.0), "target.invalid.tolerance"),
        (Target(K.GAP_NARROWS, "1/10万"), "target.invalid.missing_groups"),
        (
            Target(K.GAP_NARROWS, "1/10万", groups=("urban", "urban")),
            "target.invalid.missing_groups",
        ),
        (Target(K.RELATIVE, "%"), "target.invalid.missing_relative_to"),
    ],
)
def test_invalid_targets(target: Target, code: str) -> None:
    assert code in INVALID_TARGET_CODES
    for call in (
        lambda: check_target(target, Evidence({2024: 1.0})),
        lambda: describe_target(target),
    ):
        with pytest.raises(InvalidTarget) as raised:
            call()
        assert raised.value.code == code
        assert isinstance(raised.value, ValueError)


def test_meets_only_for_level_kinds() -> None:
    assert meets(RURAL_WATER, 99.2) and not meets(RURAL_WATER, 98.9)
    assert meets(COUNCILS, 100.0) and not meets(COUNCILS, 99.0)
    assert meets(WOMEN_EMPLOYED, 46.5)
    with pytest.raises(InvalidTarget) as raised:
        meets(SCREENING, 30.0)
    assert raised.value.code == "target.invalid.not_numeric"


# --- describe_target ----------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "code", "params"),
    [
        (
            MATERNAL_MORTALITY,
            "target.threshold.le",
            {"value": 12.5, "unit": "1/10万", "year": 2025},
        ),
        (HIGH_SCHOOL, "target.threshold.ge", {"value": 95.0, "unit": "%", "year": 2025}),
        (HIV_TRANSMISSION, "target.threshold.lt", {"value": 2.5, "unit": "%", "year": 2025}),
        (
            Target(K.THRESHOLD, "%", None, C.GT, 50.0),
            "target.threshold.gt",
            {"value": 50.0, "unit": "%"},
        ),
        (
            Target(K.THRESHOLD, "名", None, C.EQ, 1.0),
            "target.threshold.eq",
            {"value": 1.0, "unit": "名"},
        ),
        (
            WOMEN_EMPLOYED,
            "target.approximate",
            {"value": 45.0, "tolerance": 2.0, "unit": "%", "year": 2025},
        ),
        (
            Target(K.THRESHOLD, "%", 2025, C.APPROX, 40.0),
            "target.approximate",
            {"value": 40.0, "tolerance": 1.0, "unit": "%", "year": 2025},
        ),
        (RURAL_WATER, "target.maintain.ge", {"value": 99.0, "unit": "%", "year": 2025}),
        (
            Target(K.MAINTAIN, "%", 2025, C.APPROX, 45.0, 2.0),
            "target.maintain.approx",
            {"value": 45.0, "tolerance": 2.0, "unit": "%", "year": 2025},
        ),
        (SCREENING, "target.increase", {"unit": "%", "year": 2025}),
        (ANAEMIA, "target.decrease", {"unit": "%", "year": 2025}),
        (
            MATERNAL_GAP,
            "target.gap_narrows",
            {"group_a": "urban", "group_b": "rural", "unit": "1/10万", "year": 2025},
        ),
        (ANXIETY, "target.growth_slows", {"unit": "%", "year": 2025}),
        (COUNCILS, "target.full_coverage", {"value": 100.0, "unit": "%", "year": 2025}),
        (
            DELEGATES,
            "target.relative",
            {"relative_to": "party_members_female_share", "unit": "%", "year": 2025},
        ),
        (
            EQUALITY_EDUCATION,
            "target.qualitative",
            {"unit": "", "source": "男女平等基本国策宣传教育进机关、进学校"},
        ),
    ],
)
def test_describe_target(target: Target, code: str, params: dict[str, object]) -> None:
    assert describe_target(target) == (code, params)
    assert code in DESCRIBE_CODES


def test_every_kind_is_checked_and_described() -> None:
    samples = {
        K.THRESHOLD: MATERNAL_MORTALITY,
        K.APPROXIMATE: WOMEN_EMPLOYED,
        K.MAINTAIN: RURAL_WATER,
        K.INCREASE: SCREENING,
        K.DECREASE: ANAEMIA,
        K.GAP_NARROWS: MATERNAL_GAP,
        K.GROWTH_SLOWS: ANXIETY,
        K.FULL_COVERAGE: COUNCILS,
        K.RELATIVE: DELEGATES,
        K.QUALITATIVE: EQUALITY_EDUCATION,
    }
    assert set(samples) == set(TargetKind)
    for target in samples.values():
        assert check_target(target, Evidence()).met is None
        assert describe_target(target)[0] in DESCRIBE_CODES
    for comparator in ("ge", "gt", "le", "lt", "eq"):
        assert f"target.threshold.{comparator}" in DESCRIBE_CODES
