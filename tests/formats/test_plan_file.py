"""The plan file: the shipped Ji County plan, round trips, and the checks on bad files."""

from __future__ import annotations

import copy
import csv
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from halfsky.domain.plan import Cadence, Plan, StatisticalPeriod
from halfsky.domain.targets import Comparator, TargetKind
from halfsky.formats.plan_file import (
    PlanFileError,
    load_plan,
    plan_from_dict,
    plan_to_dict,
    plan_to_yaml,
    read_plan_data,
    shipped_plans,
)
from halfsky.formats.plan_import import import_plan_file

DATA = Path(__file__).resolve().parents[2] / "halfsky" / "data"
NAME = "jixian-women-2021-2025"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(NAME)


def indicator_named(plan: Plan, name: str) -> Any:
    matches = [i for i in plan.indicators if i.name == name]
    assert len(matches) == 1, f"{name}: {len(matches)} indicators"
    return matches[0]


# ---------------------------------------------------------------- the shipped plan


def test_shipped_plan_is_listed_and_loads(plan: Plan) -> None:
    assert NAME in shipped_plans()
    assert plan.code == NAME
    assert plan.title == "吉县妇女发展“十四五”规划"
    assert (plan.region, plan.start_year, plan.end_year, plan.baseline_year) == (
        "141028",
        2021,
        2025,
        2020,
    )
    assert plan.parents == (
        "linfen-women-2021-2025",
        "shanxi-women-2021-2025",
        "china-women-2021-2030",
    )
    assert [a.code for a in plan.areas] == ["140000", "141000", "141028"]
    assert plan.areas[2].parent == "141000"


def test_shipped_plan_loads_from_its_path(plan: Plan) -> None:
    assert load_plan(DATA / "plans" / f"{NAME}.yaml") == plan
    assert load_plan(str(DATA / "plans" / f"{NAME}.yaml")) == plan


def test_domains_goals_and_measures(plan: Plan) -> None:
    assert [d.code for d in plan.domains] == [
        "health", "education", "economy", "decision", "social_security", "family", "environment", "law",
    ]  # fmt: skip
    assert [len(d.goals) for d in plan.domains] == [10, 9, 9, 8, 9, 9, 10, 9]
    assert [len(d.measures) for d in plan.domains] == [13, 13, 13, 9, 11, 10, 13, 14]
    assert sum(1 for _ in plan.goals()) == 73
    assert sum(1 for _ in plan.measures()) == 96


def test_texts_equal_the_parsed_document(plan: Plan) -> None:
    document = import_plan_file(DATA / "plans" / f"{NAME}.md").plan  # the published text
    assert plan.title == document.title
    assert len(plan.domains) == len(document.domains)
    for domain, parsed in zip(plan.domains, document.domains, strict=True):
        assert (domain.number, domain.name) == (parsed.number, parsed.name)
        assert [(g.number, g.text) for g in domain.goals] == [
            (g.number, g.text) for g in parsed.goals
        ]
        assert [(m.number, m.text) for m in domain.measures] == [
            (m.number, m.text) for m in parsed.measures
        ]
    assert plan.organisation_text == document.organisation_text
    assert plan.monitoring_text == document.monitoring_text


QUANTITATIVE = [
    # name, kind, comparator, value, unit
    ("妇女人均预期寿命", "threshold", "ge", 78.1, "岁"),
    ("孕产妇死亡率", "threshold", "le", 12.5, "1/10万"),
    ("艾滋病母婴传播率", "threshold", "le", 2.5, "%"),
    ("经常参加体育锻炼的妇女（体育人口）占比", "threshold", "ge", 50, "%"),
    ("妇女体质测定标准合格以上比例", "threshold", "ge", 90, "%"),
    ("小学女童净入学率", "maintain", "ge", 99.95, "%"),
    ("初中女童净入学率", "maintain", "ge", 99.95, "%"),
    ("高中阶段毛入学率", "threshold", "ge", 95, "%"),
    ("从业女性职业技能培训参与率", "threshold", "ge", 80, "%"),
    ("劳动年龄女性平均受教育年限", "threshold", "ge", 11.6, "年"),
    ("就业人员中女性比例", "approximate", "approx", 45, "%"),
    ("城镇单位就业人员中女性比例", "approximate", "approx", 40, "%"),
    ("村民委员会成员中女性比例", "threshold", "ge", 30, "%"),
    ("村“两委”主干中女性比例", "threshold", "ge", 10, "%"),
    ("妇女基本医疗保险参保率", "maintain", "ge", 95, "%"),
    ("妇女基本养老保险参保率", "threshold", "ge", 95, "%"),
    ("农村自来水普及率", "maintain", "ge", 99, "%"),
    ("农村卫生厕所普及率", "approximate", "approx", 98, "%"),
]


