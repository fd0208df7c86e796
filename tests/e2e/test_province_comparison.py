"""A province's comparison in a real browser at 1366×768: the page, its tab and the chart
name the cities it compares (各市比较, 市), the dashed line is the province's, and the
indicator page's toggle for the areas below says 市 and shows them in the legend."""

from __future__ import annotations

import dataclasses
from typing import Any

from playwright.sync_api import expect

from halfsky.domain.plan import Area as PlanArea
from halfsky.domain.plan import AreaLevel
from halfsky.formats.plan_file import load_plan

PROVINCE_PLAN = "shanxi-women-2021-2025-test"
CODE = "D11"
AREAS = [("140000", "山西省", AreaLevel.PROVINCE, None),
         ("141000", "临汾市", AreaLevel.CITY, "140000"), ("140100", "太原市", AreaLevel.CITY, "140000"),
         ("141028", "吉县", AreaLevel.COUNTY, "141000")]


def set_up_province() -> None:
    from halfsky.web.orgs.models import Area
    from halfsky.web.plans.actions import do_load_plan
    from halfsky.web.plans.models import Indicator
    from halfsky.web.values.actions.reference import do_store_sample_values

    do_load_plan(dataclasses.replace(
        load_plan("jixian-women-2021-2025"), code=PROVINCE_PLAN,
        title="山西省妇女发展规划（测试用）", region="140000",
        areas=tuple(PlanArea(*area) for area in AREAS)))
    indicator = Indicator.objects.get(plan__code=PROVINCE_PLAN, code=CODE)
    for number, (code, *_rest) in enumerate(AREAS):
        do_store_sample_values(indicator, Area.objects.get(code=code), [
            {"year": year, "breakdown": "", "value": 70.0 + number + year - 2023}
            for year in (2023, 2024)])


def test_a_province_s_comparison_names_its_cities(page: Any, log_in: Any,
                                                  demo_site: str) -> None:
    set_up_province()
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in("coordinator")
    page.goto(f"{demo_site}/plans/{PROVINCE_PLAN}/dashboard/townships/")
    assert page.title().startswith("各市比较")
    expect(page.get_by_role("heading", level=1)).to_have_text("各市比较")
    expect(page.get_by_role("navigation", name="数据看板").get_by_role(
        "link", name="各市比较")).to_have_attribute("aria-current", "page")
    card = page.locator("section.chart-card", has_text=CODE)
    expect(card.locator("th[scope=col]").first).to_have_text("市")
    chart = card.locator("[data-chart=township]")
    expect(chart).to_have_attribute("data-rendered", "1")
    option = chart.evaluate("el => el.halfskyChart.getOption()")
    assert option["xAxis"][0]["data"] == ["太原市", "临汾市"]
    label = option["series"][0]["markLine"]["data"][0]["label"]["formatter"]
    assert label.startswith("山西省\n") and "县" not in label
    assert "乡镇" not in page.locator("main").inner_text()
    # a city's comparison: its counties and districts
    page.get_by_label("显示的地区").select_option("141000")
    page.get_by_role("button", name="显示", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("各县（市、区）比较")
    # the indicator page: the toggle of the areas below is 市, and shows them
    page.goto(f"{demo_site}/plans/{PROVINCE_PLAN}/indicators/{CODE}/")
    box = page.locator("[data-chart-box]")
    toggle = box.get_by_label("市", exact=True)
    expect(toggle).not_to_be_checked()
    toggle.check()
    series = page.locator("#series-chart")
    legend = series.evaluate("el => el.halfskyChart.getOption().legend[0].data")
    assert "临汾市" in legend and "太原市" in legend
