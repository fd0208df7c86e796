"""The current plan chooser in a real browser at 1366×768: switching with the keyboard
goes to the same page of the other plan, and the menu follows."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from playwright.sync_api import expect

from halfsky.formats.plan_file import load_plan

OLD = "jixian-women-2021-2025"
NEW = "jixian-women-2026-2030-test"
NEW_TITLE = "吉县妇女发展规划（2026—2030年，测试用）"


def test_switching_plans_with_the_keyboard(page: Any, log_in: Any, demo_site: str,
                                           monkeypatch: Any) -> None:
    from halfsky.web.plans import choice
    from halfsky.web.plans.actions import do_load_plan

    monkeypatch.setattr(choice, "this_year", lambda: 2027)  # the old plan closed
    do_load_plan(dataclasses.replace(load_plan(OLD), code=NEW, title=NEW_TITLE,
                                     start_year=2026, end_year=2030, baseline_year=2025))
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in("coordinator")
    page.goto(f"{demo_site}/plans/{OLD}/reports/")
    chooser = page.get_by_label("当前规划")
    expect(chooser).to_have_value(OLD)
    expect(page.locator("[data-plan-closed]")).to_have_text("已结束")
    assert chooser.bounding_box()["y"] < 768  # in the top bar, without scrolling
    chooser.focus()
    page.keyboard.press("ArrowUp")  # the plan in force is listed first
    expect(chooser).to_have_value(NEW)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="切换")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/plans/{NEW}/reports/$"))
    expect(page.get_by_label("当前规划")).to_have_value(NEW)
    expect(page.locator("main")).to_contain_text(NEW_TITLE)
    expect(page.locator("[data-plan-closed]")).to_have_count(0)
    menu = page.get_by_role("navigation", name="主菜单")
    menu.locator("summary", has_text="评估").click()
    expect(menu.get_by_role("link", name="评估")).to_have_attribute(
        "href", f"/plans/{NEW}/assessments/")
    page.goto(f"{demo_site}/")  # remembered
    expect(page).to_have_url(re.compile(rf"/plans/{NEW}/dashboard/$"))
