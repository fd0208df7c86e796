"""Warnings as work, in a real browser: the department answers, the coordinator accepts."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect


def test_department_answers_a_warning_and_the_coordinator_accepts_it(log_in: Any, menu: Any) -> None:
    page = log_in("health_reporter")
    banner = page.locator(".warning-banner")
    expect(banner).to_contain_text("条预警待答复")  # shown on the home page after login
    banner.get_by_role("link", name="答复预警").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("预警")
    rows = page.locator("table.warnings tbody tr")
    expect(rows.first).to_contain_text("县卫生健康和体育局")
    expect(rows.first).to_contain_text("待答复")
    indicator = rows.first.locator("td").nth(1).get_by_role("link").inner_text()
    rows.first.get_by_role("link").first.click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(indicator)
    page.get_by_label("原因分析").fill("测试：基层机构人员调整，部分机构未完成达标评审。")
    page.get_by_label("整改措施").fill("测试：年内完成剩余机构评审，按季度报告进展。")
    page.get_by_role("button", name="提交答复").click()
    expect(page.locator("ul.messages")).to_contain_text("答复已提交")
    expect(page.locator("[data-state]").first).to_have_text("已答复，待审核")
    page.get_by_role("button", name="退出").click()

    page = log_in("coordinator")
    expect(page.locator(".warning-banner")).to_contain_text("待审核")
    menu("评估", "预警")
    page.get_by_role("link", name="已答复，待审核").click()
    answered = page.locator("table.warnings tbody tr", has_text=indicator)
    expect(answered).to_contain_text("县卫生健康和体育局")
    answered.get_by_role("link", name=indicator).click()
    expect(page.locator("[data-field=cause_analysis]")).to_contain_text("基层机构人员调整")
    page.get_by_label("意见").fill("测试：同意，请按季度报送进展。")
    page.get_by_role("button", name="采纳").click()
    expect(page.locator("ul.messages")).to_contain_text("答复已采纳")
    expect(page.locator("[data-state]").first).to_have_text("已采纳")
    history = page.locator("ol.history")
    expect(history).to_contain_text("health_reporter")
    expect(history).to_contain_text("coordinator")


def test_assessment_page_shows_statuses_rates_and_intervals(log_in: Any, menu: Any) -> None:
    page = log_in("viewer")
    menu("评估", "评估")
    expect(page.get_by_role("heading", level=1)).to_contain_text("年评估")
    expect(page.locator("[data-rates=plan]")).to_contain_text("含无数据指标")
    expect(page.locator("[data-rates=plan]")).to_contain_text("不含无数据指标")
    for label in ("已达标", "预计可达标", "逆向变化", "证据不足", "无数据"):
        expect(page.locator("table.assessment .status", has_text=label).first).to_be_visible()
    # 证据不足 shows the pooled rate (a value meeting its target is 已达标, whatever the interval)
    expect(page.locator("tr[data-status=insufficient_evidence]").first).to_contain_text("合并率")
