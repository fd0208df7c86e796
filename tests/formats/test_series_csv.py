"""The series CSV of ``halfsky assess-series``: reading, checking, writing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from halfsky.domain.assessment import assess
from halfsky.formats.series_csv import (
    OUTPUT_COLUMNS,
    SeriesFileError,
    parse_series_csv,
    read_series_csv,
    write_assessment_csv,
)

GOOD = """series,year,value,direction,target,target_year,base_year,limit,numerator,denominator,per
mortality,2021,,lower,12.5,2025,2020,,0,700,100000
mortality,2022,,,,,,,1,700,
mortality,2023,,lower,12.5,2025,2020,,0,700,100000
school,2020,90,higher,95,2025,2020,100,,,
school,2023,96,higher,,,,,,,
"""


def parse(text: str, method: str = "china") -> object:
    return parse_series_csv(text.splitlines(), method)


def test_reads_series_and_their_settings() -> None:
    table = parse_series_csv(GOOD.splitlines())
    assert table.names == ["mortality", "school"]
    assert table.settings.direction.tolist() == [-1, 1]
    assert table.settings.goal.tolist() == [12.5, 95.0]
    assert table.settings.per[0] == 100000 and table.settings.limit[1] == 100
    assert table.observations.numerator is not None
    assert table.observations.series.tolist() == [0, 0, 0, 1, 1]


def test_writes_one_row_per_series() -> None:
    table = parse_series_csv(GOOD.splitlines())
    out = io.StringIO()
    write_assessment_csv(out, table.names, assess(table.observations, table.settings))
    lines = out.getvalue().splitlines()
    assert lines[0] == ",".join(OUTPUT_COLUMNS)
    mortality = dict(zip(OUTPUT_COLUMNS, lines[1].split(","), strict=True))
    assert mortality["status"] == "insufficient_evidence"
    assert mortality["warnings"] == "small_numbers"
    assert mortality["interval_high"].startswith("526.98")
    school = dict(zip(OUTPUT_COLUMNS, lines[2].split(","), strict=True))
    assert (school["status"], school["progress"], school["score"]) == ("met", "2", "")
    assert (school["baseline_year"], school["latest_value"]) == ("2020", "96")


@pytest.mark.parametrize(("text", "code", "line"), [
    ("series,year,direction\nA,2020,higher\n", "series_csv.missing_columns", 1),
    ("series,year,value,direction,colour\n", "series_csv.unknown_column", 1),
    ("series,year,value,direction\nA,2020,x,higher\n", "series_csv.not_a_number", 2),
    ("series,year,value,direction\nA,2020,1,higher\nA,20.5,1,higher\n",
     "series_csv.not_an_integer", 3),
    ("series,year,value,direction\nA,2020,nan,higher\n", "series_csv.not_a_number", 2),
    ("series,year,value,direction\n,2020,1,higher\n", "series_csv.missing_value", 2),
    ("series,year,value,direction\nA,2020,1,up\n", "series_csv.bad_direction", 2),
    ("series,year,value,direction\nA,2020,1,higher\nA,2021,1,lower\n",
     "series_csv.conflicting_setting", 3),
    ("series,year,value,direction,target\nA,2020,1,higher,5\nA,2021,1,higher,6\n",
     "series_csv.conflicting_setting", 3),
    ("series,year,value,direction\nA,2020,1,higher\nA,2020,2,higher\n",
     "series_csv.duplicate_year", 3),
    ("series,year,value,direction\nA,2020,1,\nA,2021,1,\n", "series_csv.missing_direction", 2),
    ("series,year,value,direction,numerator\nA,2020,,higher,3\n", "series_csv.bad_counts", 2),
    ("series,year,value,direction,numerator,denominator\nA,2020,,higher,3,700\n",
     "series_csv.missing_per", 2),
    ("series,year,value,direction,numerator,denominator,per\nA,2020,,higher,3,0,100\n",
     "series_csv.bad_counts", 2),
])
def test_bad_input_names_the_line(text: str, code: str, line: int) -> None:
    with pytest.raises(SeriesFileError) as error:
        parse(text)
    assert (error.value.code, error.value.line) == (code, line)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SeriesFileError, match="not_found"):
        read_series_csv(tmp_path / "nothing.csv")


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("series,year,value,direction\n孕产妇,2020,1,higher\n".encode("gbk"))
    with pytest.raises(SeriesFileError, match="not_utf8"):
        read_series_csv(path)