@pytest.mark.parametrize(("name", "kind", "comparator", "value", "unit"), QUANTITATIVE)
def test_quantitative_targets(
    plan: Plan, name: str, kind: str, comparator: str, value: float, unit: str
) -> None:
    indicator = indicator_named(plan, name)
    numeric = [t for t in indicator.targets if t.value is not None]
    assert len(numeric) == 1
    target = numeric[0]
    assert (target.kind, target.comparator, target.value, target.unit, target.year) == (
        TargetKind(kind), Comparator(comparator), value, unit, 2025,
    )  # fmt: skip
    assert indicator.unit == unit
    assert target.source
    if kind == "approximate":
        assert target.tolerance is not None and target.tolerance > 0


def test_maternal_mortality_gap_narrows_between_town_and_country(plan: Plan) -> None:
    indicator = indicator_named(plan, "孕产妇死亡率")
    gaps = [t for t in indicator.targets if t.kind is TargetKind.GAP_NARROWS]
    assert [(t.groups, t.year) for t in gaps] == [(("urban", "rural"), 2025)]
    assert indicator.per == 100000 and indicator.statistical_period is StatisticalPeriod.HEALTH_YEAR


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("适龄妇女宫颈癌人群筛查率", TargetKind.INCREASE),
        ("适龄妇女乳腺癌人群筛查率", TargetKind.INCREASE),
        ("孕产妇贫血患病率", TargetKind.DECREASE),
        ("妇女焦虑症、抑郁症患病率", TargetKind.GROWTH_SLOWS),
        ("村党组织成员中女性比例", TargetKind.INCREASE),
        ("村党组织书记中女性比例", TargetKind.INCREASE),
        ("村（社区）“两委”班子中至少有1名女性成员的比例", TargetKind.FULL_COVERAGE),
        ("县党代会代表中女性比例", TargetKind.RELATIVE),
        ("县人大代表中女性比例", TargetKind.INCREASE),
        ("县政协委员中女性比例", TargetKind.INCREASE),
        ("生育保险参保人数", TargetKind.INCREASE),
        ("女性科技人才数量", TargetKind.INCREASE),
        ("高级专业技术人员中女性比例", TargetKind.INCREASE),
        ("妇女失业保险参保人数", TargetKind.INCREASE),
        ("妇女工伤保险参保人数", TargetKind.INCREASE),
        ("男女两性家务劳动时间", TargetKind.GAP_NARROWS),
        ("空气质量优良天数比例", TargetKind.QUALITATIVE),
        ("妇女健康素养水平", TargetKind.INCREASE),
    ],
)
def test_directional_and_coverage_targets(plan: Plan, name: str, kind: TargetKind) -> None:
    assert [t.kind for t in indicator_named(plan, name).targets] == [kind]


def test_relative_and_coverage_details(plan: Plan) -> None:
    congress = indicator_named(plan, "县党代会代表中女性比例")
    assert congress.targets[0].relative_to == indicator_named(plan, "女党员占党员总数比例").code
    assert congress.cadence is Cadence.ELECTION
    coverage = indicator_named(plan, "村（社区）“两委”班子中至少有1名女性成员的比例").targets[0]
    assert (coverage.comparator, coverage.value) == (Comparator.GE, 100)
    housework = indicator_named(plan, "男女两性家务劳动时间").targets[0]
    assert housework.groups == ("female", "male")
    assert indicator_named(plan, "村民委员会成员中女性比例").cadence is Cadence.ELECTION


