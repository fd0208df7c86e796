"""Uploaded templates that must be refused, each with its own problem and place."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from halfsky.formats import excel_upload
from halfsky.formats.excel_layout import META_SHEET
from halfsky.formats.excel_template import (
    TemplateIdentity,
    TemplateSpec,
    TemplateUpload,
    read_template,
    write_template,
)


def edit(data: bytes, change: Callable[[Any], None]) -> bytes:
    """Open a workbook with openpyxl, change it as a person would in Excel, save it."""
    workbook = load_workbook(io.BytesIO(data))
    change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet(workbook: Any) -> Worksheet:
    found = workbook["数据"]
    assert isinstance(found, Worksheet)
    return found


def problems(upload: TemplateUpload) -> list[tuple[str, str, dict[str, Any]]]:
    return [(p.code, p.where, dict(p.params)) for p in upload.problems]


@pytest.fixture
def template(spec: TemplateSpec, zh_labels: Mapping[str, str]) -> bytes:
    return write_template(spec, zh_labels)


@pytest.fixture
def upload(template: bytes, identity: TemplateIdentity) -> Callable[..., TemplateUpload]:
    """``upload(change)``: the template changed by ``change(workbook)``, read back."""
    def read(change: Callable[[Any], None]) -> TemplateUpload:
        return read_template(edit(template, change), identity)
    return read


def cells(values: Mapping[str, Any]) -> Callable[[Any], None]:
    def change(workbook: Any) -> None:
        for ref, value in values.items():
            sheet(workbook)[ref] = value
    return change


# --------------------------------------------------------------------------
# Not a template at all


def test_too_large_is_refused_before_parsing(identity: TemplateIdentity,
                                             monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    def never(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a file over the limit must not be opened")

    monkeypatch.setattr(excel_upload, "open_xlsx", never)
    thirty_mb = b"PK\x03\x04" + bytes(30 * 1024 * 1024)
    result = read_template(thirty_mb, identity)
    assert problems(result) == [("excel.too_large", "", {"size": 31457284, "limit": 10_000_000})]
    assert result.rows == {} and not result.ok


def test_zip_that_unpacks_too_large(template: bytes, identity: TemplateIdentity) -> None:
    result = read_template(template, identity, max_unpacked=5_000)
    assert [p.code for p in result.problems] == ["excel.too_large"]
    assert result.problems[0].params["unpacked"] == 1


@pytest.mark.parametrize("data", [
    b"",
    bytes(range(256)) * 40,  # random binary
    b"indicator,area,year\nH03,141028,2025\n",  # a CSV
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000),  # an old .xls or an encrypted workbook
])  # fmt: skip
def test_not_an_xlsx_file(data: bytes, identity: TemplateIdentity) -> None:
    assert problems(read_template(data, identity)) == [("excel.not_xlsx", "", {})]


def test_a_zip_without_a_workbook(identity: TemplateIdentity) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("[Content_Types].xml", "<Types/>")
    assert problems(read_template(buffer.getvalue(), identity)) == [("excel.not_xlsx", "", {})]


@pytest.mark.parametrize("damage", ["truncate", "flip", "bad_xml"])
def test_corrupted_zip(template: bytes, identity: TemplateIdentity, damage: str) -> None:
    if damage == "truncate":
        data = template[: len(template) // 2]
    elif damage == "flip":  # bytes changed inside the compressed data sheet
        data = bytearray(template)
        offset = template.index(b"xl/worksheets/sheet2.xml") + 200
        data[offset:offset + 64] = bytes(64)
        data = bytes(data)
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(template)) as source, \
                zipfile.ZipFile(buffer, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet2.xml":
                    content = content[:-40]  # an unclosed element
                target.writestr(item, content)
        data = buffer.getvalue()
    result = read_template(data, identity)
    assert [p.code for p in result.problems] == ["excel.corrupt"]
    assert result.rows == {}


def test_missing_metadata(template: bytes, identity: TemplateIdentity) -> None:
    assert problems(read_template(edit(template, lambda wb: wb.remove(wb[META_SHEET])),
                                  identity)) == [("excel.missing_metadata", "", {})]
    plain = Workbook()
    buffer = io.BytesIO()
    plain.save(buffer)
    assert problems(read_template(buffer.getvalue(), identity)) == [
        ("excel.missing_metadata", "", {})]


# --------------------------------------------------------------------------
# Another template


def test_another_departments_template(spec_with: Callable[..., TemplateSpec],
                                      identity: TemplateIdentity) -> None:  # fmt: skip
    other = write_template(spec_with(department_code="education", department_name="县教育局"))
    assert problems(read_template(other, identity)) == [
        ("excel.wrong_department", "", {"expected": "health", "found": "education"})]


def test_last_years_template(spec_with: Callable[..., TemplateSpec],
                             identity: TemplateIdentity) -> None:  # fmt: skip
    last_year = write_template(spec_with(round_id="round-2024", data_year=2024))
    result = read_template(last_year, identity)
    assert problems(result) == [("excel.wrong_round", "", {
        "expected": "round-2025", "found": "round-2024", "found_year": 2024})]
    assert result.rows == {}


def test_another_template_version(spec_with: Callable[..., TemplateSpec],
                                  identity: TemplateIdentity) -> None:  # fmt: skip
    newer = write_template(spec_with(template_version=2))
    assert problems(read_template(newer, identity)) == [
        ("excel.wrong_version", "", {"expected": 1, "found": 2})]


def test_outdated_template(template: bytes, spec: TemplateSpec) -> None:
    keys = [row.key for row in spec.rows]
    current = TemplateIdentity("round-2025", "health", row_keys=[*keys, "H05|141028|2025|"])
    assert problems(read_template(template, current)) == [
        ("excel.outdated", "", {"expected_rows": 6, "found_rows": 5})]
    assert read_template(template, TemplateIdentity("round-2025", "health", row_keys=keys)).ok


# --------------------------------------------------------------------------
# Changed layout


def test_deleted_row(upload: Callable[..., TemplateUpload]) -> None:
    result = upload(lambda wb: sheet(wb).delete_rows(4))
    assert problems(result) == [("excel.layout_changed", "数据!A4",
                                 {"reason": "rows", "expected_rows": 5, "found_rows": 4})]


def test_moved_rows(upload: Callable[..., TemplateUpload]) -> None:
    def swap(workbook: Any) -> None:
        data = sheet(workbook)
        third = [cell.value for cell in data[3]]
        for cell, value in zip(data[3], [cell.value for cell in data[4]], strict=True):
            cell.value = value
        for cell, value in zip(data[4], third, strict=True):
            cell.value = value

    assert [(p.code, p.where, p.params["reason"]) for p in upload(swap).problems] == [
        ("excel.layout_changed", "数据!A3", "rows")]


def test_moved_column(upload: Callable[..., TemplateUpload]) -> None:
    def move(workbook: Any) -> None:  # value and numerator swapped, headers and all
        data = sheet(workbook)
        for row in range(2, 8):
            data[f"L{row}"].value, data[f"M{row}"].value = data[f"M{row}"].value, data[f"L{row}"].value

    assert problems(upload(move)) == [("excel.layout_changed", "数据!L2", {
        "reason": "header", "expected": "本年数值", "found": "分子"})]


def test_inserted_column(upload: Callable[..., TemplateUpload]) -> None:
    result = upload(lambda wb: sheet(wb).insert_cols(5))
    assert problems(result)[0] == ("excel.layout_changed", "数据!E2", {
        "reason": "header", "expected": "地区", "found": ""})


def test_edited_header(upload: Callable[..., TemplateUpload]) -> None:
    assert problems(upload(cells({"L2": "本年数值（万人）"}))) == [("excel.layout_changed", "数据!L2", {
        "reason": "header", "expected": "本年数值", "found": "本年数值（万人）"})]


def test_added_column_after_the_last(upload: Callable[..., TemplateUpload]) -> None:
    assert problems(upload(cells({"Q2": "说明"})))[0][:2] == ("excel.layout_changed", "数据!Q2")


def test_added_row_without_a_key(upload: Callable[..., TemplateUpload]) -> None:
    assert problems(upload(cells({"B8": "H05", "L8": 12}))) == [
        ("excel.layout_changed", "数据!A8", {"reason": "row_added"})]


def test_renamed_data_sheet(upload: Callable[..., TemplateUpload]) -> None:
    def rename(workbook: Any) -> None:
        sheet(workbook).title = "Sheet1"

    assert problems(upload(rename)) == [("excel.layout_changed", "数据", {"reason": "sheet_missing"})]


def test_edited_metadata(upload: Callable[..., TemplateUpload]) -> None:
    def tamper(workbook: Any) -> None:
        workbook[META_SHEET]["A13"] = "H99|141028|2025|"

    assert problems(upload(tamper)) == [("excel.layout_changed", "", {"reason": "checksum"})]


def test_duplicate_row(upload: Callable[..., TemplateUpload]) -> None:
    def copy_row(workbook: Any) -> None:
        data = sheet(workbook)
        for cell in data[6]:
            data.cell(row=8, column=cell.column, value=cell.value)
        data["L8"] = 99

    result = upload(copy_row)
    assert problems(result) == [("excel.duplicate_row", "数据!B8", {
        "key": "S01|141028|2025|sex=female", "first_row": 6})]
    assert result.rows["S01|141028|2025|sex=female"].row == 6


# --------------------------------------------------------------------------
# Cells


def test_formulas_are_refused_never_evaluated(upload: Callable[..., TemplateUpload]) -> None:
    result = upload(cells({"L3": "=M3/N3*100000", "P4": "=HYPERLINK(\"http://x\")",
                           "C5": "=A1", "B1": "=NOW()"}))  # fmt: skip
    assert sorted(problems(result)) == sorted([
        ("excel.formula", "数据!L3", {"formula": "=M3/N3*100000"}),
        ("excel.formula", "数据!P4", {"formula": '=HYPERLINK("http://x")'}),
        ("excel.formula", "数据!C5", {"formula": "=A1"}),
        ("excel.formula", "数据!B1", {"formula": "=NOW()"}),
    ])


def test_text_that_looks_like_a_formula(upload: Callable[..., TemplateUpload]) -> None:
    def typed_as_text(workbook: Any) -> None:
        cell = sheet(workbook)["L6"]
        cell.value = "=5000+321"
        cell.data_type = "s"

    assert problems(upload(typed_as_text)) == [("excel.formula", "数据!L6", {"formula": "=5000+321"})]


@pytest.mark.parametrize(("typed", "read"), [
    ("12.5", 12.5), (" 1,205 ", 1205.0), ("１２．５", 12.5), ("-3", -3.0), (12, 12.0),
])  # fmt: skip
def test_numbers_stored_as_text_are_accepted(upload: Callable[..., TemplateUpload],
                                             typed: Any, read: float) -> None:  # fmt: skip
    result = upload(cells({"L6": typed}))
    assert result.ok and result.rows["S01|141028|2025|sex=female"].value == read


@pytest.mark.parametrize("typed", ["约12", "12人", "-", "—", "无", "1.2.3", "nan", True,
                                   datetime(2025, 3, 5)])
def test_text_in_number_cells(upload: Callable[..., TemplateUpload], typed: Any) -> None:
    result = upload(cells({"N3": typed}))
    assert [(p.code, p.where, p.params["column"]) for p in result.problems] == [
        ("excel.not_a_number", "数据!N3", "denominator")]


def test_percent_formatted_cells(upload: Callable[..., TemplateUpload]) -> None:
    def typed_with_percent(workbook: Any) -> None:  # what Excel stores for "94.1%"
        data = sheet(workbook)
        data["L5"], data["L5"].number_format = 0.941, "0.0%"
        data["L4"] = "12.5%"  # on a 1/10万 row a percentage is a mistake

    result = upload(typed_with_percent)
    assert result.rows["H04|141028|2025|"].value == 94.1
    assert problems(result) == [("excel.not_a_number", "数据!L4",
                                 {"value": "12.5%", "column": "value"})]
    assert upload(cells({"L5": "94.1 %"})).rows["H04|141028|2025|"].value == 94.1


def test_flags(upload: Callable[..., TemplateUpload]) -> None:
    result = upload(cells({"O3": "估计数", "O4": "not_applicable", "O6": "暂缺"}))
    assert result.rows["H03|141028|2025|"].flag == "estimated"
    assert result.rows["H03|141028|2025|urban_rural=urban"].flag == "not_applicable"
    assert problems(result) == [("excel.bad_flag", "数据!O6", {
        "value": "暂缺", "allowed": "初步数 / 估计数 / 不适用"})]


def test_every_problem_is_listed(upload: Callable[..., TemplateUpload]) -> None:
    result = upload(cells({"L3": "=1", "N4": "abc", "O5": "?"}))
    assert [p.code for p in result.problems] == ["excel.formula", "excel.not_a_number",
                                                 "excel.bad_flag"]
