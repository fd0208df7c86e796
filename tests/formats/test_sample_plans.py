"""The sample plans shipped beside the Ji County women's plan: the children's plan
2021–2025 and the women's plan 2026–2030, both written by the project and marked
示例（非官方规划）, some of whose indicators are the women's 2021–2025 series (``same_as``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from halfsky.domain.plan import Plan
from halfsky.domain.units import exchange_codes
from halfsky.formats.plan_file import load_plan, plan_to_yaml, shipped_plans

DATA = Path(__file__).resolve().parents[2] / "halfsky" / "data" / "plans"
WOMEN = "jixian-women-2021-2025"
CHILDREN = "jixian-children-2021-2025"
NEXT = "jixian-women-2026-2030"
SAMPLE = "示例（非官方规划）"


@pytest.fixture(scope="module")
def plans() -> dict[str, Plan]:
    return {code: load_plan(code) for code in (WOMEN, CHILDREN, NEXT)}


@pytest.mark.parametrize("code", [CHILDREN, NEXT])
def test_a_sample_plan_is_shipped_marked_and_written_back_unchanged(
        plans: dict[str, Plan], code: str) -> None:
    plan = plans[code]
    assert code in shipped_plans() and plan.code == code
    assert SAMPLE in plan.title
    assert plan.organisation_text.startswith(SAMPLE)
    assert plan.monitoring_text.startswith(SAMPLE)
    assert plan_to_yaml(plan) == (DATA / f"{code}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", [CHILDREN, NEXT])
def test_every_indicator_has_a_lead_department_and_a_target(
        plans: dict[str, Plan], code: str) -> None:
    plan = plans[code]
    departments = {d.code for d in plan.departments}
    for indicator in plan.indicators:
        assert indicator.responsibility.lead in departments, indicator.code
        assert indicator.targets, indicator.code
        assert all(plan.start_year <= (t.year or plan.end_year) <= plan.end_year
                   for t in indicator.targets), indicator.code


@pytest.mark.parametrize("code", [CHILDREN, NEXT])
def test_every_link_names_an_indicator_of_the_womens_plan_in_the_same_unit(
        plans: dict[str, Plan], code: str) -> None:
    women = {i.code: i for i in plans[WOMEN].indicators}
    links = [i for i in plans[code].indicators if i.same_as is not None]
    assert links
    for indicator in links:
        assert indicator.same_as is not None
        assert indicator.same_as.plan == WOMEN
        linked = women[indicator.same_as.indicator]
        assert (linked.unit, linked.name) == (indicator.unit, indicator.name), indicator.code


@pytest.mark.parametrize("code", [CHILDREN, NEXT])
def test_every_unit_can_be_exchanged(plans: dict[str, Plan], code: str) -> None:
    """SDMX exports need a code for each unit (出生人口性别比 is in 女=100)."""
    assert {i.unit for i in plans[code].indicators} <= set(exchange_codes())


def test_the_childrens_plan_has_the_seven_domains_and_shares_four_womens_series(
        plans: dict[str, Plan]) -> None:
    plan = plans[CHILDREN]
    assert [d.name for d in plan.domains] == [
        "儿童与健康", "儿童与安全", "儿童与教育", "儿童与福利", "儿童与家庭", "儿童与环境",
        "儿童与法律保护"]
    assert (plan.region, plan.start_year, plan.end_year, plan.baseline_year) == (
        "141028", 2021, 2025, 2020)
    assert 25 <= len(plan.indicators) <= 35
    shared = {i.name: i.same_as.indicator for i in plan.indicators if i.same_as is not None}
    assert shared == {"孕产妇死亡率": "H03", "艾滋病母婴传播率": "H08",
                      "高中阶段毛入学率": "E03", "每千人口拥有3岁以下婴幼儿托位数": "F02"}
    names = {i.name for i in plan.indicators}
    assert {"婴儿死亡率", "5岁以下儿童死亡率", "学前教育毛入园率", "九年义务教育巩固率",
            "出生人口性别比", "儿童青少年总体近视率", "适龄儿童免疫规划疫苗接种率",
            "0—6岁儿童眼保健和视力检查覆盖率", "儿童伤害死亡率"} <= names
    # the same departments as the women's plan, and no women's indicator code reused
    assert plan.departments == plans[WOMEN].departments
    assert not {i.code for i in plan.indicators} & {i.code for i in plans[WOMEN].indicators}
    for domain in plan.domains:
        assert domain.goals and domain.measures, domain.name


def test_the_next_plan_continues_the_old_one(plans: dict[str, Plan]) -> None:
    old, new = plans[WOMEN], plans[NEXT]
    assert (new.start_year, new.end_year, new.baseline_year) == (2026, 2030, 2025)
    assert [d.name for d in new.domains] == [d.name for d in old.domains]
    old_codes = {i.code for i in old.indicators}
    continuing = [i for i in new.indicators if i.code in old_codes]
    # every continuing indicator is the old plan's series, under its own code
    assert all(i.same_as is not None and i.same_as.indicator == i.code for i in continuing)
    by_code = {i.code: i for i in new.indicators}
    added = sorted(code for code in by_code if code not in old_codes)
    ended = sorted(old_codes - set(by_code))
    assert added == ["D15", "H15", "H16"] and ended == ["C05", "E02", "H02"]
    assert all(by_code[code].same_as is None for code in added)
    assert (by_code["H03"].targets[0].value, by_code["H03"].targets[0].year) == (10, 2030)
