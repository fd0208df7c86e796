"""The exchange pages in a real browser: a token issued once, areas side by side, the mapping."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect


def test_coordinator_issues_a_token_compares_areas_and_maps_an_indicator(log_in: Any,
                                                                         menu: Any) -> None:
    page = log_in("coordinator")
    menu("交换")
    expect(page.get_by_role("heading", name="上下级数据交换")).to_be_visible()
    page.get_by_label("下级地区").select_option(index=1)
    page.get_by_role("button", name="签发令牌").click()
    key = page.locator("[data-token-key]")
    expect(key).to_contain_text("hsx_")
    prefix = key.inner_text()[:12]
    page.reload()
    expect(page.locator("[data-token-key]")).to_have_count(0)
    expect(page.get_by_role("table").first).to_contain_text(prefix)

    tabs = page.get_by_role("navigation", name="数据交换")
    tabs.get_by_role("link", name="各地区对比").click()
    page.locator("#indicator").select_option("D12")
    expect(page.locator("#compare-chart svg")).to_be_visible()
    expect(page.locator("tfoot")).to_contain_text("各地区汇总")

    page.get_by_role("navigation", name="数据交换").get_by_role("link", name="指标对应").click()
    row = page.locator('tr[data-indicator="H02"]')
    row.get_by_label("上级规划的指标").fill("计划外妊娠率")
    row.get_by_role("button", name="保存").click()
    expect(page.get_by_text("指标 H02 的对应关系已保存。")).to_be_visible()
    expect(page.locator('tr[data-indicator="H02"]').get_by_label("上级规划的指标")).to_have_value(
        "计划外妊娠率")
