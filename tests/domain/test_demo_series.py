"""Demo values: plausible, deterministic, and a mix of targets met and missed."""

from __future__ import annotations

from collections import Counter

import pytest

from halfsky.domain.demo_series import SCENARIOS, DemoSeries, demo_values
from halfsky.domain.plan import Disaggregation, GoalRef, Indicator, Polarity
from halfsky.domain.target_checks import RATINGS, Evidence, check_target
from halfsky.domain.targets import Comparator, Target, TargetKind

K, C, D = TargetKind, Comparator, Disaggregation
LOWER = Polarity.LOWER_IS_BETTER
GOAL = GoalRef("health", 2)
YEARS = range(2020, 2025)


def indicator(code: str, name: str, unit: str, *targets: Target, **kw: object) -> Indicator:
    return Indicator(code, name, unit, GOAL, targets=targets, **kw)  # type: ignore[arg-type]


MATERNAL_MORTALITY = indicator(
    "H02",
    "孕产妇死亡率",
    "1/10万",
    Target(K.THRESHOLD, "1/10万", 2025, C.LE, 12.5),
    Target(K.GAP_NARROWS, "1/10万", 2025, groups=("urban", "rural")),
    per=100_000,
    polarity=LOWER,
    disaggregations=(D.URBAN_RURAL,),
)
WOMEN_EMPLOYED = indicator(
    "E02", "就业人员中女性比例", "%", Target(K.APPROXIMATE, "%", 2025, C.APPROX, 45.0, 2.0), per=100
)
RURAL_WATER = indicator(
    "V07", "农村自来水普及率", "%", Target(K.MAINTAIN, "%", 2025, C.GE, 99.0), per=100
)
ANXIETY = indicator(
    "H06", "妇女焦虑症抑郁症患病率", "%", Target(K.GROWTH_SLOWS, "%", 2025), per=100, polarity=LOWER
)
DELEGATES = indicator(
    "D02", "党代会代表中女性比例", "%", Target(K.RELATIVE, "%", 2025, relative_to="D01"), per=100
)
INSURANCE = indicator(
    "S03",
    "妇女基本医疗保险参保率",
    "%",
    Target(K.MAINTAIN, "%", 2025, C.GE, 95.0),
    per=100,
    disaggregations=(D.URBAN_RURAL,),
)
COUNCILS = indicator(
    "P09", "城乡社区妇女议事会覆盖率", "%", Target(K.FULL_COVERAGE, "%", 2025), per=100
)
INFANT_MORTALITY = indicator(
    "C01", "婴儿死亡率", "‰", Target(K.THRESHOLD, "‰", 2025, C.LE, 5.0), per=1000, polarity=LOWER
)
LIFE_EXPECTANCY = indicator(
    "H01", "妇女人均预期寿命", "岁", Target(K.THRESHOLD, "岁", 2025, C.GE, 78.1)
)
SCHOOLING = indicator(
    "ED01",
    "平均受教育年限",
    "年",
    Target(K.INCREASE, "年", 2025),
    disaggregations=(D.SEX, D.URBAN_RURAL),
)
HOUSEWORK = indicator(
    "F08",
    "家务劳动时间",
    "小时",
    Target(K.GAP_NARROWS, "小时", 2025, groups=("female", "male")),
    polarity=LOWER,
    disaggregations=(D.SEX,),
)
HOMES = indicator("F02", "妇女儿童之家数量", "个", Target(K.INCREASE, "个", 2025))
PERCENT_NO_PER = indicator("H09", "体育人口占比", "%", Target(K.THRESHOLD, "%", 2025, C.GE, 50.0))
EQUALITY_EDUCATION = indicator("L01", "男女平等基本国策宣传教育", "", Target(K.QUALITATIVE))

ALL = (
    MATERNAL_MORTALITY,
    WOMEN_EMPLOYED,
    RURAL_WATER,
    ANXIETY,
    DELEGATES,
    INSURANCE,
    COUNCILS,
    INFANT_MORTALITY,
    LIFE_EXPECTANCY,
    SCHOOLING,
    HOUSEWORK,
    HOMES,
    PERCENT_NO_PER,
)
SEEDS = [str(n) for n in range(60)]


def decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0


@pytest.mark.parametrize(
    ("item", "low", "high", "places"),
    [
        (MATERNAL_MORTALITY, 0.0, 100_000.0, 1),
        (WOMEN_EMPLOYED, 30.0, 60.0, 1),
        (RURAL_WATER, 95.0, 100.0, 1),
        (ANXIETY, 0.0, 100.0, 1),
        (DELEGATES, 0.0, 100.0, 1),
        (INSURANCE, 80.0, 100.0, 1),
        (COUNCILS, 70.0, 100.0, 1),
        (INFANT_MORTALITY, 0.0, 40.0, 2),
        (LIFE_EXPECTANCY, 70.0, 85.0, 1),
        (SCHOOLING, 7.0, 14.0, 2),
        (HOUSEWORK, 0.0, 24.0, 1),
        (HOMES, 0.0, 2_000.0, 0),
        (PERCENT_NO_PER, 30.0, 70.0, 1),
    ],
    ids=lambda v: getattr(v, "name", str(v)),
)
def test_values_respect_the_unit(item: Indicator, low: float, high: float, places: int) -> None:
    for seed in SEEDS:
        series = demo_values(item, YEARS, seed)
        assert sorted(series.total) == list(YEARS)
        values = [*series.total.values()] + [
            v for g in series.by_group.values() for v in g.values()
        ]
        for value in values:
            assert low <= value <= high, (item.name, seed, value)
            # a rate within a step of 0 or 100% takes more decimals rather than a false 0 or 100
            near_an_end = min(value - low, high - value) < 10.0**-places
            assert decimals(value) <= places or near_an_end, (item.name, value)


def test_rates_carry_counts_that_give_the_total() -> None:
    for item in (MATERNAL_MORTALITY, RURAL_WATER, INSURANCE, INFANT_MORTALITY, COUNCILS):
        assert item.per is not None
        for seed in SEEDS[:20]:
            series = demo_values(item, YEARS, seed)
            assert sorted(series.numerators) == sorted(series.denominators) == list(YEARS)
            for year, value in series.total.items():
                numerator, denominator = series.numerators[year], series.denominators[year]
                assert isinstance(numerator, int) and isinstance(denominator, int)
                assert 0 <= numerator <= denominator
                exact = numerator / denominator * item.per
                # the value is numerator ÷ denominator at the precision it is written in,
                # as the reporting checks require (never a 0 or 100% that is not exact)
                assert abs(value - exact) <= 0.5 * 10.0**-decimals(value) + 1e-9, (
                    item.name, value, exact)
                assert (value == 0) == (numerator == 0)
                if item.per == 100:
                    assert (value == 100.0) == (numerator == denominator)


def test_non_rates_have_no_counts() -> None:
    for item in (LIFE_EXPECTANCY, SCHOOLING, HOMES, PERCENT_NO_PER):
        series = demo_values(item)
        assert series.numerators == {} and series.denominators == {}


def test_maternal_mortality_is_a_small_number_rate() -> None:
    """About 700 births a year: most years see no maternal death; one death is ~140/10万."""
    years = Counter[str]()
    for seed in SEEDS:
        series = demo_values(MATERNAL_MORTALITY, YEARS, seed)
        for year, value in series.total.items():
            assert 550 <= series.denominators[year] <= 800
            years["zero" if value == 0 else "deaths"] += 1
            if value:
                assert value >= 100.0  # at least one death among fewer than 1,000 births
    assert years["zero"] > 3 * years["deaths"] > 0


def test_groups_follow_the_disaggregations() -> None:
    assert set(demo_values(MATERNAL_MORTALITY).by_group) == {"urban", "rural"}
    assert set(demo_values(SCHOOLING).by_group) == {"female", "male", "urban", "rural"}
    assert set(demo_values(HOUSEWORK).by_group) == {"female", "male"}
    assert demo_values(RURAL_WATER).by_group == {}
    for values in demo_values(SCHOOLING).by_group.values():
        assert sorted(values) == list(YEARS)


