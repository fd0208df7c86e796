"""SDMX-CSV 2.0 and SDMX-JSON 2.0 files read as history files: rows, or problems with sdmx codes."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from halfsky.formats.earlier_years import HistoryRow, read_history
from halfsky.formats.earlier_years.sdmx import sdmx_kind
from halfsky.formats.sdmx import ObservationStatus, SdmxObservation, write_sdmx_csv, write_sdmx_json

OBSERVATIONS = [
    SdmxObservation("H03", "141028", 2023, "", 12.5, 1.0, 8000.0, "1/10万",
                    source="妇幼卫生年报", comment='县妇幼保健院，"复核"后上报', provenance="x"),
    SdmxObservation("H03", "141028", 2023, "urban_rural=rural", 20.0, 1.0, 5000.0, "1/10万",
                    status=ObservationStatus.PROVISIONAL, comment="第一行\n第二行"),
    SdmxObservation("H07", "141028", 2022, "age_band=15-49", None, None, None, "‰",
                    status=ObservationStatus.NOT_APPLICABLE),
    SdmxObservation("E03", "141028-S01", 2024, "sex=female;urban_rural=urban", 96.25, 1925.0,
                    2000.0, "%", source="教育统计"),
]  # fmt: skip
EXPECTED = [
    (o.indicator, o.area, o.year, o.breakdown, o.value, o.numerator, o.denominator, o.source,
     o.comment)
    for o in OBSERVATIONS
]  # fmt: skip


def csv_bytes() -> bytes:
    return write_sdmx_csv(OBSERVATIONS).encode("utf-8")


def json_bytes() -> bytes:
    text = write_sdmx_json(OBSERVATIONS, message_id="M", prepared=datetime(2025, 1, 1, tzinfo=UTC))
    return text.encode("utf-8")


def fields(row: HistoryRow) -> tuple[object, ...]:
    return (row.indicator, row.area, row.year, row.breakdown, row.value, row.numerator,
            row.denominator, row.source, row.note)  # fmt: skip


@pytest.mark.parametrize("make", [csv_bytes, json_bytes], ids=["csv", "json"])
def test_every_field_is_read(make: object) -> None:
    assert callable(make)
    parsed = read_history(make(), "whatever.txt")
    assert parsed.ok, parsed.problems
    assert [fields(row) for row in parsed.rows] == EXPECTED
    assert [row.flag for row in parsed.rows] == ["", "provisional", "not_applicable", ""]


def test_a_bom_and_the_csv_lines() -> None:
    parsed = read_history(b"\xef\xbb\xbf" + csv_bytes())
    assert parsed.ok
    # the second observation's comment holds a line break: the third starts a line later
    assert [row.line for row in parsed.rows] == [2, 3, 5, 6]


def test_json_rows_are_numbered() -> None:
    assert [row.line for row in read_history(json_bytes()).rows] == [1, 2, 3, 4]


def test_the_kind_is_known_by_content() -> None:
    assert sdmx_kind(csv_bytes()) == "csv"
    assert sdmx_kind(b"\xef\xbb\xbf" + csv_bytes()) == "csv"
    assert sdmx_kind(json_bytes()) == "json"
    assert sdmx_kind(b"  \n{}") == "json"
    assert sdmx_kind(b"indicator,area,year,breakdown,value,numerator,denominator,source,note\n") \
        is None
    assert sdmx_kind(b"STRUCTURE,OTHER\n") is None


def test_an_ordinary_history_csv_is_still_read() -> None:
    text = "indicator,area,year,breakdown,value,numerator,denominator,source,note\n" \
           "H03,141028,2020,,12.5,1,8000,年报,\n"
    parsed = read_history(text.encode("utf-8"))
    assert parsed.ok and parsed.rows[0].value == 12.5


def test_a_csv_cut_in_half() -> None:
    data = csv_bytes()
    parsed = read_history(data[: len(data) // 2])
    assert not parsed.rows
    (problem,) = parsed.problems
    assert problem.code in {"sdmx.bad_row", "sdmx.not_sdmx"}
    assert problem.line >= 2


def test_a_json_cut_in_half() -> None:
    data = json_bytes()
    parsed = read_history(data[: len(data) // 2])
    assert not parsed.rows
    assert [p.code for p in parsed.problems] == ["sdmx.not_sdmx"]


def test_a_foreign_csv() -> None:
    text = "STRUCTURE,STRUCTURE_ID,ACTION,FREQ,REF_AREA,TIME_PERIOD,OBS_VALUE\n" \
           "dataflow,ESTAT:NAMA_10_GDP(1.0),I,A,DE,2023,4.1\n"
    (problem,) = read_history(text.encode("utf-8")).problems
    assert problem.code == "sdmx.foreign_structure"
    assert problem.line == 2 and problem.params["structure_id"] == "ESTAT:NAMA_10_GDP(1.0)"


def test_an_unknown_dimension() -> None:
    header, *rows = write_sdmx_csv(OBSERVATIONS[:1]).split("\r\n")
    text = "\r\n".join([header + ",FREQ", rows[0] + ",A"])
    (problem,) = read_history(text.encode("utf-8")).problems
    assert (problem.code, problem.line, problem.params["column"]) == \
        ("sdmx.unknown_dimension", 1, "FREQ")


def test_a_json_problem_is_placed_at_its_path() -> None:
    message = json.loads(json_bytes())
    dimension = message["data"]["structures"][0]["dimensions"]["observation"][1]
    dimension["id"] = "COUNTRY"
    (problem,) = read_history(json.dumps(message).encode("utf-8")).problems
    assert problem.code == "sdmx.unknown_dimension"
    assert problem.where == "/data/structures/0/dimensions/observation/1"
    assert problem.params["column"] == "COUNTRY"


def test_sdmx_json_1_is_refused() -> None:
    data = json.dumps({"header": {}, "dataSets": [], "structure": {}}).encode("utf-8")
    (problem,) = read_history(data).problems
    assert (problem.code, problem.params["version"]) == ("sdmx.unsupported_version", "1.0")


def test_an_sdmx_file_without_observations_is_empty() -> None:
    parsed = read_history(write_sdmx_csv([]).encode("utf-8"))
    assert [p.code for p in parsed.problems] == ["history.empty"]


def test_gb18030_sdmx_is_refused() -> None:
    (problem,) = read_history(write_sdmx_csv(OBSERVATIONS).encode("gb18030")).problems
    assert problem.code == "sdmx.bad_encoding"


def test_a_json_nested_deeper_than_the_limit_is_refused_not_a_recursion_error() -> None:
    deep = b'{"meta": {}, "data": {"dataSets": ' + b"[" * 50_000 + b"]" * 50_000 + b"}}"
    [problem] = read_history(deep, "history.json").problems
    assert (problem.code, problem.params) == ("sdmx.too_deep", {"depth": 64})
