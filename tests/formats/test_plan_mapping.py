"""The plan file's exchange keys: maps_to (parent plan's indicator) and aggregation rules."""

from __future__ import annotations

import copy
import csv
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from halfsky.domain.plan import (
    Aggregation,
    Indicator,
    IndicatorMapping,
    Plan,
)
from halfsky.formats.plan_file import (
    PlanFileError,
    load_plan,
    plan_from_dict,
    plan_to_dict,
    plan_to_yaml,
    read_plan_data,
)

DATA = Path(__file__).resolve().parents[2] / "halfsky" / "data"
NATIONAL = "china-women-2021-2030"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan("jixian-women-2021-2025")


def by_code(plan: Plan) -> dict[str, Indicator]:
    return {indicator.code: indicator for indicator in plan.indicators}


# ---------------------------------------------------------------- the shipped plan


def test_every_indicator_has_an_explicit_aggregation(plan: Plan) -> None:
    assert all(indicator.aggregation is not None for indicator in plan.indicators)
    indicators = by_code(plan)
    assert indicators["H03"].aggregation is Aggregation.RATIO  # 孕产妇死亡率
    assert indicators["S01"].aggregation is Aggregation.SUM  # 生育保险参保人数
    assert indicators["H01"].aggregation is Aggregation.NONE  # 预期寿命
    assert indicators["V01"].aggregation is Aggregation.NONE  # 空气质量优良天数比例
    assert (indicators["H10"].aggregation, indicators["H10"].aggregation_weight) == (
        Aggregation.WEIGHTED_MEAN,
        "population.female",
    )


def test_rates_are_never_summed_and_ratios_have_their_parts(plan: Plan) -> None:
    for indicator in plan.indicators:
        if indicator.aggregation is Aggregation.SUM:
            assert indicator.per is None and indicator.unit in {"人", "件"}
        if indicator.aggregation is Aggregation.RATIO:
            assert indicator.numerator and indicator.denominator


def test_mappings_name_national_reference_series(plan: Plan) -> None:
    with (DATA / "reference" / "national-figures.csv").open(encoding="utf-8") as handle:
        units = {row["indicator_cn"]: row["unit"] for row in csv.DictReader(handle)}
    mapped = [i for i in plan.indicators if i.maps_to is not None]
    assert len(mapped) >= 12
    for indicator in mapped:
        assert indicator.maps_to is not None
        assert indicator.maps_to.plan == NATIONAL
        assert indicator.maps_to.indicator in units, indicator.code
        assert (
            indicator.maps_to.factor == 1 and units[indicator.maps_to.indicator] == indicator.unit
        )
    assert by_code(plan)["H03"].maps_to == IndicatorMapping(NATIONAL, "孕产妇死亡率", 1.0)
    # County bodies are not national bodies: county congress deputies stay unmapped.
    assert by_code(plan)["D03"].maps_to is None


def test_shipped_file_is_reproduced(plan: Plan) -> None:
    shipped = (DATA / "plans" / "jixian-women-2021-2025.yaml").read_text(encoding="utf-8")
    assert plan_to_yaml(plan) == shipped
    assert (
        "    maps_to: {plan: china-women-2021-2030, indicator: 孕产妇死亡率, factor: 1}\n"
        in shipped
    )


# ---------------------------------------------------------------- defaults and old files