def test_group_counts_add_up_to_the_total() -> None:
    for seed in SEEDS[:20]:
        series = demo_values(INSURANCE, YEARS, seed)
        for year in YEARS:
            urban, rural = series.by_group["urban"][year], series.by_group["rural"][year]
            low, high = sorted((urban, rural))
            assert low - 0.1 <= series.total[year] <= high + 0.1


def test_deterministic() -> None:
    for item in ALL:
        assert demo_values(item, YEARS, "x") == demo_values(item, YEARS, "x")
    assert any(demo_values(item, YEARS, "a") != demo_values(item, YEARS, "b") for item in ALL)
    assert demo_values(RURAL_WATER) != demo_values(INSURANCE)  # seeded by the indicator code


def test_empty_years_and_qualitative_indicators() -> None:
    assert demo_values(RURAL_WATER, range(2020, 2020)).total == {}
    for seed in SEEDS[:10]:
        series = demo_values(EQUALITY_EDUCATION, YEARS, seed)
        assert series.total == {} and series.rating in RATINGS
    assert demo_values(RURAL_WATER).rating is None


def test_scenarios_are_a_mix() -> None:
    scenarios = Counter(demo_values(item, YEARS, s).scenario for item in ALL for s in SEEDS)
    assert set(scenarios) == set(SCENARIOS)
    for item in (WOMEN_EMPLOYED, LIFE_EXPECTANCY, COUNCILS):
        assert {demo_values(item, YEARS, s).scenario for s in SEEDS} == set(SCENARIOS)


def judge(item: Indicator, series: DemoSeries, kind: TargetKind) -> bool | None:
    target = next(t for t in item.targets if t.kind is kind)
    evidence = Evidence(series.total, 2020, series.by_group, rating=series.rating)
    return check_target(target, evidence).met


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        (RURAL_WATER, K.MAINTAIN),
        (INSURANCE, K.MAINTAIN),
        (ANXIETY, K.GROWTH_SLOWS),
        (HOUSEWORK, K.GAP_NARROWS),
        (SCHOOLING, K.INCREASE),
        (WOMEN_EMPLOYED, K.APPROXIMATE),
        (LIFE_EXPECTANCY, K.THRESHOLD),
        (COUNCILS, K.FULL_COVERAGE),
    ],
    ids=lambda v: getattr(v, "name", str(v)),
)
def test_the_scenario_shows_in_the_target_check(item: Indicator, kind: TargetKind) -> None:
    """Met series meet the target; at-risk ones mostly do not; both happen."""
    outcomes = Counter[tuple[str, bool | None]]()
    for seed in SEEDS:
        series = demo_values(item, YEARS, seed)
        outcomes[series.scenario, judge(item, series, kind)] += 1
    assert outcomes["met", True] > 0 and outcomes["at_risk", False] > 0
    met = outcomes["met", True] + outcomes["met", False]
    assert outcomes["met", True] >= 0.9 * met
    at_risk = outcomes["at_risk", True] + outcomes["at_risk", False]
    assert outcomes["at_risk", False] >= 0.8 * at_risk
    assert outcomes["on_track", True] <= 0.3 * sum(
        v for (s, _), v in outcomes.items() if s == "on_track"
    )


def test_a_level_hint_sets_where_a_directional_series_heads() -> None:
    indicator = Indicator(code="X01", name="村党组织书记中女性比例", unit="%",
                          goal=GoalRef("decision", 7), targets=(Target(TargetKind.INCREASE, "%"),))
    values = demo_values(indicator, level=11.0).total.values()
    assert all(5 <= v <= 20 for v in values)


def test_count_groups_add_up_to_the_total() -> None:
    from halfsky.formats.plan_file import load_plan

    plan = load_plan("jixian-women-2021-2025")
    counted = [i for i in plan.indicators if i.per is None and i.unit == "人" and i.disaggregations]
    assert counted
    for item in counted:
        series = demo_values(item, YEARS, "jixian")
        for a, b in (("female", "male"), ("urban", "rural")):
            if a in series.by_group:
                for year, total in series.total.items():
                    assert series.by_group[a][year] + series.by_group[b][year] == total
