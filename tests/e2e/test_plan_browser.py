"""A person in a real browser: log in as each role, read the menu, browse a goal, search."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

PLAN = "jixian-women-2021-2025"

ALL = ["规划", "数据", "评估", "报告", "交换", "管理"]  # the top bar's menus, in order
MENUS = {  # the menus each role sees (tests/e2e/test_top_bar.py opens every one)
    "coordinator": ALL,
    "statistics": ALL,
    "health_reporter": ["规划", "数据", "评估", "报告"],
    "health_head": ["规划", "数据", "评估", "报告"],
    "leader": ["规划", "数据", "评估", "报告", "交换"],
    "viewer": ["规划", "数据", "评估", "报告", "交换"],
    "admin": ALL,
}


@pytest.mark.parametrize("username", list(MENUS))
def test_each_role_sees_its_menu_browses_a_goal_and_searches(log_in: Any, menu: Any,
                                                              username: str) -> None:
    page = log_in(username)
    expect(page.get_by_role("heading", level=1)).to_contain_text("吉县妇女发展")
    top = page.locator("nav.menu > ul > li").locator(":scope > a, :scope > details > summary")
    expect(top).to_have_text(MENUS[username])

    page.get_by_role("link", name="妇女与健康").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("妇女与健康")
    page.get_by_role("link", name="孕产妇死亡率下降到12.5/10万以内").click()
    expect(page.locator("blockquote.plan-text")).to_contain_text("城乡差距缩小")
    expect(page.locator("table.indicators")).to_contain_text("孕产妇死亡率")
    expect(page.locator("table.indicators")).to_contain_text("12.5")

    menu("规划", "搜索")
    page.get_by_role("searchbox").fill("家庭暴力")
    results = page.locator("#search-results")
    expect(results).to_contain_text("反家庭暴力")  # search as you type (htmx)
    page.get_by_role("searchbox").press("Enter")
    expect(page).to_have_url(re.compile(r"q=%E5%AE%B6"))
    expect(results).to_contain_text("反家庭暴力")


def test_reporter_is_refused_another_department_page(log_in: Any, demo_site: str) -> None:
    page = log_in("health_reporter")
    response = page.goto(f"{demo_site}/departments/education/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("无权访问")
    response = page.goto(f"{demo_site}/departments/health/")
    assert response is not None and response.status == 200


def test_wrong_password_shows_a_clear_message(log_in: Any) -> None:
    page = log_in("viewer", "wrong")
    expect(page.get_by_role("alert")).to_contain_text("用户名和密码不匹配")


def test_language_switch_to_english_and_back(log_in: Any) -> None:
    page = log_in("viewer")
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Attainment rate by domain")).to_be_visible()
    page.get_by_role("button", name="简体中文").click()
    expect(page.get_by_role("heading", name="各领域达标率")).to_be_visible()