def strip_exchange_keys(data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    for entry in data["indicators"]:
        for key in ("maps_to", "aggregation", "aggregation_weight"):
            entry.pop(key, None)
    return data


def test_a_file_without_the_new_keys_stays_valid_and_is_written_as_before(plan: Plan) -> None:
    old = strip_exchange_keys(plan_to_dict(plan))
    loaded = plan_from_dict(old)
    assert all(i.maps_to is None and i.aggregation is None for i in loaded.indicators)
    assert plan_to_dict(loaded) == old
    assert plan_from_dict(read_plan_data(plan_to_yaml(loaded))) == loaded


def test_defaults_of_the_shipped_plan_agree_with_most_explicit_rules(plan: Plan) -> None:
    derived = {i.code: replace(i, aggregation=None).aggregation_rule
               for i in plan.indicators}  # fmt: skip
    differing = {i.code for i in plan.indicators if i.aggregation is not derived[i.code]}
    # Explicit choices: survey estimates are weighted; air quality days are not aggregable.
    assert differing == {"H09", "H10", "H13", "E07", "E08", "F01", "V01"}


# ---------------------------------------------------------------- bad files


def with_change(plan: Plan, code: str, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(plan_to_dict(plan))
    for entry in data["indicators"]:
        if entry["code"] == code:
            for key, value in changes.items():
                if value is None:
                    entry.pop(key, None)
                else:
                    entry[key] = value
    return data


def index_of(plan: Plan, code: str) -> int:
    return [i.code for i in plan.indicators].index(code)


BAD = [
    # indicator, changes, code, key at, reason
    ("H03", {"maps_to": {"plan": "atlantis-2021", "indicator": "孕产妇死亡率"}},
     "plan_file.bad_mapping", "maps_to.plan", "unknown_parent_plan"),
    ("H03", {"maps_to": {"plan": NATIONAL, "indicator": "孕产妇死亡率", "factor": 0}},
     "plan_file.bad_mapping", "maps_to.factor", "bad_factor"),
    ("H03", {"maps_to": {"plan": NATIONAL, "indicator": "孕产妇死亡率", "factor": -2.5}},
     "plan_file.bad_mapping", "maps_to.factor", "bad_factor"),
    ("H04", {"maps_to": {"plan": NATIONAL, "indicator": "孕产妇死亡率"}},
     "plan_file.bad_mapping", "maps_to.indicator", "duplicate_mapping"),
    ("H03", {"aggregation": "sum"}, "plan_file.bad_aggregation", "aggregation", "rate_not_summable"),
    ("H01", {"aggregation": "ratio"}, "plan_file.bad_aggregation", "aggregation",
     "ratio_without_parts"),
    ("H10", {"aggregation_weight": None}, "plan_file.bad_aggregation", "aggregation_weight",
     "missing_weight"),
    ("H03", {"aggregation_weight": "population.total"}, "plan_file.bad_aggregation",
     "aggregation_weight", "unexpected_weight"),
    ("H10", {"aggregation_weight": "population.children"}, "plan_file.bad_aggregation",
     "aggregation_weight", "unknown_weight"),
    ("H10", {"aggregation_weight": "H10"}, "plan_file.bad_aggregation", "aggregation_weight",
     "unknown_weight"),
    ("H10", {"aggregation_weight": "H03"}, "plan_file.bad_aggregation", "aggregation_weight",
     "weight_not_a_count"),
]  # fmt: skip


@pytest.mark.parametrize("case", range(len(BAD)))
def test_bad_mappings_and_rules_raise_coded_errors(plan: Plan, case: int) -> None:
    code, changes, error_code, at, reason = BAD[case]
    with pytest.raises(PlanFileError) as caught:
        plan_from_dict(with_change(plan, code, **changes))
    error = caught.value
    assert (error.code, error.location, error.params["reason"]) == (
        error_code,
        f"indicators[{index_of(plan, code)}].{at}",
        reason,
    )


def test_a_count_indicator_is_a_valid_weight(plan: Plan) -> None:
    loaded = plan_from_dict(with_change(plan, "H10", aggregation_weight="S01"))
    assert by_code(loaded)["H10"].aggregation_weight == "S01"


@pytest.mark.parametrize(
    ("changes", "code", "at"),
    [
        ({"aggregation": "average"}, "plan_file.unknown_value", "aggregation"),
        ({"maps_to": {"plan": NATIONAL}}, "plan_file.missing_key", "maps_to.indicator"),
        (
            {"maps_to": {"plan": NATIONAL, "indicator": "x", "unit": "%"}},
            "plan_file.unknown_key",
            "maps_to.unit",
        ),
        (
            {"maps_to": {"plan": NATIONAL, "indicator": "x", "factor": "1"}},
            "plan_file.bad_type",
            "maps_to.factor",
        ),
        ({"maps_to": "孕产妇死亡率"}, "plan_file.bad_type", "maps_to"),
    ],
)
def test_malformed_exchange_keys(plan: Plan, changes: dict[str, Any], code: str, at: str) -> None:
    with pytest.raises(PlanFileError) as caught:
        plan_from_dict(with_change(plan, "H03", **changes))
    assert (caught.value.code, caught.value.location) == (
        code,
        f"indicators[{index_of(plan, 'H03')}].{at}",
    )


def test_factor_round_trips(plan: Plan) -> None:
    data = with_change(plan, "S01", maps_to={"plan": NATIONAL, "indicator": "生育保险参保人数（万人）",
                                             "factor": 0.0001})  # fmt: skip
    loaded = plan_from_dict(data)
    assert by_code(loaded)["S01"].maps_to == IndicatorMapping(
        NATIONAL, "生育保险参保人数（万人）", 0.0001
    )
    assert plan_from_dict(read_plan_data(plan_to_yaml(loaded))) == loaded
