"""Approved is the county's number, in a real browser at 1366×768.

The health department enters its 2025 value of 妇幼健康服务机构达标率 (H14, a key
indicator of the overview) and submits; the statistics bureau returns it. The
leadership then sees no 2025 point in the indicator's chart, table or the overview;
the reviewer sees the value marked 已退回, as a hollow point off the line.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

PLAN = "jixian-women-2021-2025"
YEAR = 2025
CODE, NAME = "H14", "妇幼健康服务机构达标率"
CHART = "() => echarts.getInstanceByDom(document.getElementById('series-chart')).getOption()"


def fill_the_rest_as_not_applicable() -> None:
    """Every other value of the health task: not applicable (the test is about one value)."""
    from django.contrib.auth import get_user_model

    from halfsky.web.values.actions.values import do_save_value
    from halfsky.web.values.models import Observation, ValueStatus

    reporter = get_user_model().objects.get(username="health_reporter")
    for value in list(Observation.objects.filter(
            task__round__year=YEAR, task__department__code="health", value__isnull=True,
            status=ValueStatus.DRAFT).exclude(indicator__code=CODE, area__level="county")):
        do_save_value(value, {"flag": "not_applicable", "note": "测试"}, value.version, reporter)


def last_year_parts() -> tuple[int, int]:
    """H14's county numerator and denominator of 2024: a 2025 value that raises no warning."""
    from halfsky.web.values.models import Observation

    last = Observation.objects.get(indicator__plan__code=PLAN, indicator__code=CODE, year=YEAR - 1,
                                   area__level="county", breakdown="")
    return round(last.value * 10), 1000


def chart_points(page: Any, demo_site: str) -> list[dict[str, Any]]:
    """The chart's series as drawn; ``values``: one of the indicator's value series (not the
    forecast to the target year, the interval or the national reference)."""
    page.goto(f"{demo_site}/plans/{PLAN}/indicators/{CODE}/")
    expect(page.locator("#series-chart")).to_have_attribute("data-rendered", "1")
    labels = page.evaluate("() => fetch(document.getElementById('series-chart').dataset.url)"
                           ".then(r => r.json()).then(d => d.series.map(s => s.label))")
    series = page.evaluate(CHART)["series"]
    return [{"name": s["name"], "type": s["type"], "symbol": s.get("symbol"),
             "values": s["name"] in labels,
             "points": [p["value"] if isinstance(p, dict) else p for p in s["data"]]}
            for s in series]


def test_a_returned_value_is_not_the_county_figure(log_in: Any, page: Any, demo_site: str,
                                                  open_round: Any) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_round(YEAR)
    fill_the_rest_as_not_applicable()  # before the browser saves: one writer at a time

    # The department enters the value and submits; its head confirms.
    numerator, denominator = last_year_parts()
    log_in("health_reporter")
    page.goto(f"{demo_site}/rounds/{YEAR}/health/")
    row = page.locator("table.entry tbody tr").filter(has_text=NAME).filter(has_text="吉县").first
    row.get_by_label(f"{NAME} 分子").fill(str(numerator))
    row.get_by_label(f"{NAME} 分母").fill(str(denominator))
    value = round(numerator / denominator * 100, 1)
    expect(row.get_by_label(f"{NAME} 数值")).to_have_value(str(value))
    expect(row.locator(".saved")).to_be_visible()
    page.get_by_role("button", name="提交本单位负责人确认").click()
    expect(page.locator("[data-task-state]")).to_have_text("已提交")
    log_in("health_head")
    page.goto(f"{demo_site}/rounds/{YEAR}/health/")
    page.get_by_role("button", name="确认（代替加盖公章）").click()
    expect(page.locator("[data-task-state]")).to_have_text("负责人已确认")

    # The statistics bureau returns it (and approves the rest).
    log_in("statistics")
    page.goto(f"{demo_site}/rounds/{YEAR}/health/")
    page.get_by_role("button", name="全部选为通过").click()
    row = page.locator("table.entry tbody tr").filter(has_text=NAME).filter(has_text="吉县").first
    row.get_by_label("退回").check()
    row.get_by_label(f"意见 {NAME}").fill("请与年报核对")
    page.get_by_role("button", name="保存审核结果").click()
    expect(page.locator("[data-task-state]")).to_have_text("已退回")

    # The reviewer sees it marked: 已退回 in the table, a hollow point off the line.
    series = chart_points(page, demo_site)
    lines = [s for s in series if s["values"]]
    assert lines and all(s["type"] == "line" and s["symbol"] == "circle" for s in lines)
    assert all(p[0] != YEAR for s in lines for p in s["points"])
    hollow = [s for s in series if s["symbol"] == "emptyCircle"]
    assert len(hollow) == 1 and hollow[0]["type"] == "scatter"
    assert hollow[0]["points"] == [[YEAR, value]]
    cell = page.locator("table.values td[data-state=returned]").first
    expect(cell).to_contain_text("已退回")
    expect(cell).to_contain_text(str(value))
    page.screenshot(path="/tmp/approved-reviewer.png", full_page=False)

    # The leadership sees no 2025 point: chart, table, overview.
    log_in("leader")
    series = chart_points(page, demo_site)
    points = [p for s in series if s["values"] for p in s["points"]]
    assert points and all(p[0] != YEAR for p in points)
    assert not [s for s in series if s["symbol"] == "emptyCircle"]
    header = page.locator("table.values").first.locator("thead")
    expect(header).to_contain_text(str(YEAR - 1))
    expect(header).not_to_contain_text(str(YEAR))
    expect(page.locator("td[data-state]")).to_have_count(0)
    page.screenshot(path="/tmp/approved-leader.png", full_page=False)

    page.goto(f"{demo_site}/plans/{PLAN}/dashboard/")
    overview = page.evaluate("() => JSON.parse(document.getElementById('overview-data').textContent)")
    spark = next(k for k in overview["key_indicators"] if k["code"] == CODE)
    assert spark["values"] and all(v["year"] != YEAR for v in spark["values"])
    rendered = page.locator("[data-chart=spark]").nth(overview["key_indicators"].index(spark))
    expect(rendered).to_have_attribute("data-rendered", "1")
    drawn = page.evaluate(
        "(el) => echarts.getInstanceByDom(el).getOption().series.flatMap(s => s.data)",
        rendered.element_handle())
    assert drawn and len(drawn) == len(spark["values"])
    assert errors == []
