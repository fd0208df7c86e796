"""Excel entry through the pages: download, fill, upload; every bad file is refused clearly."""

from __future__ import annotations

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from halfsky.formats.excel_layout import FIRST_ROW, LETTERS
from halfsky.web.values.models import Observation, Round, ValueStatus

YEAR = 2025


def open_round(login, year: int = YEAR) -> Round:
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    login("coordinator").post("/rounds/", {"year": year, "deadline": deadline.isoformat()})
    return Round.objects.get(year=year)


@pytest.fixture
def reporter(login):
    open_round(login)
    return login("health_reporter")


def download(client, department: str = "health", year: int = YEAR) -> bytes:
    response = client.get(f"/rounds/{year}/{department}/template.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return response.content


def data_sheet(book):
    return book["数据"]


def fill_cells(content: bytes, cells: dict[tuple[int, str], object]) -> bytes:
    """Put ``cells`` ((row offset, column id) → content) into the data sheet."""
    book = load_workbook(io.BytesIO(content))
    sheet = data_sheet(book)
    for (offset, column), value in cells.items():
        sheet[f"{LETTERS[column]}{FIRST_ROW + offset}"] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fill(content: bytes, values: dict[int, object]) -> bytes:
    """Put ``values`` (row offset → value) into the value column."""
    return fill_cells(content, {(offset, "value"): value for offset, value in values.items()})


def upload(client, content: bytes, name: str = "模板.xlsx", year: int = YEAR):
    return client.post(f"/rounds/{year}/health/upload/",
                       {"file": SimpleUploadedFile(name, content)})


def health_values() -> dict[str, Observation]:
    return {o.key: o for o in Observation.objects.filter(task__round__year=YEAR,
                                                         task__department__code="health")}


def first_plain_row(content: bytes) -> int:
    sheet = data_sheet(load_workbook(io.BytesIO(content)))
    row = FIRST_ROW
    while sheet[f"{LETTERS['unit']}{row}"].value != "岁":
        row += 1
    return row - FIRST_ROW


def test_the_template_is_in_chinese_with_the_task_rows(reporter) -> None:
    book = load_workbook(io.BytesIO(download(reporter)))
    names = [sheet.title for sheet in book.worksheets]
    assert "填报说明" in names or any("说明" in n for n in names)
    sheet = data_sheet(book)
    labels = {sheet.cell(FIRST_ROW + i, 3).value for i in range(len(health_values()))}
    assert "妇女人均预期寿命" in labels


def test_a_filled_template_becomes_a_draft_with_history(reporter) -> None:
    content = download(reporter)
    offset = first_plain_row(content)
    response = upload(reporter, fill(content, {offset: 78.2}))
    assert response.status_code == 302
    changed = [o for o in health_values().values() if o.value == 78.2]
    assert len(changed) == 1
    assert changed[0].status == ValueStatus.DRAFT
    assert list(changed[0].changes.values_list("action", flat=True)) == ["open", "upload"]


@pytest.mark.parametrize(("make_file", "message"), [
    (lambda good: b"PK\x03\x04 this is no workbook", "不是Excel工作簿"),
    (lambda good: good[: len(good) // 2], "不是Excel工作簿"),
    (lambda good: bytes(range(256)) * 100, "不是Excel工作簿"),
    (lambda good: fill(good, {0: "七十八"}), "“七十八”不是数字"),
    (lambda good: fill(good, {0: "=1+1"}), "不能使用公式"),
])
def test_bad_files_are_refused_and_change_nothing(reporter, make_file, message: str) -> None:
    before = {k: (o.value, o.version) for k, o in health_values().items()}
    response = upload(reporter, make_file(download(reporter)))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert {k: (o.value, o.version) for k, o in health_values().items()} == before


def test_a_changed_layout_is_refused(reporter) -> None:
    book = load_workbook(io.BytesIO(download(reporter)))
    data_sheet(book).delete_cols(3)
    out = io.BytesIO()
    book.save(out)
    response = upload(reporter, out.getvalue())
    assert response.status_code == 400
    assert "模板的行、列或表头被改动" in response.content.decode()


def test_another_departments_template_is_refused(login, reporter) -> None:
    other = download(login("education_reporter"), "education")
    response = upload(reporter, other)
    assert response.status_code == 400
    assert "属于其他成员单位" in response.content.decode()


def test_last_years_template_is_refused(login, reporter) -> None:
    open_round(login, 2024)
    old = download(reporter, year=2024)
    response = upload(reporter, old)
    assert response.status_code == 400
    assert "其他年度" in response.content.decode()


def test_a_30_mb_file_is_refused_by_its_size(reporter) -> None:
    response = upload(reporter, b"0" * 30_000_000)
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()


def test_a_zip_that_is_not_a_workbook_is_refused(reporter) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "你好")
    response = upload(reporter, buffer.getvalue())
    assert response.status_code == 400


def test_a_locked_value_cannot_be_changed_by_upload(reporter) -> None:
    content = download(reporter)
    offset = first_plain_row(content)
    value = next(o for o in health_values().values() if o.indicator.unit == "岁" and o.breakdown == "")
    Observation.objects.filter(pk=value.pk).update(status=ValueStatus.APPROVED)
    response = upload(reporter, fill(content, {offset: 70}))
    assert response.status_code == 400
    assert "已提交或已审核" in response.content.decode()


def test_another_department_cannot_download_or_upload(login, reporter) -> None:
    other = login("education_reporter")
    assert other.get(f"/rounds/{YEAR}/health/template.xlsx").status_code == 403
    assert upload(other, download(reporter)).status_code == 403


def fill_row(content: bytes, offset: int, **cells: object) -> bytes:
    """Put ``cells`` (column id → content) into one row of the data sheet."""
    return fill_cells(content, {(offset, column): value for column, value in cells.items()})


def test_a_negative_value_refuses_the_file_with_the_web_forms_message(reporter) -> None:
    content = download(reporter)
    offset = first_plain_row(content)
    before = {k: (o.value, o.version) for k, o in health_values().items()}
    response = upload(reporter, fill(content, {offset: -5, offset + 1: 78.0}))
    assert response.status_code == 400
    page = response.content.decode()
    assert f"数据!{LETTERS['value']}{FIRST_ROW + offset}" in page
    assert "数值-5低于允许的最小值0" in page
    assert "目标值" not in page.split("upload-problems")[1].split("</table>")[0]
    assert {k: (o.value, o.version) for k, o in health_values().items()} == before


def test_an_unusual_value_needs_the_rows_note_as_its_explanation(reporter) -> None:
    content = download(reporter)
    offset = first_plain_row(content)
    response = upload(reporter, fill(content, {offset: 0}))
    assert response.status_code == 400
    assert "数值0对此指标而言不寻常" in response.content.decode()
    assert not [o for o in health_values().values() if o.value == 0]
    explained = fill_row(content, offset, value=0, note="新设机构，尚无数据")
    assert upload(reporter, explained).status_code == 302
    stored = next(o for o in health_values().values() if o.value == 0)
    assert stored.explanation == "新设机构，尚无数据"


def test_a_usual_value_keeps_no_explanation_from_its_note(reporter) -> None:
    content = download(reporter)
    offset = first_plain_row(content)
    assert upload(reporter, fill_row(content, offset, value=78.4, note="卫健局年报")).status_code == 302
    stored = next(o for o in health_values().values() if o.value == 78.4)
    assert (stored.note, stored.explanation) == ("卫健局年报", "")
