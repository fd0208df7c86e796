"""Validation rules on Ji County (吉县) indicators: every finding code, rules from units."""

from __future__ import annotations

import math

import pytest

from halfsky.domain.plan import GoalRef, Indicator
from halfsky.domain.validation import (
    ERROR_CODES,
    WARNING_CODES,
    Entry,
    Finding,
    Rules,
    Severity,
    blocking,
    compute_rate,
    default_rules,
    validate,
)

GOAL = GoalRef("health", 1)
MATERNAL_MORTALITY = Indicator("H03", "孕产妇死亡率", "1/10万", GOAL, per=100_000)
SCREENING = Indicator("H05", "适龄妇女宫颈癌人群筛查率", "%", GOAL, per=100)
ABORTION = Indicator("H07", "育龄妇女人工流产率", "‰", GOAL, per=1000)
GROSS_ENROLMENT = Indicator("E03", "高中阶段毛入学率", "%", GOAL, per=100)
INSURED = Indicator("S01", "生育保险参保人数", "人", GOAL)
LIFE_EXPECTANCY = Indicator("H01", "妇女人均预期寿命", "岁", GOAL)
SCHOOLING = Indicator("E09", "劳动年龄女性平均受教育年限", "年", GOAL)
HOUSEWORK = Indicator("F01", "男女两性家务劳动时间", "分钟/日", GOAL)
CHILDCARE = Indicator("F02", "每千人口拥有3岁以下婴幼儿托位数", "个/千人", GOAL, per=1000)
INDICATORS = (MATERNAL_MORTALITY, SCREENING, ABORTION, GROSS_ENROLMENT, INSURED,
              LIFE_EXPECTANCY, SCHOOLING, HOUSEWORK, CHILDCARE)  # fmt: skip
RULES = {indicator.code: default_rules(indicator) for indicator in INDICATORS}


def check(*entries: Entry, rules: dict[str, Rules] | None = None) -> list[tuple[str, str]]:
    return [(f.key, f.code) for f in validate(entries, rules or RULES)]


def only(*entries: Entry, rules: dict[str, Rules] | None = None) -> Finding:
    findings = validate(entries, rules or RULES)
    assert len(findings) == 1, findings
    return findings[0]


# --------------------------------------------------------------------------
# Rules from the indicator


def test_rules_from_units() -> None:
    percent = RULES["H05"]
    assert (percent.minimum, percent.maximum, percent.per, percent.percent) == (0, 100, 100, True)
    assert percent.numerator_within_denominator and not percent.integer
    assert (RULES["H03"].maximum, RULES["H03"].per, RULES["H03"].percent) == (100_000, 100_000, False)
    assert RULES["H07"].maximum == 1000
    counts = RULES["S01"]
    assert (counts.minimum, counts.integer, counts.count) == (0, True, True)
    assert (RULES["H01"].plausible_low, RULES["H01"].plausible_high) == (50, 95)
    assert RULES["F01"].maximum == 1440
    assert RULES["E09"] == Rules(minimum=0.0)
    assert RULES["F02"] == Rules(minimum=0.0, per=1000)
    assert default_rules(Indicator("X", "x", "万人", GOAL)) == Rules(minimum=0.0, count=True)
    assert default_rules(Indicator("X", "x", "", GOAL)) == Rules()


def test_gross_enrolment_may_exceed_100_percent_with_a_warning() -> None:
    rules = RULES["E03"]
    assert rules.maximum is None and rules.plausible_high == 100
    assert not rules.numerator_within_denominator
    finding = only(Entry("k", "E03", value=103.2))
    assert (finding.code, finding.severity) == ("value.implausible", Severity.WARNING)
    assert finding.params == {"value": 103.2, "side": "above", "high": 100}


def test_every_plan_indicator_gets_rules() -> None:
    from halfsky.formats.plan_file import load_plan

    plan = load_plan("jixian-women-2021-2025")
    rules = {indicator.code: default_rules(indicator) for indicator in plan.indicators}
    assert all(rules[i.code].percent for i in plan.indicators if i.unit == "%")
    assert all(rules[i.code].count for i in plan.indicators if i.unit in ("人", "件"))


