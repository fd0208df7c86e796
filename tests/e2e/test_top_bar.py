"""The top bar at 1366×768, for every role in Chinese and in English: one row (brand, plan
chooser, the menus 规划 / 数据 / 评估 / 报告 / 交换 / 管理, language, notifications, user
menu, log out), and every menu opens from the keyboard with its pages reachable."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

ROLES = ["coordinator", "statistics", "health_reporter", "health_head", "leader", "viewer",
         "admin"]
MENU_NAMES = {"zh-hans": ["规划", "数据", "评估", "报告", "交换", "管理"],
              "en": ["Plan", "Data", "Assessment", "Reports", "Exchange", "Admin"]}
MAIN_MENU = {"zh-hans": "主菜单", "en": "Main menu"}

# Every box of the top bar's row: its parts, each menu, each element of the session area.
ROW_BOXES = """() => {
  const boxes = [...document.querySelectorAll(
    "header.top > *, nav.menu > ul > li, .session > *, .plan-chooser > :not(label)")]
    .filter(e => e.getBoundingClientRect().height > 0);  // not the forms' hidden fields
  return {header: document.querySelector("header.top").getBoundingClientRect().toJSON(),
          boxes: boxes.map(e => ({name: e.className || e.tagName,
                                  ...e.getBoundingClientRect().toJSON()}))};
}"""


def in_language(page: Any, language: str) -> None:
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans" if language == "zh-hans"
                                                   else "en")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("username", ROLES)
def test_the_top_bar_is_one_row_and_every_menu_opens_by_keyboard(
        page: Any, log_in: Any, username: str, language: str) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(username)
    in_language(page, language)

    row = page.evaluate(ROW_BOXES)
    tallest = max(box["height"] for box in row["boxes"])
    assert row["header"]["height"] <= tallest + 20, row  # one line and its padding
    assert row["header"]["width"] <= 1366
    middles = [box["top"] + box["height"] / 2 for box in row["boxes"]]
    assert max(middles) - min(middles) <= 4, row["boxes"]  # all on one line
    assert max(box["right"] for box in row["boxes"]) <= 1366, row["boxes"]

    nav = page.get_by_role("navigation", name=MAIN_MENU[language])
    top = page.locator("nav.menu > ul > li").locator(":scope > a, :scope > details > summary")
    names = top.all_inner_texts()
    assert names == [n for n in MENU_NAMES[language] if n in names]  # in order, none unnamed
    assert names[:4] == MENU_NAMES[language][:4]  # every role plans, reports data, assesses

    menus = nav.locator("details.drop")
    assert menus.count() >= 2
    for i in range(menus.count()):
        menu = menus.nth(i)
        summary = menu.locator("summary")
        summary.focus()
        page.keyboard.press("Enter" if i % 2 == 0 else " ")  # both open a <details>
        expect(menu).to_have_attribute("open", "")
        links = menu.get_by_role("link")
        assert links.count() >= 2
        page.keyboard.press("Tab")
        expect(links.first).to_be_focused()  # the next Tab stop is the menu's first page
        for j in range(links.count()):
            expect(links.nth(j)).to_be_visible()
            assert links.nth(j).get_attribute("href").startswith("/")
        # only one menu is open at a time
        assert page.locator("details.drop[open]").count() == 1
        page.keyboard.press("Escape")
        expect(menu).not_to_have_attribute("open", "")
        expect(summary).to_be_focused()

    for link in nav.locator(":scope > ul > li > a").all():  # a menu of one page is its link
        expect(link).to_be_visible()

    # the user's menu: tokens and password, the way there by keyboard too
    user = page.locator("details.user-menu")
    user.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(user.get_by_role("link")).to_have_count(2)
    expect(user.get_by_role("link").first).to_be_visible()
    page.keyboard.press("Escape")
    expect(user).not_to_have_attribute("open", "")


def test_following_a_menu_entry_opens_its_page_and_marks_its_menu(page: Any, log_in: Any,
                                                                   menu: Any) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in("coordinator")
    menu("评估", "预警")
    expect(page.get_by_role("heading", level=1)).to_contain_text("预警")
    nav = page.get_by_role("navigation", name="主菜单")
    expect(nav.locator("summary.current")).to_have_text("评估")
    # a click elsewhere closes an open menu
    nav.locator("summary", has_text="规划").click()
    expect(page.locator("details.drop[open]")).to_have_count(1)
    page.locator("main h1").click()
    expect(page.locator("details.drop[open]")).to_have_count(0)
