"""A whole reporting round in a real browser, as the people who do it.

The coordinator opens the round; the police bureau's reporter fills one value
in the web form and the other through the Excel template; the head confirms;
the statistics bureau returns one value with a comment; the reporter fixes
it; the bureau approves; the values are locked and their history shows every
step.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from playwright.sync_api import expect

from halfsky.formats.excel_layout import FIRST_ROW, LETTERS

YEAR = 2025


def make_accounts() -> None:
    from halfsky.web.orgs.actions import Account, do_ensure_account
    from halfsky.web.orgs.roles import Role

    do_ensure_account(Account("police_reporter", "halfsky-demo", Role.REPORTER, "public_security"))
    do_ensure_account(Account("police_head", "halfsky-demo", Role.DEPARTMENT_HEAD, "public_security"))
    # As if both had already changed the given password at their first login.
    from halfsky.web.orgs.models import Profile

    Profile.objects.update(must_change_password=False)


def row(page: Any, name: str) -> Any:
    return page.locator("table.entry tbody tr").filter(has_text=name)


def test_a_whole_round(log_in: Any, page: Any, demo_site: str, tmp_path: Path,
                      open_round: Any) -> None:
    make_accounts()
    # The coordinator opens the round.
    open_round(YEAR)
    expect(page.locator("table.board")).to_contain_text("县公安局")

    # The reporter fills the first value in the form (saved as typed) ...
    log_in("police_reporter")
    page.goto(f"{demo_site}/rounds/{YEAR}/public_security/")
    first = row(page, "家庭暴力警情数")
    first.get_by_role("textbox").first.fill("43")
    expect(first.locator(".saved")).to_be_visible()
    # ... and the second through the Excel template.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载填报模板（.xlsx）").click()
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)
    book = load_workbook(template)
    sheet = book["数据"]
    for number in range(FIRST_ROW, sheet.max_row + 1):
        if sheet[f"{LETTERS['indicator']}{number}"].value == "拐卖妇女犯罪案件立案数":
            sheet[f"{LETTERS['value']}{number}"] = 2
    book.save(template)
    page.get_by_label("上传填好的模板").set_input_files(str(template))
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("已从文件读取1个数值")
    expect(row(page, "拐卖妇女犯罪案件立案数").get_by_role("textbox").first).to_have_value("2")
    page.get_by_role("button", name="提交本单位负责人确认").click()
    expect(page.locator("[data-task-state]")).to_have_text("已提交")

    # The head confirms.
    log_in("police_head")
    page.goto(f"{demo_site}/rounds/{YEAR}/public_security/")
    page.get_by_role("button", name="确认（代替加盖公章）").click()
    expect(page.locator("[data-task-state]")).to_have_text("负责人已确认")

    # The statistics bureau returns one value with a comment and approves the other.
    log_in("statistics")
    page.goto(f"{demo_site}/rounds/{YEAR}/public_security/")
    row(page, "家庭暴力警情数").get_by_label("退回").check()
    row(page, "家庭暴力警情数").get_by_role("textbox").fill("请与110接警记录核对")
    row(page, "拐卖妇女犯罪案件立案数").get_by_label("通过").check()
    page.get_by_role("button", name="保存审核结果").click()
    expect(page.locator("[data-task-state]")).to_have_text("已退回")

    # The reporter sees the comment, fixes the value and submits again.
    log_in("police_reporter")
    page.goto(f"{demo_site}/rounds/{YEAR}/public_security/")
    returned = row(page, "家庭暴力警情数")
    expect(returned).to_contain_text("请与110接警记录核对")
    returned.get_by_role("textbox").first.fill("44")
    expect(returned.locator(".saved")).to_be_visible()
    expect(row(page, "拐卖妇女犯罪案件立案数").get_by_role("textbox")).to_have_count(0)  # locked
    page.get_by_role("button", name="提交本单位负责人确认").click()
    log_in("police_head")
    page.goto(f"{demo_site}/rounds/{YEAR}/public_security/")
    page.get_by_role("button", name="确认（代替加盖公章）").click()
    log_in("statistics")
    page.goto(f"{demo_site}/rounds/{YEAR}/public_security/")
    page.get_by_role("button", name="全部选为通过").click()
    page.get_by_role("button", name="保存审核结果").click()
    expect(page.locator("[data-task-state]")).to_have_text("已审核")

    # Locked, and the history shows every step.
    log_in("police_reporter")
    page.goto(f"{demo_site}/rounds/{YEAR}/public_security/")
    expect(page.locator("table.entry input[name=value]")).to_have_count(0)
    row(page, "家庭暴力警情数").get_by_role("link", name="修改记录").click()
    steps = page.locator("table.history tbody tr")
    expect(steps).to_have_count(9)
    text = page.locator("table.history").inner_text()
    for step in ["开启填报", "已修改", "已提交", "负责人已确认", "已退回", "已审核"]:
        assert step in text
    assert re.search(r"请与110接警记录核对", text)
    assert "police_reporter" in text and "police_head" in text and "statistics" in text
