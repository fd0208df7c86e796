"""A value two plans share, entered once through the 2025 round, shows in both plans."""

from __future__ import annotations

import datetime
from typing import Any

from playwright.sync_api import expect

OLD, NEW = "jixian-women-2021-2025", "jixian-women-2026-2030"
NAME = "经常参加体育锻炼的妇女（体育人口）占比"  # H12, linked from 2026–2030 to 2021–2025


def test_a_shared_value_entered_once_shows_in_both_plans(log_in: Any, page: Any,
                                                          demo_site: str) -> None:
    from tests.web.assessments.test_shared_series import load_successor

    load_successor()
    log_in("coordinator")
    page.goto(f"{demo_site}/rounds/")
    page.get_by_label("数据年度").fill("2025")
    page.get_by_label("截止日期").fill((datetime.date.today() + datetime.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="开启").click()
    expect(page.locator(f'[data-round-plans] [data-plan="{NEW}"]')).to_be_visible()

    log_in("health_reporter")
    page.goto(f"{demo_site}/rounds/2025/health/")
    row = page.locator("table.entry tbody tr").filter(has_text=NAME).first
    expect(row.locator("[data-value-plans]")).to_have_attribute("data-value-plans", f"{OLD} {NEW}")
    row.get_by_label(f"{NAME} 数值").fill("55.5")
    expect(row.locator(".saved")).to_be_visible()

    log_in("coordinator")
    for plan in (OLD, NEW):
        page.goto(f"{demo_site}/plans/{plan}/indicators/H12/")
        values = page.locator("table.values").first
        expect(values).to_contain_text("2025")
        expect(values).to_contain_text("55.5")
    expect(page.locator("[data-shared-series]")).to_contain_text("2021")
    # the chart draws both periods (shaded) with their targets, without a script error
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{demo_site}/plans/{NEW}/indicators/H12/")
    expect(page.locator("#series-chart")).to_have_attribute("data-rendered", "1")
    assert errors == []
    shaded = page.evaluate("() => echarts.getInstanceByDom(document.getElementById('series-chart'))"
                           ".getOption().series[0].markArea.data.map(a => a[0].name)")
    assert len(shaded) == 2  # the 2021–2025 and 2026–2030 periods
