"""Numbers as people type them into spreadsheets and CSV files; problem places."""

from __future__ import annotations

import pytest

from halfsky.formats.uploads import (
    FileProblem,
    NotANumber,
    UnreadableFile,
    cell_number,
    cell_text,
    check_size,
    parse_number_text,
)


@pytest.mark.parametrize(("text", "number"), [
    ("12.5", 12.5), (" 12.5 ", 12.5), ("0", 0.0), ("-3", -3.0), ("+7", 7.0), (".5", 0.5),
    ("1,234", 1234.0), ("1,234,567.25", 1234567.25), ("１２．５", 12.5), ("１，２３４", 1234.0),
    ("12\u3000", 12.0), ("1 234", 1234.0),
])  # fmt: skip
def test_numbers_typed_as_text(text: str, number: float) -> None:
    assert parse_number_text(text) == (number, False)


@pytest.mark.parametrize("text", ["约12", "12人", "-", "—", "/", "无", "1.2.3", "1,23", "12,34.5",
                                  "nan", "inf", "1e3", "12%", "0x10", "二十"])
def test_not_numbers(text: str) -> None:
    with pytest.raises(NotANumber) as error:
        parse_number_text(text)
    assert error.value.text == text.strip()


def test_empty_text_is_no_number() -> None:
    assert parse_number_text("") is None and parse_number_text(" \u3000") is None


def test_percent_only_where_allowed() -> None:
    assert parse_number_text("12.5%", allow_percent=True) == (12.5, True)
    assert parse_number_text("12.5％", allow_percent=True) == (12.5, True)
    assert parse_number_text("12.5", allow_percent=True) == (12.5, False)


def test_cells() -> None:
    assert cell_number(12.0, "number") == 12.0
    assert cell_number("12", "text") == 12.0
    assert cell_number(" ", "text") is None
    for value, kind in ((True, "bool"), ("#DIV/0!", "error"), (45720.0, "date")):
        with pytest.raises(NotANumber):
            cell_number(value, kind)
    assert [cell_text(v) for v in (None, 2020.0, 12.5, True, " 吉县 ")] == [
        "", "2020", "12.5", "TRUE", "吉县"]


def test_where() -> None:
    assert FileProblem("excel.formula", "数据", "D7").where == "数据!D7"
    assert FileProblem("excel.layout_changed", "数据").where == "数据"
    assert FileProblem("history.bad_year", line=5).where == "5"
    assert FileProblem("excel.corrupt").where == ""


def test_size_check() -> None:
    check_size(b"x" * 10, 10, "excel.too_large")
    with pytest.raises(UnreadableFile) as error:
        check_size(b"x" * 11, 10, "excel.too_large")
    assert (error.value.code, error.value.params) == ("excel.too_large", {"size": 11, "limit": 10})
