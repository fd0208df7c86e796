"""The entry form at 1366×768 with the keyboard: every refusal is seen, the focus stays.

A reporter who types ``abc`` sees why it was not saved (and the value that stays
stored) without losing the box; after an autosave the next Tab goes to the next
box, not to the top of the page; a message names the form's own field (分母).
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

YEAR = 2025


def test_refusals_are_shown_and_the_keyboard_stays(log_in: Any, page: Any, demo_site: str,
                                                   open_round: Any) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    open_round(YEAR)
    log_in("health_reporter")
    page.goto(f"{demo_site}/rounds/{YEAR}/health/")
    row = page.locator("table.entry tbody tr").filter(has_text="妇女人均预期寿命").first
    box = row.locator("input[name=value]")

    box.click()
    box.press_sequentially("abc")
    expect(row.get_by_role("alert")).to_contain_text("abc")
    expect(row.locator(".stored")).to_be_visible()
    expect(box).to_be_focused()
    expect(box).to_have_value("abc")

    box.fill("")
    box.press_sequentially("78.5")
    expect(row.locator(".saved")).to_be_visible()
    expect(box).to_be_focused()
    page.keyboard.press("Tab")
    expect(row.locator("select[name=flag]")).to_be_focused()

    rate = page.locator("table.entry tbody tr").filter(has_text="孕产妇死亡率").first
    denominator = rate.locator("input[name=denominator]")
    denominator.fill("")
    rate.locator("input[name=numerator]").fill("1")
    expect(rate.locator(".findings")).to_contain_text("分母")
    expect(rate.locator(".findings")).not_to_contain_text("denominator")
