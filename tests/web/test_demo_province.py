"""The province-scale set: 山西省 with its real cities and counties, the plan's indicators."""

from __future__ import annotations

from halfsky.domain.plan import AreaLevel
from halfsky.formats.plan_file import load_plan
from halfsky.web.demo_province import province_plan


def test_the_province_plan_has_shanxis_128_cities_and_counties_below_it() -> None:
    base = load_plan("jixian-women-2021-2025")
    plan = province_plan(base)
    assert plan.region == "140000" and plan.areas[0].name == "山西省"
    levels = [a.level for a in plan.areas]
    assert levels.count(AreaLevel.CITY) == 11 and levels.count(AreaLevel.COUNTY) == 117
    codes = {a.code for a in plan.areas}
    assert {"141000", "141028", "140105"} <= codes
    jixian = next(a for a in plan.areas if a.code == "141028")
    assert jixian.name == "吉县" and jixian.parent == "141000"
    assert all(a.parent in codes for a in plan.areas[1:])
    assert plan.indicators == base.indicators and plan.code != base.code
    assert "示例" in plan.title