def test_indicators_are_complete_and_consistent(plan: Plan) -> None:
    assert 45 <= len(plan.indicators) <= 60
    departments = {d.code for d in plan.departments}
    goals = {(d.code, g.number) for d, g in plan.goals()}
    prefixes = {"health": "H", "education": "E", "economy": "C", "decision": "D",
                "social_security": "S", "family": "F", "environment": "V", "law": "L"}  # fmt: skip
    with (DATA / "reference" / "national-figures.csv").open(encoding="utf-8") as handle:
        national = {row["indicator_cn"] for row in csv.DictReader(handle)}
    for indicator in plan.indicators:
        assert indicator.code[0] == prefixes[indicator.goal.domain]
        assert (indicator.goal.domain, indicator.goal.goal) in goals
        assert indicator.responsibility.lead in departments
        assert set(indicator.responsibility.supporting) <= departments
        assert indicator.definition and indicator.targets
        assert indicator.national_reference == "" or indicator.national_reference in national
        if indicator.unit == "%" and indicator.numerator:
            assert indicator.per == 100 and indicator.denominator


def test_target_sources_are_the_plans_own_words(plan: Plan) -> None:
    for indicator in plan.indicators:
        domain = plan.domain(indicator.goal.domain)
        texts = [domain.goal(indicator.goal.goal).text, *(m.text for m in domain.measures)]
        for target in indicator.targets:
            assert any(target.source in text for text in texts), (indicator.code, target.source)


def test_every_goal_and_measure_has_a_lead_department(plan: Plan) -> None:
    departments = {d.code for d in plan.departments}
    assert 25 <= len(departments) <= 34
    responsibilities = [g.responsibility for _, g in plan.goals()]
    responsibilities += [m.responsibility for _, m in plan.measures()]
    for responsibility in responsibilities:
        assert responsibility.lead in departments
        assert set(responsibility.supporting) <= departments


# ---------------------------------------------------------------- round trips


def test_dict_round_trip(plan: Plan) -> None:
    assert plan_from_dict(plan_to_dict(plan)) == plan


def test_json_round_trip(plan: Plan, tmp_path: Path) -> None:
    text = json.dumps(plan_to_dict(plan), ensure_ascii=False, indent=2)
    assert plan_from_dict(json.loads(text)) == plan
    path = tmp_path / "plan.json"
    path.write_text(text, encoding="utf-8")
    assert load_plan(path) == plan


def test_yaml_round_trip_reproduces_the_shipped_file(plan: Plan) -> None:
    shipped = (DATA / "plans" / f"{NAME}.yaml").read_text(encoding="utf-8")
    assert plan_to_yaml(plan) == shipped
    assert plan_from_dict(read_plan_data(plan_to_yaml(plan))) == plan


def test_dict_has_the_file_schema(plan: Plan) -> None:
    data = plan_to_dict(plan)
    assert list(data) == [
        "format_version", "plan", "departments", "areas", "domains", "indicators",
        "organisation_text", "monitoring_text",
    ]  # fmt: skip
    assert list(data["indicators"][0]) == [
        "code", "name", "unit", "goal", "definition", "numerator", "denominator", "per", "aggregation",
        "polarity", "disaggregations", "lead", "supporting", "statistical_period", "cadence",
        "national_reference", "maps_to", "targets",
    ]  # fmt: skip
    assert data["indicators"][0]["maps_to"] == {
        "plan": "china-women-2021-2030", "indicator": "女性人均预期寿命", "factor": 1,
    }  # fmt: skip
    assert data["indicators"][0]["targets"][0] == {
        "kind": "threshold", "comparator": "ge", "value": 78.1, "unit": "岁", "year": 2025,
        "source": "妇女人均预期寿命达到78.1岁",
    }  # fmt: skip


# ---------------------------------------------------------------- bad files


def set_path(data: Any, path: str, value: Any) -> None:
    *parents, last = path.replace("[", ".").replace("]", "").split(".")
    for part in parents:
        data = data[int(part)] if part.isdigit() else data[part]
    if value is DELETE:
        del data[int(last) if last.isdigit() else last]
    else:
        data[int(last) if last.isdigit() else last] = value


DELETE = object()


def first_with(plan: Plan, predicate: Callable[[Any], bool]) -> int:
    return next(index for index, indicator in enumerate(plan.indicators) if predicate(indicator))


