"""An evaluation round in a real browser: the coordinator opens the final evaluation, a
department rates a measure and attaches a file, the coordinator generates the final
evaluation report and downloads .docx, .pdf and the compendium .xlsx."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from halfsky.formats.reports import find_soffice
from tests.bad_files import real_pdf

PDF = real_pdf()


def test_department_rates_a_measure_and_the_coordinator_generates_the_final_report(
        log_in: Any, menu: Any, tmp_path: Path, settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    page = log_in("coordinator")
    menu("报告", "报告")
    page.get_by_label("评估").select_option("final")
    page.get_by_role("button", name="启动评估").click()
    expect(page.locator("ul.messages")).to_contain_text("评估已启动")
    page.get_by_role("button", name="退出").click()

    page = log_in("health_reporter")
    menu("报告", "报告")
    page.get_by_role("link", name="终期评估 (2025)").click()
    row = page.locator("table.items tbody tr", has_text="县卫生健康和体育局").first
    row.get_by_role("link").click()
    page.get_by_label("落实情况").fill("测试：妇幼保健服务网络已覆盖全县。")
    page.get_by_label("自评结果").select_option("partly_implemented")
    page.get_by_role("button", name="保存自评").click()
    expect(page.locator("ul.messages")).to_contain_text("自评已保存")
    expect(page.locator("[data-field=self_rating]")).to_have_text("部分落实")
    evidence = tmp_path / "落实情况.pdf"
    evidence.write_bytes(PDF)
    page.get_by_label("佐证材料").set_input_files(str(evidence))
    page.get_by_role("button", name="上传文件").click()
    expect(page.locator("ul.messages")).to_contain_text("文件已上传")
    expect(page.locator("ul.evidence")).to_contain_text("落实情况.pdf")
    page.get_by_role("button", name="退出").click()

    page = log_in("coordinator")
    menu("报告", "报告")
    page.get_by_role("link", name="终期评估 (2025)").click()
    expect(page.locator("table.items").first).to_contain_text("部分落实")
    page.get_by_role("button", name="新建评估报告").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("终期评估报告")
    # generating (in the request, in tests) may take longer than a click's usual 30 s
    page.get_by_role("button", name="生成报告").click(timeout=180_000)
    expect(page.locator("ul.messages")).to_contain_text("报告已生成", timeout=180_000)
    downloads = {"docx": "下载Word（.docx）", "xlsx": "下载统计监测资料（.xlsx）"}
    pdf_wanted = find_soffice() is not None or os.environ.get("CI") == "true"
    if pdf_wanted:
        downloads["pdf"] = "下载PDF"
    for fmt, label in downloads.items():
        with page.expect_download() as info:
            page.get_by_role("link", name=label).click()
        path = tmp_path / f"report.{fmt}"
        info.value.save_as(path)
        assert path.read_bytes().startswith(b"%PDF-" if fmt == "pdf" else b"PK\x03\x04")
    if not pdf_wanted:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF download was not tried")