# --------------------------------------------------------------------------
# Errors


def test_a_good_value_has_no_findings() -> None:
    assert check(Entry("k", "H05", value=45.2, previous=42.0)) == []


def test_missing_value() -> None:
    assert only(Entry("k", "H05")).code == "value.missing"
    optional = {"H05": Rules(required=False)}
    assert check(Entry("k", "H05"), rules=optional) == []


def test_not_applicable_skips_checks_but_carries_no_value() -> None:
    assert check(Entry("k", "H05", not_applicable=True)) == []
    finding = only(Entry("k", "H05", numerator=3, not_applicable=True))
    assert (finding.code, finding.params) == ("value.not_applicable_with_value",
                                              {"field": "numerator"})


def test_not_a_number() -> None:
    assert only(Entry("k", "H05", value=math.nan)).params == {"field": "value"}
    assert only(Entry("k", "H05", numerator=math.inf, denominator=3)).code == "value.not_a_number"


def test_not_integer() -> None:
    finding = only(Entry("k", "S01", value=12.5))
    assert (finding.code, finding.params) == ("value.not_integer", {"value": 12.5})
    assert check(Entry("k", "S01", value=12.0)) == []


def test_below_minimum_and_above_maximum() -> None:
    below = only(Entry("k", "H05", value=-0.1))
    assert (below.code, below.params) == ("value.below_minimum", {"value": -0.1, "minimum": 0})
    above = only(Entry("k", "H05", value=100.5))
    assert (above.code, above.params) == ("value.above_maximum", {"value": 100.5, "maximum": 100})
    assert check(Entry("k", "H05", value=100.0), Entry("j", "H05", value=0.0)) == []


def test_negative_count() -> None:
    finding = only(Entry("k", "S01", value=-3))
    assert (finding.code, finding.params) == ("value.negative_count", {"field": "value", "value": -3})
    finding = only(Entry("k", "H05", numerator=-1, denominator=10))
    assert finding.params == {"field": "numerator", "value": -1}


def test_numerator_above_denominator() -> None:
    finding = only(Entry("k", "H03", numerator=12, denominator=10))
    assert (finding.code, finding.params) == ("value.numerator_above_denominator",
                                              {"numerator": 12, "denominator": 10})
    # Gross ratios and rates that are not proportions may exceed their denominator.
    assert check(Entry("k", "E03", numerator=980, denominator=1000)) == []
    assert check(Entry("k", "E09", numerator=10_400, denominator=1000)) == []


def test_denominator_zero() -> None:
    finding = only(Entry("k", "H05", numerator=0, denominator=0))
    assert (finding.code, finding.params) == ("value.denominator_zero", {"numerator": 0})


def test_rate_incomplete() -> None:
    finding = only(Entry("k", "H05", value=12.0, numerator=3))
    assert (finding.code, finding.params) == ("value.rate_incomplete", {"missing": "denominator"})


def test_rate_computed_from_numerator_and_denominator() -> None:
    assert compute_rate(1, 8000, 100_000) == 12.5
    assert compute_rate(25, 200, 100) == 12.5
    assert compute_rate(10_400, 1000, None) == 10.4
    with pytest.raises(ZeroDivisionError):
        compute_rate(1, 0, 100)
    # The computed rate is checked like an entered one: 1 in 500 is 200/10万, fine;
    # a computed percentage above the plausible range warns.
    assert check(Entry("k", "H03", numerator=1, denominator=500)) == []
    assert check(Entry("k", "H05", numerator=1, denominator=3, previous=30.0)) == []


