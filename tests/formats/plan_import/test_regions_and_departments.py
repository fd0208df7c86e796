"""The GB/T 2260 list, the region and period of a title, and member units by any name."""

from __future__ import annotations

import pytest

from halfsky.formats.plan_import.clutter import remove_clutter
from halfsky.formats.plan_import.departments import department_key, match_department
from halfsky.formats.plan_import.titles import find_period, region_in, region_of, regions


def test_the_list_covers_every_province_and_prefecture_and_shanxi_counties() -> None:
    units = regions()
    levels = [level for _, level in units.values()]
    assert levels.count("province") == 34
    assert sum(1 for code, (_, level) in units.items() if level == "city" and code[4:] == "00") == 333
    shanxi = [name for code, (name, level) in units.items() if code.startswith("14") and level == "county"]
    assert len(shanxi) == 117 and "吉县" in shanxi and "尧都区" in shanxi
    assert units["141028"] == ("吉县", "county") and units["650000"][0] == "新疆维吾尔自治区"


@pytest.mark.parametrize(
    ("title", "name", "code"),
    [
        ("吉县妇女发展“十四五”规划", "吉县", "141028"),
        ("山西省临汾市吉县妇女发展规划（2021—2025年）", "吉县", "141028"),
        ("临汾市妇女发展规划（2021—2025年）", "临汾市", "141000"),
        ("山西省妇女发展规划（2021—2030年）", "山西省", "140000"),
        ("北京市朝阳区妇女发展规划（2021—2025年）", "朝阳区", "110105"),
        ("辽宁省朝阳市妇女儿童发展规划", "朝阳市", "211300"),
        ("广西壮族自治区妇女发展规划（2021—2030年）", "广西壮族自治区", "450000"),
        ("阳泉市城区妇女发展规划（2021—2025年）", "城区", "140302"),
    ],
)
def test_any_province_city_or_county_in_a_title_is_recognised(title: str, name: str, code: str) -> None:
    found_name, found_code, areas, known = region_of(title, None)
    assert (found_name, found_code, known) == (name, code, True)
    assert areas[-1].code == code and areas[0].code == code[:2] + "0000"


def test_an_unknown_place_is_not_guessed() -> None:
    assert region_of("某县妇女发展规划（2021—2025年）", None)[3] is False


@pytest.mark.parametrize(
    ("title", "period"),
    [("某县妇女发展规划（2021—2030年）", (2021, 2030)), ("某县妇女发展“十四五”规划", (2021, 2025)),
     ("某县妇女发展规划2026-2030", (2026, 2030)), ("某县妇女发展\"十五五\"规划", (2026, 2030))],
)
def test_the_period_comes_from_the_title(title: str, period: tuple[int, int]) -> None:
    assert find_period(title, "到2035年，…") == period


@pytest.mark.parametrize(
    ("short", "full"),
    [("县卫健局", "县卫生健康和体育局"), ("市卫健委", "市卫生健康委员会"), ("县人社局", "县人力资源和社会保障局"),
     ("县教科局", "县教育科技局"), ("团县委", "共青团某县委员会"), ("县妇联", "县妇女联合会"),
     ("省发展改革委", "省发展和改革委员会"), ("县市场监管局", "县市场监督管理局")],
)
def test_abbreviations_denote_the_same_member_unit(short: str, full: str) -> None:
    assert department_key(short) == department_key(full)


def test_a_department_name_is_matched_to_a_known_one() -> None:
    known = [("health", "县卫生健康和体育局"), ("finance", "县财政局")]
    assert match_department("县卫健局", known) == "health"
    assert match_department("吉县财政局", known) == "finance"
    assert match_department("县巾帼志愿服务队", known) is None


def test_clutter_lines_are_blanked_and_listed_with_their_line() -> None:
    text = "手机版\n首页 > 政务公开\n某县妇女发展规划\n— 3 —\n编辑：张三 监审：李四\n1.孕产妇死亡率下降。"
    cleaned, left_out = remove_clutter(text)
    assert cleaned.split("\n") == ["", "", "某县妇女发展规划", "", "", "1.孕产妇死亡率下降。"]
    assert [(item.line, item.reason) for item in left_out] == [
        (1, "furniture"), (2, "furniture"), (4, "page_number"), (5, "furniture")]
    joined, hyphens = remove_clutter("the develop-\nment goals")
    assert joined.split("\n")[0] == "the development goals" and hyphens[0].reason == "hyphen"


@pytest.mark.parametrize(("title", "expected"), [
    ("深圳市南山区妇女发展规划（2021—2025年）", ("南山区", "440305")),
    ("鹤岗市南山区妇女发展规划（2021—2025年）", ("南山区", "230404")),
    ("湖南省浏阳市儿童发展规划（2021—2030年）", ("浏阳市", "430181")),
])
def test_any_county_of_the_country_is_recognised_and_a_shared_name_by_its_city(
        title: str, expected: tuple[str, str]) -> None:
    assert region_in(title) == expected


def test_the_shipped_list_has_every_level() -> None:
    levels = [level for _, level in regions().values()]
    assert levels.count("province") == 34
    assert levels.count("city") >= 330
    assert levels.count("county") >= 2800
