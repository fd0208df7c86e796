"""The comparison and the pages by area name the level of the areas they show: a county's
townships (乡镇), a province's cities (市), a city's counties and districts (县（市、区）) —
in the title, the tab, the intro, the table's column, the chart's toggle and line."""

from __future__ import annotations

import dataclasses
import json
import re
from typing import Any

import pytest

from halfsky.domain.plan import Area as PlanArea
from halfsky.domain.plan import AreaLevel

COUNTY_PLAN = "jixian-women-2021-2025"
PROVINCE_PLAN = "shanxi-women-2021-2025-test"
CODE = "D11"
CITIES = [("141000", "临汾市"), ("140100", "太原市")]
COUNTIES = [("141028", "吉县", "141000"), ("141002", "尧都区", "141000")]


@pytest.fixture
def province(db: None) -> Any:
    """A province-wide plan: 山西省 with two cities, and two counties below 临汾市, each
    with a value of D11."""
    from halfsky.formats.plan_file import load_plan
    from halfsky.web.orgs.models import Area
    from halfsky.web.plans.actions import do_load_plan
    from halfsky.web.plans.models import Indicator, Plan
    from halfsky.web.values.actions.reference import do_store_sample_values

    areas = (PlanArea("140000", "山西省", AreaLevel.PROVINCE),
             *(PlanArea(code, name, AreaLevel.CITY, "140000") for code, name in CITIES),
             *(PlanArea(code, name, AreaLevel.COUNTY, parent) for code, name, parent in COUNTIES))
    do_load_plan(dataclasses.replace(load_plan(COUNTY_PLAN), code=PROVINCE_PLAN,
                                     title="山西省妇女发展规划（测试用）", region="140000",
                                     areas=areas))
    plan = Plan.objects.get(code=PROVINCE_PLAN)
    indicator = Indicator.objects.get(plan=plan, code=CODE)
    for number, code in enumerate(["140000", *(c for c, *_ in CITIES),
                                   *(c for c, *_ in COUNTIES)]):
        do_store_sample_values(indicator, Area.objects.get(code=code),
                               [{"year": 2024, "breakdown": "", "value": 70.0 + number}])
    return plan


def english(client: Any) -> Any:
    from django.urls import reverse

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def main_of(page: str) -> str:
    return page[page.index("<main"):page.index("</main>")]


def title_of(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    assert found is not None
    return found.group(1)


def chart_words(page: str) -> dict[str, str]:
    found = re.search(r'<script id="chart-words" type="application/json">(.*?)</script>', page)
    assert found is not None
    return json.loads(found.group(1))


def comparison(client: Any, plan: str, area: str = "") -> str:
    query = f"?area={area}" if area else ""
    return client.get(f"/plans/{plan}/dashboard/townships/{query}").content.decode()


def test_a_province_compares_its_cities(province, login) -> None:
    client = login("coordinator")
    page = comparison(client, PROVINCE_PLAN)
    main = main_of(page)
    assert "各市比较" in title_of(page) and '<h1 data-level="city">各市比较</h1>' in main
    assert "山西省各市有数据的每项指标的最新数值" in main
    assert '<th scope="col">市</th>' in main
    assert "乡镇" not in main and "全县" not in main and "县数值" not in main
    assert 'aria-current="page">各市比较</a>' in main  # the tab
    page = comparison(english(client), PROVINCE_PLAN)
    main = main_of(page)
    assert "City comparison" in title_of(page) and ">City comparison</h1>" in main
    assert "The latest values of the cities of 山西省" in main
    assert '<th scope="col">City</th>' in main and "Township" not in main


def test_a_city_of_the_province_compares_its_counties_and_districts(province, login) -> None:
    client = login("coordinator")
    main = main_of(comparison(client, PROVINCE_PLAN, "141000"))
    assert '<h1 data-level="county">各县（市、区）比较</h1>' in main
    assert "临汾市各县（市、区）有数据的" in main and '<th scope="col">县（市、区）</th>' in main
    assert "吉县" in main and "尧都区" in main and "乡镇" not in main
    main = main_of(comparison(english(client), PROVINCE_PLAN, "141000"))
    assert ">County comparison</h1>" in main and "counties and districts of 临汾市" in main
    assert '<th scope="col">County or district</th>' in main


def test_a_county_still_compares_its_townships(login) -> None:
    client = login("coordinator")
    page = comparison(client, COUNTY_PLAN)
    assert '<h1 data-level="township">乡镇比较</h1>' in page
    assert '<th scope="col">乡镇</th>' in page and "吉县各乡镇有数据的" in page
    page = comparison(english(client), COUNTY_PLAN)
    assert ">Township comparison</h1>" in page and '<th scope="col">Township</th>' in page


def test_the_other_dashboards_name_the_comparison_by_the_region_s_children(
        province, login) -> None:
    client = login("coordinator")
    for page in ("", "gender-gap/"):
        main = main_of(client.get(f"/plans/{PROVINCE_PLAN}/dashboard/{page}").content.decode())
        assert ">各市比较</a>" in main and "乡镇比较" not in main
    overview = main_of(client.get(f"/plans/{PROVINCE_PLAN}/dashboard/").content.decode())
    assert "每条线为山西省历年数值" in overview and "本县" not in overview


def test_the_indicator_page_names_the_areas_below_the_shown_one(province, login) -> None:
    client = login("coordinator")
    page = client.get(f"/plans/{PROVINCE_PLAN}/indicators/{CODE}/").content.decode()
    values = page.split('id="values"')[1].split("</section>")[0]
    assert "<h3>市</h3>" in values and "乡镇" not in values
    assert chart_words(page)["kind.township"] == "市"  # the chart's toggle
    page = client.get(f"/plans/{PROVINCE_PLAN}/indicators/{CODE}/?area=141000").content.decode()
    assert chart_words(page)["kind.township"] == "县（市、区）"
    page = english(client).get(f"/plans/{PROVINCE_PLAN}/indicators/{CODE}/").content.decode()
    assert chart_words(page)["kind.township"] == "Cities"
    assert "<h3>Cities</h3>" in page
    county = client.get(f"/plans/{COUNTY_PLAN}/indicators/{CODE}/").content.decode()
    assert chart_words(county)["kind.township"] == "Townships"