def test_rate_mismatch_allows_the_rounding_the_value_was_written_with() -> None:
    good = [Entry("a", "H05", value=33.3, numerator=1, denominator=3),
            Entry("b", "H05", value=33, numerator=1, denominator=3),
            Entry("c", "H05", value=33.33, numerator=1, denominator=3),
            Entry("d", "H03", value=12.5, numerator=1, denominator=8000),
            Entry("e", "H05", value=12.35, numerator=12.345, denominator=100)]  # fmt: skip
    assert check(*good) == []
    finding = only(Entry("k", "H05", value=33.4, numerator=1, denominator=3))
    assert finding.code == "value.rate_mismatch"
    assert finding.params == {"value": 33.4, "expected": 33.3333, "numerator": 1,
                              "denominator": 3, "per": 100}
    assert only(Entry("k", "H05", value=34, numerator=1, denominator=3)).code == "value.rate_mismatch"
    # The entry's own per overrides the rule's.
    assert check(Entry("k", "F02", value=2.5, numerator=25, denominator=10_000, per=1000)) == []


# --------------------------------------------------------------------------
# Totals and parts


def sexes(total: float, female: float, male: float, indicator: str = "S01",
          group: str = "141028|2025") -> list[Entry]:  # fmt: skip
    return [Entry("t", indicator, "", total, group=group),
            Entry("f", indicator, "sex=female", female, group=group),
            Entry("m", indicator, "sex=male", male, group=group)]  # fmt: skip


def test_counts_add_up() -> None:
    assert check(*sexes(100, 60, 40)) == []
    finding = only(*sexes(100, 60, 41))
    assert (finding.key, finding.code) == ("t", "value.groups_do_not_add_up")
    assert finding.params == {"dimension": "sex", "field": "value", "total": 100, "sum": 101,
                              "difference": 1}


def test_counts_with_decimals_may_differ_by_rounding() -> None:
    counts = {"S01": Rules(count=True)}  # e.g. 万人, one decimal
    assert check(*sexes(10.1, 5.1, 5.1), rules=counts) == []  # 5.05 + 5.05 rounded up
    assert [c for _, c in check(*sexes(10.1, 5.3, 5.1), rules=counts)] == [
        "value.groups_do_not_add_up"]


def test_urban_and_rural_numerators_and_denominators_add_up() -> None:
    group = [Entry("t", "H03", "", numerator=2, denominator=1000),
             Entry("u", "H03", "urban_rural=urban", numerator=1, denominator=400),
             Entry("r", "H03", "urban_rural=rural", numerator=1, denominator=500)]  # fmt: skip
    findings = validate(group, RULES)
    assert [(f.key, f.params["field"]) for f in findings] == [("t", "denominator")]


def test_rates_themselves_do_not_add_up() -> None:
    group = [Entry("t", "H05", "", 50.0), Entry("u", "H05", "urban_rural=urban", 50.0),
             Entry("r", "H05", "urban_rural=rural", 50.0)]  # fmt: skip
    assert check(*group) == []


def test_groups_need_a_total_and_every_part_in_the_same_group() -> None:
    assert check(*sexes(100, 60, 41)[:2]) == []  # no male value yet
    entries = sexes(100, 60, 40, group="a") + sexes(50, 20, 20, group="b")[1:]
    assert check(*entries) == []  # group b has no total
    entries = sexes(100, 60, 40)
    entries[2] = Entry("m", "S01", "sex=male", 40, not_applicable=False, group="other")
    assert check(*entries) == []
    off = {"S01": Rules(count=True, groups_add_up=False)}
    assert check(*sexes(100, 60, 41), rules=off) == []


def crossed(cells: tuple[float, float, float, float]) -> list[Entry]:
    """Women and men × urban and rural of a count whose total is 100, in one group."""
    names = ("sex=female;urban_rural=urban", "sex=female;urban_rural=rural",
             "sex=male;urban_rural=urban", "sex=male;urban_rural=rural")
    return [Entry(f"c{i}", "S01", name, number, group="g")
            for i, (name, number) in enumerate(zip(names, cells, strict=True))]


def test_crossed_parts_add_up_within_their_own_dimension_set() -> None:
    total = [Entry("t", "S01", "", 100, group="g")]
    sex = [Entry("f", "S01", "sex=female", 60, group="g"),
           Entry("m", "S01", "sex=male", 40, group="g")]  # fmt: skip
    assert check(*total, *sex, *crossed((20, 40, 10, 30))) == []
    finding = only(*total, *sex, *crossed((20, 40, 10, 31)))
    assert finding.params["dimension"] == "sex;urban_rural"
    assert finding.params["sum"] == 101
    # an incomplete crossed set is not summed (and does not disturb the sex check)
    assert check(*total, *sex, *crossed((20, 40, 10, 31))[:3]) == []


