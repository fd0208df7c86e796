"""The one classification of units: what is summed, what is whole, what is a rate and its scale."""

from __future__ import annotations

import pytest

from halfsky.domain.plan import Aggregation, GoalRef, Indicator
from halfsky.domain.reports.numbers import indicator_decimals, is_count
from halfsky.domain.units import (
    UnitKind,
    exchange_codes,
    is_percent,
    is_proportion,
    is_whole_count,
    rate_scale,
    unit_kind,
)
from halfsky.domain.validation import default_rules


def indicator(unit: str, per: int | None = None) -> Indicator:
    return Indicator(code="X1", name="指标", unit=unit, goal=GoalRef("health", 1), per=per)


@pytest.mark.parametrize("unit", ["人", "件", "例", "起", "张", "床", "人次", " 人 "])
def test_counted_things_are_whole_counts(unit: str) -> None:
    assert unit_kind(unit) is UnitKind.COUNT


@pytest.mark.parametrize("unit", ["万人", "亿人", "万人次", "万户", "万件"])
def test_counts_in_ten_thousands_are_scaled_counts(unit: str) -> None:
    assert unit_kind(unit) is UnitKind.SCALED_COUNT


@pytest.mark.parametrize(("unit", "scale"), [
    ("%", 100), ("％", 100), ("‰", 1000), ("‱", 10_000), ("1/万", 10_000),
    ("1/10万", 100_000), ("/10万", 100_000),
])
def test_rates_carry_their_scale(unit: str, scale: int) -> None:
    assert (unit_kind(unit), rate_scale(unit)) == (UnitKind.RATE, scale)


@pytest.mark.parametrize("unit", ["岁", "年", "分钟/日", "个/千人", "元", "万元", "倍", ""])
def test_other_units_are_levels_without_scale(unit: str) -> None:
    assert (unit_kind(unit), rate_scale(unit)) == (UnitKind.LEVEL, None)


def test_cases_are_summed_validated_and_printed_as_whole_counts() -> None:
    cases = indicator("例")
    assert cases.aggregation_rule is Aggregation.SUM
    rules = default_rules(cases)
    assert (rules.integer, rules.count, rules.minimum) == (True, True, 0.0)
    assert is_count(cases) and indicator_decimals(cases, [3.0, 4.5]) == 0


def test_ten_thousands_are_summed_but_keep_their_decimals() -> None:
    people = indicator("万人")
    assert people.aggregation_rule is Aggregation.SUM
    rules = default_rules(people)
    assert (rules.integer, rules.count) == (False, True)
    assert is_count(people) and indicator_decimals(people, [1.25]) == 2


def test_a_hundred_million_people_is_never_negative() -> None:
    assert default_rules(indicator("亿人")).minimum == 0.0


def test_a_rate_is_a_level_bounded_by_its_scale() -> None:
    rate = indicator("‱")
    assert rate.aggregation_rule is Aggregation.NONE
    assert (default_rules(rate).maximum, default_rules(rate).per) == (10_000.0, 10_000)
    assert not is_count(rate)


def test_a_count_unit_with_a_multiplier_is_a_rate() -> None:
    per_thousand = indicator("人", per=1000)
    assert per_thousand.aggregation_rule is Aggregation.NONE
    assert not is_count(per_thousand)
    assert default_rules(per_thousand).count is False


def test_percent_by_unit_or_by_multiplier() -> None:
    assert is_percent("%") and is_percent("％") and is_percent("个", per=100)
    assert not is_percent("‰") and not is_proportion("人") and is_whole_count("床")


def test_every_exchange_code_is_distinct() -> None:
    codes = exchange_codes()
    assert len(set(codes.values())) == len(codes)
    assert codes["例"] == "INSTANCES" and "％" not in codes
