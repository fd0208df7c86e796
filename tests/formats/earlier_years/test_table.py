"""Earlier years of Ji County (吉县) values from CSV and xlsx, and the files to refuse."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import Workbook

from halfsky.formats import earlier_years
from halfsky.formats.earlier_years import HistoryFile, HistoryRow, read_history

HEADER = "indicator,area,year,breakdown,value,numerator,denominator,source,note"
CSV = f"""{HEADER}
H03,141028,2020,,0,0,2105,妇幼卫生年报,
H03,141028,2020,urban_rural=rural,0,0,1380,妇幼卫生年报,
S01,141028,2021,sex=female,"5,120",,,县医保局,含灵活就业人员
E09,141028,2020,,10.2,,,第七次人口普查,"普查年度，
分性别数据另报"
"""


def problems(result: HistoryFile) -> list[tuple[str, str, dict[str, Any]]]:
    return [(p.code, p.where, dict(p.params)) for p in result.problems]


def xlsx(rows: list[list[Any]], title: str = "历史数据") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


EXPECTED = [
    HistoryRow(2, "H03", "141028", 2020, "", 0, 0, 2105, "妇幼卫生年报"),
    HistoryRow(3, "H03", "141028", 2020, "urban_rural=rural", 0, 0, 1380, "妇幼卫生年报"),
    HistoryRow(4, "S01", "141028", 2021, "sex=female", 5120, None, None, "县医保局", "含灵活就业人员"),
    HistoryRow(5, "E09", "141028", 2020, "", 10.2, None, None, "第七次人口普查",
               "普查年度，\n分性别数据另报"),
]  # fmt: skip


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_every_encoding_chinese_excel_writes(encoding: str) -> None:
    result = read_history(CSV.encode(encoding), "history.csv")
    assert result.ok and list(result.rows) == EXPECTED


def test_csv_with_crlf_tabs_and_columns_in_another_order() -> None:
    text = ("Year\tIndicator\tArea\tBreakdown\tValue\tNumerator\tDenominator\tSource\tNote\tExtra\r\n"
            "2020\tH01\t141028\t\t77.9\t\t\t统计年鉴\t\tx\r\n")  # fmt: skip
    result = read_history(text.encode("gb18030"), "history.txt")
    assert result.rows == [HistoryRow(2, "H01", "141028", 2020, "", 77.9, source="统计年鉴")]


def test_xlsx() -> None:
    data = xlsx([HEADER.split(","),
                 ["H03", 141028, 2020, None, 0, 0, 2105, "妇幼卫生年报", None],
                 [None] * 9,
                 ["S01", "141028", "2021", "sex=female", "5,120", None, None, "县医保局", "含灵活就业人员"]])
    result = read_history(data, "history.xlsx")
    assert result.ok and result.sheet == "历史数据"
    assert result.rows == [
        HistoryRow(2, "H03", "141028", 2020, "", 0, 0, 2105, "妇幼卫生年报"),
        HistoryRow(4, "S01", "141028", 2021, "sex=female", 5120, None, None, "县医保局", "含灵活就业人员"),
    ]  # fmt: skip


def test_file_kind_comes_from_content() -> None:
    data = xlsx([HEADER.split(","), ["H01", "141028", 2020, "", 77.9, None, None, "年鉴", ""]])
    assert read_history(data, "history.csv").rows[0].value == 77.9


# --------------------------------------------------------------------------
# Refused


def test_too_large_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("a file over the limit must not be parsed")

    monkeypatch.setattr(earlier_years, "read_csv", never)
    monkeypatch.setattr(earlier_years, "read_xlsx", never)
    big = (CSV * 200_000).encode()[: 30 * 1024 * 1024]
    assert problems(read_history(big, "h.csv", max_bytes=10_000_000)) == [
        ("history.too_large", "", {"size": 31457280, "limit": 10_000_000})]


@pytest.mark.parametrize("data", [b"", b"  \n", HEADER.encode(), (HEADER + "\n,,,,,,,,\n").encode()])
def test_empty(data: bytes) -> None:
    assert [p.code for p in read_history(data, "h.csv").problems] == ["history.empty"]


def test_empty_sheet() -> None:
    assert problems(read_history(xlsx([]), "h.xlsx")) == [("history.empty", "历史数据", {})]


@pytest.mark.parametrize("data", [
    "indicator,area\n".encode("utf-16"),  # Excel's "Unicode text"
    bytes(range(256)) * 8,  # binary
    b"\x81\x30\x81",  # neither UTF-8 nor GB18030
])  # fmt: skip
def test_bad_encoding(data: bytes) -> None:
    assert [p.code for p in read_history(data, "h.csv").problems] == ["history.bad_encoding"]


def test_missing_columns() -> None:
    result = read_history(b"indicator,year,note\nH01,2020,x\n", "h.csv")
    assert problems(result) == [("history.missing_columns", "1", {
        "missing": "area, value", "expected": "indicator, area, year, value",
    })]


def test_optional_columns_may_be_absent() -> None:
    result = read_history(b"indicator,area,year,breakdown,value\nH01,141028,2020,,77.9\n",
                          "h.csv")
    assert result.ok and len(result.rows) == 1
    row = result.rows[0]
    assert (row.indicator, row.area, row.year, row.value, row.numerator, row.source) == (
        "H01", "141028", 2020, 77.9, None, "")


def test_a_rate_from_numerator_and_denominator_needs_no_value_column() -> None:
    result = read_history(b"indicator,area,year,numerator,denominator\nH05,141028,2020,3,700\n",
                          "h.csv")
    assert result.ok and (result.rows[0].numerator, result.rows[0].denominator) == (3, 700)


def test_chinese_headers_and_breakdown_words_are_read() -> None:
    text = ("指标编码,地区代码,年份,性别,数值,分子,分母,来源,备注\n"
            "H01,141028,2020,女,77.9,,,统计年鉴,\n"
            "H01,141028,2020,合计,77.0,,,统计年鉴,说明\n")
    result = read_history(text.encode("gb18030"), "历史数据.csv")
    assert result.ok, result.problems
    assert result.encoding == "gb18030"
    assert [(r.breakdown, r.value, r.source) for r in result.rows] == [
        ("sex=female", 77.9, "统计年鉴"), ("", 77.0, "统计年鉴")]
    five = "指标,地区,年份,分组,数值\nH01,141028,2021,,78\n".encode()
    assert read_history(five, "h.csv").ok


def test_gb18030_bytes_that_are_also_valid_utf8_are_read_as_gb18030() -> None:
    # GB18030 characters whose bytes happen to form valid UTF-8 (read as UTF-8 they are
    # gibberish such as "䴱굽∻"): the content decides, not the order of the tries.
    note = "浯标到鈭会备韷测报閬规到"
    data = ("indicator,area,year,breakdown,value,numerator,denominator,source,note\n"
            f"H01,141028,2019,,77.1,,,NBS,{note}\n").encode("gb18030")
    data.decode("utf-8")  # valid UTF-8 too
    result = read_history(data, "h.csv")
    assert result.ok and result.encoding == "gb18030" and result.rows[0].note == note
    utf8 = read_history(("indicator,area,year,value,note\nH01,141028,2019,77.1,"
                         "妇女发展规划\n").encode(), "h.csv")
    assert utf8.encoding == "utf-8" and utf8.rows[0].note == "妇女发展规划"


def test_old_xls_and_broken_xlsx() -> None:
    assert [p.code for p in read_history(b"\xd0\xcf\x11\xe0" + bytes(600), "h.xls").problems] == [
        "history.not_xlsx"]
    data = xlsx([HEADER.split(",")])
    assert [p.code for p in read_history(data[:-100], "h.xlsx").problems] == ["history.corrupt"]


def test_problems_by_line() -> None:
    text = f"""{HEADER}