def bad_cases(plan: Plan) -> list[tuple[str, Any, str, str, dict[str, Any]]]:
    """(path to change, new value, expected code, expected location, expected params subset)."""
    increase = first_with(plan, lambda i: i.targets[0].kind is TargetKind.INCREASE)
    approximate = first_with(plan, lambda i: i.targets[0].kind is TargetKind.APPROXIMATE)
    relative = first_with(plan, lambda i: i.targets[0].kind is TargetKind.RELATIVE)
    no_sex = first_with(plan, lambda i: not i.disaggregations)
    return [
        ("domains[0].goals[0].lead", "nobody", "plan_file.unknown_department", "domains[0].goals[0].lead",
         {"department": "nobody"}),
        ("indicators[2].supporting", ["statistics", "nobody"], "plan_file.unknown_department",
         "indicators[2].supporting[1]", {}),
        ("indicators[1].code", plan.indicators[0].code, "plan_file.duplicate_indicator", "indicators[1].code", {}),
        ("departments[1].code", plan.departments[0].code, "plan_file.duplicate_department",
         "departments[1].code", {}),
        ("domains[1].goals[1].number", 1, "plan_file.duplicate_goal", "domains[1].goals[1].number", {}),
        ("indicators[0].targets[0].comparator", "gte", "plan_file.unknown_value",
         "indicators[0].targets[0].comparator", {"value": "gte"}),
        ("indicators[0].targets[0].value", DELETE, "plan_file.bad_target", "indicators[0].targets[0].value",
         {"reason": "missing_value"}),
        ("indicators[0].targets[0].comparator", DELETE, "plan_file.bad_target",
         "indicators[0].targets[0].comparator", {"reason": "missing_comparator"}),
        (f"indicators[{increase}].targets[0].comparator", "ge", "plan_file.bad_target",
         f"indicators[{increase}].targets[0].comparator", {"reason": "unexpected_value"}),
        (f"indicators[{approximate}].targets[0].tolerance", DELETE, "plan_file.bad_target",
         f"indicators[{approximate}].targets[0].tolerance", {"reason": "missing_tolerance"}),
        (f"indicators[{relative}].targets[0].relative_to", "X99", "plan_file.bad_target",
         f"indicators[{relative}].targets[0].relative_to", {"reason": "unknown_relative_to"}),
        (f"indicators[{no_sex}].targets", [{"kind": "gap_narrows", "groups": ["female", "male"]}],
         "plan_file.bad_target", f"indicators[{no_sex}].targets[0].groups",
         {"reason": "groups_not_disaggregated"}),
        ("indicators[0].targets[0].year", 2031, "plan_file.bad_target", "indicators[0].targets[0].year",
         {"reason": "year_outside_period"}),
        ("indicators[0].goal", "health.99", "plan_file.unknown_goal", "indicators[0].goal", {}),
        ("indicators[0].polarity", "up", "plan_file.unknown_value", "indicators[0].polarity", {}),
        ("indicators[0].cadence", "monthly", "plan_file.unknown_value", "indicators[0].cadence", {}),
        ("domains[0].goals[0].kind", "vague", "plan_file.unknown_value", "domains[0].goals[0].kind", {}),
        ("indicators[0].per", "100", "plan_file.bad_type", "indicators[0].per", {"expected": "integer"}),
        ("indicators[0].colour", "red", "plan_file.unknown_key", "indicators[0].colour", {}),
        ("indicators[0].name", DELETE, "plan_file.missing_key", "indicators[0].name", {}),
        ("plan.region", "999999", "plan_file.unknown_area", "plan.region", {}),
        ("format_version", 2, "plan_file.unsupported_version", "format_version", {"version": 2}),
    ]  # fmt: skip