# --------------------------------------------------------------------------
# Warnings


def test_year_on_year_change_relative() -> None:
    assert check(Entry("k", "S01", value=1330, previous=1000)) == []
    finding = only(Entry("k", "S01", value=1340, previous=1000))
    assert (finding.code, finding.severity) == ("value.yoy_change", Severity.WARNING)
    assert finding.params == {"previous": 1000, "value": 1340, "change": 340, "limit": 330,
                              "mode": "relative", "relative": 0.34}
    assert only(Entry("k", "S01", value=600, previous=1000)).params["relative"] == -0.4
    configured = {"S01": Rules(count=True, yoy_change=0.5)}
    assert check(Entry("k", "S01", value=1400, previous=1000), rules=configured) == []
    off = {"S01": Rules(yoy_change=None)}
    assert check(Entry("k", "S01", value=9000, previous=1000), rules=off) == []


def test_year_on_year_change_from_zero() -> None:
    finding = only(Entry("k", "S01", value=2, previous=0))
    assert finding.params == {"previous": 0, "value": 2, "change": 2, "limit": 0,
                              "mode": "relative"}
    assert check(Entry("k", "S01", value=0, previous=0)) == []


@pytest.mark.parametrize(("previous", "value", "warns", "mode"), [
    (99.0, 95.0, False, "points"),  # near 100: 4 points
    (99.0, 93.0, True, "points"),  # near 100: 6 points (a relative rule would miss it)
    (2.0, 6.5, False, "points"),  # near 0: +225 % but 4.5 points
    (2.0, 7.5, True, "points"),
    (30.0, 39.5, False, "relative"),  # 32 %
    (30.0, 40.5, True, "relative"),  # 35 %
    (70.0, 79.0, False, "relative"),  # uncovered share 30 → 21
    (70.0, 80.5, True, "relative"),  # uncovered share 30 → 19.5
])  # fmt: skip
def test_year_on_year_change_of_percentages(previous: float, value: float, warns: bool,
                                            mode: str) -> None:  # fmt: skip
    findings = validate([Entry("k", "H05", value=value, previous=previous)], RULES)
    assert bool(findings) == warns
    if warns:
        assert findings[0].params["mode"] == mode


def test_implausible() -> None:
    finding = only(Entry("k", "H01", value=45.0))
    assert finding.params == {"value": 45, "side": "below", "low": 50, "high": 95}
    only_high = {"H05": Rules(plausible_high=90.0)}
    finding = only(Entry("k", "H05", value=91.0), rules=only_high)
    assert finding.params == {"value": 91, "side": "above", "high": 90}


def test_no_warnings_for_a_value_with_an_error() -> None:
    assert check(Entry("k", "S01", value=10.5, previous=1000)) == [("k", "value.not_integer")]


# --------------------------------------------------------------------------
# Blocking


def test_a_warning_blocks_until_explained() -> None:
    entries = [Entry("a", "S01", value=2000, previous=1000),
               Entry("b", "S01", value=2000, previous=1000, explanation="新增两家企业参保"),
               Entry("c", "S01", value=-1),
               Entry("d", "S01", value=2000, previous=1000, explanation="   ")]  # fmt: skip
    findings = validate(entries, RULES)
    assert [(f.key, f.explained) for f in findings] == [("a", False), ("b", True), ("c", False),
                                                        ("d", False)]
    assert [f.key for f in blocking(findings)] == ["a", "c", "d"]


def test_unknown_indicator_is_a_programming_error() -> None:
    with pytest.raises(KeyError, match="Z99"):
        validate([Entry("k", "Z99", value=1)], RULES)


def test_codes_are_listed() -> None:
    assert len(set(ERROR_CODES + WARNING_CODES)) == 14
    assert all(code.startswith("value.") for code in ERROR_CODES + WARNING_CODES)