H03,141028,2020,,约0.5,,,年报,
H03,141028,二〇二〇,,0,,,年报,
H03,141028,1900,,0,,,年报,
H03,141028,2020.5,,0,,,年报,
,141028,2021,,0,,,年报,
H03,141028,2021,,=1+1,,,年报,
H04,141028,2021,,95,,,年报,
H04,141028,2021,,96,,,年报,
"""
    result = read_history(text.encode(), "h.csv")
    assert problems(result) == [
        ("history.not_a_number", "2", {"column": "value", "value": "约0.5"}),
        ("history.bad_year", "3", {"value": "二〇二〇"}),
        ("history.bad_year", "4", {"value": "1900"}),
        ("history.bad_year", "5", {"value": "2020.5"}),
        ("history.missing_field", "6", {"column": "indicator"}),
        ("history.formula", "7", {"column": "value", "formula": "=1+1"}),
        ("history.duplicate_row", "9", {"first": "8"}),
    ]
    assert [row.line for row in result.rows] == [8]


def test_problems_by_cell() -> None:
    data = xlsx([HEADER.split(","),
                 ["H03", "141028", 2020, None, "=1/0", None, None, "年报", None],
                 ["H03", "141028", 2020, None, "abc", None, None, "年报", None],
                 ["H04", "141028", 2020, "", 95, None, None, "年报", None],
                 ["H04", "141028", 2020, None, 96, None, None, "年报", None]], title="Sheet1")
    assert problems(read_history(data, "h.xlsx")) == [
        ("history.formula", "Sheet1!E2", {"column": "value", "formula": "=1/0"}),
        ("history.not_a_number", "Sheet1!E3", {"column": "value", "value": "abc"}),
        ("history.duplicate_row", "Sheet1!A5", {"first": "A4"}),
    ]


def test_crossed_breakdowns_are_read_canonically_from_one_column_or_one_per_dimension() -> None:
    text = ("indicator,area,year,breakdown,value,numerator,denominator,source,note\n"
            "E08,141028,2020,urban_rural=rural;sex=female,60.5,,,,\n"
            "E08,141028,2020, sex=male ; urban_rural=urban ,80.5,,,,\n")
    assert [r.breakdown for r in read_history(text.encode()).rows] == [
        "sex=female;urban_rural=rural", "sex=male;urban_rural=urban"]
    columns = ("indicator,area,year,Sex,urban_rural,age_band,value,numerator,denominator,"
               "source,note\n"
               "E08,141028,2020,female,rural,,60.5,,,,\n"
               "E08,141028,2020,,,15-49,1.5,,,,\n"
               "E08,141028,2020,,,,70.0,,,,\n")
    result = read_history(columns.encode())
    assert result.problems == []
    assert [r.breakdown for r in result.rows] == ["sex=female;urban_rural=rural",
                                                 "age_band=15-49", ""]


def test_a_breakdown_that_cannot_be_read_is_a_problem_of_its_row() -> None:
    text = (f"{HEADER},sex\n"
            "E08,141028,2020,sex=female;sex=male,60.5,,,,,\n"
            "E08,141028,2020,sex=female,60.5,,,,,male\n"
            "E08,141028,2020,sex=female;colour=red,60.5,,,,,\n")
    result = read_history(text.encode())
    assert result.rows == []
    assert [(p.code, p.line) for p in result.problems] == [
        ("breakdown.repeated_dimension", 2), ("breakdown.repeated_dimension", 3),
        ("breakdown.unknown_dimension", 4)]