@pytest.mark.parametrize("case", range(22))
def test_bad_files_raise_coded_errors_with_location(plan: Plan, tmp_path: Path, case: int) -> None:
    cases = bad_cases(plan)
    assert len(cases) == 22
    path, value, code, location, params = cases[case]
    data = copy.deepcopy(plan_to_dict(plan))
    set_path(data, path, value)
    file = tmp_path / "bad.yaml"
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    file.write_text(
        yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    with pytest.raises(PlanFileError) as caught:
        load_plan(file)
    error = caught.value
    assert (error.code, error.location) == (code, location)
    assert params.items() <= error.params.items()


def test_version_is_checked_before_the_keys(plan: Plan) -> None:
    data = {**plan_to_dict(plan), "format_version": 2, "sdmx": {}}
    with pytest.raises(PlanFileError) as caught:
        plan_from_dict(data)
    assert (caught.value.code, caught.value.location) == (
        "plan_file.unsupported_version",
        "format_version",
    )


def test_invalid_yaml(tmp_path: Path) -> None:
    file = tmp_path / "broken.yaml"
    file.write_text("format_version: 1\nplan: {code: [unclosed\n", encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        load_plan(file)
    assert caught.value.code == "plan_file.invalid_yaml"
    assert caught.value.params["line"] == 3


def test_invalid_json(tmp_path: Path) -> None:
    file = tmp_path / "broken.json"
    file.write_text('{"format_version": 1,', encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        load_plan(file)
    assert caught.value.code == "plan_file.invalid_json"


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    file = tmp_path / "twice.yaml"
    file.write_text("format_version: 1\nformat_version: 1\n", encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        load_plan(file)
    assert caught.value.code == "plan_file.duplicate_key"
    assert caught.value.params["line"] == 2


def test_not_a_mapping(tmp_path: Path) -> None:
    file = tmp_path / "list.yaml"
    file.write_text("- 1\n- 2\n", encoding="utf-8")
    with pytest.raises(PlanFileError) as caught:
        load_plan(file)
    assert (caught.value.code, caught.value.location) == ("plan_file.bad_type", "")


def test_missing_file_and_unknown_name(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError) as caught:
        load_plan(tmp_path / "nowhere.yaml")
    assert caught.value.code == "plan_file.not_found"
    with pytest.raises(PlanFileError) as caught:
        load_plan("atlantis-women-2021-2025")
    assert caught.value.code == "plan_file.not_found"
    assert NAME in caught.value.params["available"]  # type: ignore[operator]


# ---------------------------------------------------------------- crossed breakdowns


def with_disaggregations(plan: Plan, index: int, value: Any, targets: Any = None) -> Any:
    data = copy.deepcopy(plan_to_dict(plan))
    data["indicators"][index]["disaggregations"] = value
    if targets is not None:
        data["indicators"][index]["targets"] = targets
    return data


def test_a_list_in_disaggregations_is_a_cross_product(plan: Plan) -> None:
    data = with_disaggregations(plan, 0, ["sex", ["urban_rural", "sex"]], targets=[
        {"kind": "gap_narrows", "groups": ["sex=female;urban_rural=rural",
                                           "urban_rural=rural;sex=male"]}])
    indicator = plan_from_dict(data).indicators[0]
    assert [d.value for d in indicator.disaggregations] == ["sex"]
    assert indicator.combinations == (("sex",), ("sex", "urban_rural"))
    assert plan_to_dict(plan_from_dict(data))["indicators"][0]["disaggregations"] == \
        ["sex", ["sex", "urban_rural"]]
    assert plan_from_dict(plan_to_dict(plan_from_dict(data))) == plan_from_dict(data)


@pytest.mark.parametrize(("value", "code"), [
    (["sex", ["sex"]], "plan_file.bad_crossing"),
    ([["sex", "sex"]], "plan_file.bad_crossing"),
    ([["sex", "township"]], "plan_file.unknown_value"),
    ([["sex", "urban_rural"], ["urban_rural", "sex"]], "plan_file.duplicate_value"),
])  # fmt: skip
def test_bad_cross_products_are_refused(plan: Plan, value: Any, code: str) -> None:
    with pytest.raises(PlanFileError) as caught:
        plan_from_dict(with_disaggregations(plan, 0, value))
    assert caught.value.code == code
    assert caught.value.location.startswith("indicators[0].disaggregations[")


def test_a_gap_between_crossed_groups_needs_the_cross_product(plan: Plan) -> None:
    target = [{"kind": "gap_narrows", "groups": ["sex=female;urban_rural=rural",
                                                 "sex=male;urban_rural=rural"]}]
    with pytest.raises(PlanFileError) as caught:
        plan_from_dict(with_disaggregations(plan, 0, ["sex", "urban_rural"], targets=target))
    assert caught.value.params["reason"] == "groups_not_disaggregated"
    target[0]["groups"][1] = "sex=nobody"
    with pytest.raises(PlanFileError) as caught:
        plan_from_dict(with_disaggregations(plan, 0, [["sex", "urban_rural"]], targets=target))
    assert caught.value.params["reason"] == "bad_group"
