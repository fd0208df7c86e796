"""Aggregation up the hierarchy: hand-computed examples, missing children, a loop cross-check."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from typing import Any

import numpy as np
import pytest

from halfsky.domain.aggregation import (
    AggregateRow,
    AggregationError,
    Hierarchy,
    Rule,
    Values,
    aggregate,
    rules_for,
)
from halfsky.domain.plan import Aggregation, Area, AreaLevel, GoalRef, Indicator, Plan
from tests.domain.aggregation_levels import aggregate_up, depths

# 山西省 → 临汾市 → three counties; 运城市 → one county.
SHANXI = Hierarchy.from_areas(
    [
        Area("140000", "山西省", AreaLevel.PROVINCE),
        Area("141000", "临汾市", AreaLevel.CITY, "140000"),
        Area("141028", "吉县", AreaLevel.COUNTY, "141000"),
        Area("141029", "乡宁县", AreaLevel.COUNTY, "141000"),
        Area("141030", "大宁县", AreaLevel.COUNTY, "141000"),
        Area("140800", "运城市", AreaLevel.CITY, "140000"),
        Area("140821", "临猗县", AreaLevel.COUNTY, "140800"),
    ]
)
RULES = {
    "MMR": Rule(Aggregation.RATIO, 100_000),  # 孕产妇死亡率, 1/10万
    "SHARE": Rule(Aggregation.RATIO, 100),
    "COUNT": Rule(Aggregation.SUM),
    "SURVEY": Rule(Aggregation.WEIGHTED_MEAN),
    "LIFE": Rule(Aggregation.NONE),
}


def only(rows: list[AggregateRow], indicator: str, area: str) -> AggregateRow:
    (row,) = [r for r in rows if r.indicator == indicator and r.area == area]
    return row


def test_city_maternal_mortality_is_recomputed_never_the_mean_of_rates() -> None:
    # 吉县: 1 death in 5,000 live births (20/10万); 乡宁县: 3 in 10,000 (30/10万).
    values = Values.build(
        ["MMR", "MMR"], ["141028", "141029"], [2023, 2023],
        value=[20.0, 30.0], numerator=[1, 3], denominator=[5000, 10000],
    )  # fmt: skip
    row = only(list(aggregate(values, SHANXI, RULES).rows()), "MMR", "141000")
    assert row.numerator == 4 and row.denominator == 15000
    assert row.value == pytest.approx(4 / 15000 * 100_000)  # 26.67/10万
    assert row.value != pytest.approx((20.0 + 30.0) / 2)  # not 25
    assert (row.contributed, row.expected, row.missing, row.complete) == (2, 3, ("141030",), False)


def test_complete_city_and_every_rule() -> None:
    counties = ["141028", "141029", "141030"]
    values = Values.concatenate(
        [
            Values.build(["COUNT"] * 3, counties, [2024] * 3, value=[10, 20, 30]),
            Values.build(["SHARE"] * 3, counties, [2024] * 3, value=[50.0, 25.0, 0.0],
                         numerator=[1, 1, 0], denominator=[2, 4, 10]),
            Values.build(["SURVEY"] * 3, counties, [2024] * 3, value=[40.0, 60.0, 50.0],
                         weight=[10_000, 30_000, 0]),
            Values.build(["LIFE"] * 3, counties, [2024] * 3, value=[78.0, 79.5, 80.1]),
        ]
    )  # fmt: skip
    rows = list(aggregate(values, SHANXI, RULES).rows())
    assert only(rows, "COUNT", "141000").value == 60
    assert only(rows, "SHARE", "141000").value == pytest.approx(2 / 16 * 100)  # 12.5 %, not 25 %
    survey = only(rows, "SURVEY", "141000")
    assert survey.value == pytest.approx((40 * 10_000 + 60 * 30_000) / 40_000)  # 55 %
    assert survey.weight == 40_000
    life = only(rows, "LIFE", "141000")
    assert (life.value, life.contributed) == (None, 3)  # not aggregable, but all counties have it
    assert all(r.complete and r.missing == () and r.expected == 3 for r in rows)


def test_missing_children_and_unusable_values() -> None:
    values = Values.build(
        ["MMR", "MMR", "MMR", "SURVEY", "SURVEY"],
        ["141028", "141029", "141030", "141028", "141029"],
        [2023] * 5,
        value=[20.0, 30.0, 10.0, 40.0, 60.0],
        numerator=[1, None, 1, None, None],  # 乡宁县 gave only the rate: it cannot be used
        denominator=[5000, 10000, 10000, None, None],
        weight=[10_000, None, None, 10_000, None],  # no population for 乡宁县
    )
    rows = list(aggregate(values, SHANXI, RULES).rows())
    mmr = only(rows, "MMR", "141000")
    assert (mmr.value, mmr.contributed, mmr.missing, mmr.complete) == (
        pytest.approx(2 / 15000 * 100_000), 2, ("141029",), False,
    )  # fmt: skip
    survey = only(rows, "SURVEY", "141000")
    assert (survey.value, survey.missing) == (40.0, ("141029", "141030"))


def test_no_usable_child_gives_no_value() -> None:
    values = Values.build(["COUNT", "COUNT"], ["141028", "141029"], [2023, 2023])
    row = only(list(aggregate(values, SHANXI, RULES).rows()), "COUNT", "141000")
    assert (row.value, row.contributed, row.missing) == (None, 0, ("141028", "141029", "141030"))


def test_breakdowns_and_years_are_separate_aggregates() -> None:
    values = Values.build(
        ["COUNT"] * 4, ["141028", "141029", "141028", "141028"], [2023, 2023, 2023, 2024],
        breakdown=["sex=female", "sex=female", "sex=male", "sex=female"], value=[1, 2, 4, 8],
    )  # fmt: skip
    rows = {(r.year, r.breakdown): r.value for r in aggregate(values, SHANXI, RULES).rows()}
    assert rows == {(2023, "sex=female"): 3, (2023, "sex=male"): 4, (2024, "sex=female"): 8}


def test_up_to_the_province_carries_parts_and_incompleteness() -> None:
    values = Values.build(
        ["MMR"] * 4, ["141028", "141029", "141030", "140821"], [2023] * 4,
        numerator=[1, 3, 0, 2], denominator=[5000, 10000, 5000, 4000],
    )  # fmt: skip
    cities, province = aggregate_up(values, SHANXI, RULES)
    linfen = only(list(cities.rows()), "MMR", "141000")
    assert linfen.value == pytest.approx(4 / 20000 * 100_000) and linfen.complete
    (shanxi,) = list(province.rows())
    assert (shanxi.area, shanxi.numerator, shanxi.denominator) == ("140000", 6, 24000)
    assert shanxi.value == pytest.approx(6 / 24000 * 100_000) and shanxi.complete

    without_daning = values.take(np.array([0, 1, 3]))
    cities, province = aggregate_up(without_daning, SHANXI, RULES)
    (shanxi,) = list(province.rows())
    # Both cities sent an aggregate, but 临汾市's lacks 大宁县: the province's is incomplete too.
    assert (shanxi.contributed, shanxi.missing, shanxi.complete) == (2, (), False)


def test_county_directly_under_the_province() -> None:
    hierarchy = Hierarchy({**SHANXI.parents, "149001": "140000"})  # a 省直辖 county
    values = Values.build(
        ["COUNT"] * 5, ["141028", "141029", "141030", "140821", "149001"], [2023] * 5,
        value=[1, 2, 3, 4, 5],
    )  # fmt: skip
    cities, province = aggregate_up(values, hierarchy, RULES)
    assert {r.area: r.value for r in cities.rows()} == {"141000": 6, "140800": 4}
    (shanxi,) = list(province.rows())
    assert (shanxi.value, shanxi.contributed, shanxi.expected, shanxi.complete) == (15, 3, 3, True)


def test_rules_from_the_plan() -> None:
    goal = GoalRef("health", 1)
    plan = Plan(
        "p", "p", "141028", 2021, 2025, 2020,
        indicators=(
            Indicator("H03", "孕产妇死亡率", "1/10万", goal, numerator="a", denominator="b",
                      per=100_000),
            Indicator("S01", "参保人数", "人", goal),
            Indicator("H10", "健康素养", "%", goal, per=100,
                      aggregation=Aggregation.WEIGHTED_MEAN, aggregation_weight="population.female"),
        ),
    )  # fmt: skip
    assert rules_for(plan) == {
        "H03": Rule(Aggregation.RATIO, 100_000.0),
        "S01": Rule(Aggregation.SUM, 1.0),
        "H10": Rule(Aggregation.WEIGHTED_MEAN, 100.0),
    }


@pytest.mark.parametrize(
    ("values", "code"),
    [
        (Values.build(["COUNT"], ["999999"], [2023], value=1), "aggregation.unknown_area"),
        (Values.build(["COUNT"], ["140000"], [2023], value=1), "aggregation.no_parent"),
        (Values.build(["OTHER"], ["141028"], [2023], value=1), "aggregation.unknown_indicator"),
        (Values.build(["COUNT", "COUNT"], ["141028", "141028"], [2023, 2023], value=[1, 2]),
         "aggregation.duplicate_value"),
    ],
)  # fmt: skip
def test_errors(values: Values, code: str) -> None:
    with pytest.raises(AggregationError) as caught:
        aggregate(values, SHANXI, RULES)
    assert caught.value.code == code


def test_a_cycle_is_refused() -> None:
    with pytest.raises(AggregationError) as caught:
        depths(Hierarchy({"a": "b", "b": "a"}))
    assert caught.value.code == "aggregation.cycle"


# ---------------------------------------------------------------- against a plain loop


def random_country(rng: random.Random) -> Hierarchy:
    parents: dict[str, str | None] = {"000000": None}
    for p in range(1, 5):
        province = f"{p:02d}0000"
        parents[province] = "000000"
        for c in range(1, rng.randint(2, 4)):
            city = f"{p:02d}{c:02d}00"
            parents[city] = province
            for k in range(1, rng.randint(2, 7)):
                parents[f"{p:02d}{c:02d}{k:02d}"] = city
        parents[f"{p:02d}9001"] = province  # a county directly under the province
    return Hierarchy(parents)


def maybe(rng: random.Random, value: float) -> float | None:
    return None if rng.random() < 0.15 else value


def random_values(rng: random.Random, hierarchy: Hierarchy, areas: list[str]) -> Values:
    columns: dict[str, list[Any]] = defaultdict(list)
    for indicator in RULES:
        for area in areas:
            for year in (2022, 2023):
                for breakdown in ("", "sex=female"):
                    if rng.random() < 0.1:
                        continue  # no row at all
                    columns["indicator"].append(indicator)
                    columns["area"].append(area)
                    columns["year"].append(year)
                    columns["breakdown"].append(breakdown)
                    columns["value"].append(maybe(rng, rng.uniform(0, 100)))
                    columns["numerator"].append(maybe(rng, float(rng.randint(0, 50))))
                    columns["denominator"].append(maybe(rng, float(rng.randint(1, 20000))))
                    columns["weight"].append(maybe(rng, float(rng.randint(0, 100000))))
    return Values.build(**columns)


def loop_aggregate(values: Values, hierarchy: Hierarchy) -> dict[tuple[Any, ...], AggregateRow]:
    """The same aggregation written as a plain loop, one row at a time."""
    groups: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for i in range(len(values)):
        parent = hierarchy.parents[str(values.area[i])]
        key = (str(values.indicator[i]), parent, int(values.year[i]), str(values.breakdown[i]))
        groups[key].append(i)
    result = {}
    for key, rows in groups.items():
        rule = RULES[key[0]]
        sums = defaultdict(float)
        usable = []
        for i in rows:
            value, num, den, w = (float(values.value[i]), float(values.numerator[i]),
                                  float(values.denominator[i]), float(values.weight[i]))  # fmt: skip
            kind = rule.aggregation
            if kind is Aggregation.RATIO:
                ok = not (math.isnan(num) or math.isnan(den))
            elif kind is Aggregation.WEIGHTED_MEAN:
                ok = not (math.isnan(value) or math.isnan(w)) and w >= 0
            else:
                ok = not math.isnan(value)
            if ok:
                usable.append(i)
                sums["value"] += value if kind is not Aggregation.RATIO else 0
                sums["num"] += num if kind is Aggregation.RATIO else 0
                sums["den"] += den if kind is Aggregation.RATIO else 0
                sums["w"] += w if kind is Aggregation.WEIGHTED_MEAN else 0
                sums["wv"] += w * value if kind is Aggregation.WEIGHTED_MEAN else 0
        aggregate_value: float | None = None
        if usable:
            if rule.aggregation is Aggregation.SUM:
                aggregate_value = sums["value"]
            elif rule.aggregation is Aggregation.RATIO and sums["den"] > 0:
                aggregate_value = sums["num"] / sums["den"] * rule.per
            elif rule.aggregation is Aggregation.WEIGHTED_MEAN and sums["w"] > 0:
                aggregate_value = sums["wv"] / sums["w"]
        children = hierarchy.children(key[1])
        present = {str(values.area[i]) for i in usable}
        complete_children = all(bool(values.complete[i]) for i in usable)
        ratio, weighted = (
            rule.aggregation is Aggregation.RATIO,
            rule.aggregation is Aggregation.WEIGHTED_MEAN,
        )
        result[key] = AggregateRow(
            key[0], key[1], key[2], key[3], aggregate_value,
            sums["num"] if ratio else None, sums["den"] if ratio else None,
            sums["w"] if weighted else None, len(usable), len(children),
            tuple(c for c in children if c not in present),
            len(usable) == len(children) and complete_children,
        )  # fmt: skip
    return result


def close(a: float | None, b: float | None) -> bool:
    return a is None and b is None or (a is not None and b is not None and math.isclose(a, b))


def assert_same(found: list[AggregateRow], expected: dict[tuple[Any, ...], AggregateRow]) -> None:
    assert len(found) == len(expected)
    for row in found:
        other = expected[(row.indicator, row.area, row.year, row.breakdown)]
        for name in ("value", "numerator", "denominator", "weight"):
            assert close(getattr(row, name), getattr(other, name)), (name, row, other)
        assert (row.contributed, row.expected, row.complete) == (
            other.contributed, other.expected, other.complete,
        )  # fmt: skip
        assert sorted(row.missing) == sorted(other.missing)


@pytest.mark.parametrize("seed", range(5))
def test_one_level_matches_a_plain_loop(seed: int) -> None:
    rng = random.Random(seed)
    hierarchy = random_country(rng)
    counties = [a for a, p in hierarchy.parents.items() if p and not hierarchy.children(a)]
    values = random_values(rng, hierarchy, counties)
    found = list(aggregate(values, hierarchy, RULES).rows())
    assert_same(found, loop_aggregate(values, hierarchy))


@pytest.mark.parametrize("seed", range(3))
def test_every_level_matches_a_plain_loop(seed: int) -> None:
    rng = random.Random(100 + seed)
    hierarchy = random_country(rng)
    leaves = [a for a, p in hierarchy.parents.items() if p and not hierarchy.children(a)]
    values = random_values(rng, hierarchy, leaves)
    area_depths = depths(hierarchy)
    levels = aggregate_up(values, hierarchy, RULES)
    assert len(levels) == 3  # counties → cities, → provinces, → nation
    carried: Values | None = None
    for depth, level in zip((3, 2, 1), levels, strict=True):
        rows = np.flatnonzero([area_depths[str(a)] == depth for a in values.area])
        parts = [values.take(rows)] + ([carried] if carried is not None else [])
        expected = loop_aggregate(Values.concatenate(parts), hierarchy)
        assert_same(list(level.rows()), expected)
        carried = level.values


def test_a_national_run_is_fast() -> None:
    """2,800 counties × 50 indicators × 3 breakdowns: about 420,000 rows, one level."""
    rng = np.random.default_rng(0)
    parents: dict[str, str | None] = {"000000": None}
    cities = [f"{c:06d}" for c in range(1, 341)]
    parents.update((city, "000000") for city in cities)
    counties = [f"9{k:05d}" for k in range(2800)]
    parents.update((county, cities[k % len(cities)]) for k, county in enumerate(counties))
    rules = {f"I{i:02d}": Rule(_KIND_CYCLE[i % 4], 100.0) for i in range(50)}
    size = 2800 * 50 * 3
    values = Values(
        indicator=np.repeat(np.array(sorted(rules)), 2800 * 3),
        area=np.tile(np.repeat(np.array(counties), 3), 50),
        year=np.full(size, 2024, dtype=np.int64),
        breakdown=np.tile(np.array(["", "sex=female", "sex=male"]), 2800 * 50),
        value=rng.uniform(0, 100, size),
        numerator=rng.integers(0, 100, size).astype(np.float64),
        denominator=rng.integers(100, 10_000, size).astype(np.float64),
        weight=rng.integers(1000, 100_000, size).astype(np.float64),
        complete=np.ones(size, dtype=np.bool_),
    )
    result = aggregate(values, Hierarchy(parents), rules)
    assert len(result) == 340 * 50 * 3
    assert result.contributed.sum() == size and len(result.missing_row) == 0


_KIND_CYCLE = (Aggregation.SUM, Aggregation.RATIO, Aggregation.WEIGHTED_MEAN, Aggregation.NONE)
