"""Malformed, foreign and unwritable SDMX: a typed error with a message code, never a result."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

from halfsky.formats.sdmx import (
    SdmxError,
    SdmxObservation,
    read_sdmx_csv,
    read_sdmx_json,
    write_sdmx_csv,
    write_sdmx_json,
)

GOOD = [
    SdmxObservation("H03", "141028", 2023, "", 12.5, 1.0, 8000.0, "1/10万", comment="好"),
    SdmxObservation("H03", "141028", 2023, "urban_rural=rural", 20.0, 1.0, 5000.0, "1/10万"),
    SdmxObservation("H07", "141028", 2022, "age_band=15-49", 3.2, 32.0, 10000.0, "‰"),
]
CSV = write_sdmx_csv(GOOD)
HEADER, *ROWS = CSV.rstrip("\r\n").split("\r\n")


def json_message() -> dict[str, Any]:
    text = write_sdmx_json(GOOD, message_id="M1", prepared=datetime(2025, 1, 1, tzinfo=UTC))
    message: dict[str, Any] = json.loads(text)
    return message


def code_of(read: Callable[[str], object], text: str) -> tuple[str, dict[str, object]]:
    with pytest.raises(SdmxError) as caught:
        read(text)
    return caught.value.code, caught.value.params


def csv_with(header: str = HEADER, rows: list[str] | None = None) -> str:
    return "\r\n".join([header, *(ROWS if rows is None else rows)]) + "\r\n"


def replace_field(row: str, index: int, value: str) -> str:
    fields = row.split(",")
    fields[index] = value
    return ",".join(fields)


# ---------------------------------------------------------------- SDMX-CSV

ESTAT = (
    "STRUCTURE,STRUCTURE_ID,ACTION,DIM_1,DIM_2,DIM_3,OBS_VALUE,ATTR_1\r\n"
    "dataflow,ESTAT:NA_MAIN(1.6.0),I,A,B,2014-01,12.4,N\r\n"
)
CSV_CASES: list[tuple[str, str, str, dict[str, object]]] = [
    ("empty file", "", "sdmx.not_sdmx", {}),
    ("plain text", "hello, world\nsecond line\n", "sdmx.not_sdmx", {"line": 1}),
    ("a plan file", "format_version: 1\nplan:\n  code: x\n", "sdmx.not_sdmx", {}),
    ("unclosed quote", HEADER + '\r\ndataflow,"HALFSKY', "sdmx.not_sdmx", {}),
    ("another dataflow", ESTAT, "sdmx.foreign_structure", {"structure_id": "ESTAT:NA_MAIN(1.6.0)"}),
    ("another dataflow on line 3", csv_with(rows=[ROWS[0], ESTAT.split("\r\n")[1]]),
     "sdmx.foreign_structure", {"line": 3}),
    ("unknown column", csv_with(HEADER + ",FREQ", [r + ",A" for r in ROWS]),
     "sdmx.unknown_dimension", {"column": "FREQ"}),
    ("missing dimension", csv_with(HEADER.replace(",AGE", ""),
                                   [replace_field(r, 7, "DROP").replace(",DROP", "") for r in ROWS]),
     "sdmx.missing_dimension", {"dimension": "AGE"}),
    ("missing status column", csv_with(HEADER.replace(",OBS_STATUS", ""),
                                       [replace_field(r, 11, "DROP").replace(",DROP", "") for r in ROWS]),
     "sdmx.missing_column", {"column": "OBS_STATUS"}),
    ("column twice", csv_with(HEADER + ",COMMENT", [r + "," for r in ROWS]), "sdmx.duplicate_column",
     {"column": "COMMENT"}),
    ("quarter", csv_with(rows=[replace_field(ROWS[0], 8, "2023-Q1")]), "sdmx.bad_period",
     {"period": "2023-Q1", "line": 2}),
    ("two-digit year", csv_with(rows=[ROWS[0], replace_field(ROWS[1], 8, "23")]), "sdmx.bad_period",
     {"line": 3}),
    ("unknown sex", csv_with(rows=[replace_field(ROWS[0], 5, "X")]), "sdmx.unknown_code",
     {"dimension": "SEX", "code": "X"}),
    ("unknown age", csv_with(rows=[replace_field(ROWS[0], 7, "ADULTS")]), "sdmx.unknown_code",
     {"dimension": "AGE"}),
    ("bad area", csv_with(rows=[replace_field(ROWS[0], 4, "Ji County")]), "sdmx.bad_area", {}),
    ("bad indicator", csv_with(rows=[replace_field(ROWS[0], 3, "H 03")]), "sdmx.bad_indicator", {}),
    ("text value", csv_with(rows=[replace_field(ROWS[0], 9, "twelve")]), "sdmx.bad_value",
     {"component": "OBS_VALUE"}),
    ("nan value", csv_with(rows=[replace_field(ROWS[0], 9, "nan")]), "sdmx.bad_value", {}),
    ("bad numerator", csv_with(rows=[replace_field(ROWS[0], 12, "1_000")]), "sdmx.bad_value",
     {"component": "NUMERATOR"}),
    ("unknown unit", csv_with(rows=[replace_field(ROWS[0], 10, "KG")]), "sdmx.unknown_code",
     {"dimension": "UNIT_MEASURE"}),
    ("unknown status", csv_with(rows=[replace_field(ROWS[0], 11, "Z")]), "sdmx.unknown_code",
     {"dimension": "OBS_STATUS"}),
    ("empty status", csv_with(rows=[replace_field(ROWS[0], 11, "")]), "sdmx.missing_value",
     {"component": "OBS_STATUS"}),
    ("same key twice", csv_with(rows=[ROWS[0], ROWS[1], ROWS[0]]), "sdmx.duplicate_key", {"line": 4}),
    ("short row", csv_with(rows=[ROWS[0], "dataflow,HALFSKY:DF_WOMEN(1.0),I,H03"]), "sdmx.bad_row",
     {"line": 3, "found": 4}),
    ("deletion", csv_with(rows=[replace_field(ROWS[0], 2, "D")]), "sdmx.unsupported_action",
     {"action": "D"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "code", "params"), CSV_CASES, ids=[c[0] for c in CSV_CASES]
)
def test_bad_csv(name: str, text: str, code: str, params: dict[str, object]) -> None:
    found, found_params = code_of(read_sdmx_csv, text)
    assert found == code
    assert params.items() <= found_params.items()


def test_csv_not_utf8() -> None:
    with pytest.raises(SdmxError) as caught:
        read_sdmx_csv(CSV.encode("gb18030"))
    assert caught.value.code == "sdmx.bad_encoding"


def test_csv_with_labels_and_lf_line_ends_is_read() -> None:
    labelled = HEADER.replace("INDICATOR", "INDICATOR: 监测指标").replace("SEX", "SEX: 性别")
    assert read_sdmx_csv("\n".join([labelled, *ROWS]) + "\n") == GOOD


def test_csv_columns_in_another_order_without_optional_attributes() -> None:
    header = HEADER.split(",")
    rows = [row.split(",") for row in ROWS[1:]]  # rows without quoted fields
    order = [0, 1, 2, 8, 7, 6, 5, 4, 3, 9, 11, 10]  # no numerator … provenance
    text = "\n".join(",".join(fields[i] for i in order) for fields in [header, *rows])
    read = read_sdmx_csv(text)
    assert [(o.indicator, o.breakdown, o.value, o.numerator) for o in read] == [
        ("H03", "urban_rural=rural", 20.0, None),
        ("H07", "age_band=15-49", 3.2, None),
    ]


# ---------------------------------------------------------------- SDMX-JSON


def structure(message: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = message["data"]["structures"][0]
    return found


def observations(message: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = message["data"]["dataSets"][0]["observations"]
    return found


def mutate(change: Callable[[dict[str, Any]], object]) -> str:
    message = json_message()
    change(message)
    return json.dumps(message, ensure_ascii=False)


SDMX_JSON_1 = json.dumps({"header": {"id": "x", "prepared": "2012-11-29T08:40:26Z"},
                          "structure": {"dimensions": {}}, "dataSets": []})  # fmt: skip
JSON_CASES: list[tuple[str, str, str, dict[str, object]]] = [
    ("not json", "STRUCTURE,STRUCTURE_ID", "sdmx.not_sdmx", {}),
    ("a list", "[1, 2]", "sdmx.not_sdmx", {}),
    ("an error message", json.dumps({"meta": {"id": "x"}, "errors": [{"code": 100}]}),
     "sdmx.not_sdmx", {}),
    ("SDMX-JSON 1.0", SDMX_JSON_1, "sdmx.unsupported_version", {"version": "1.0"}),
    ("no structures", mutate(lambda m: m["data"].pop("structures")), "sdmx.not_sdmx",
     {"path": "/data/structures"}),
    ("another dataflow", mutate(lambda m: structure(m).update(
        links=[{"urn": "urn:sdmx:org.sdmx.infomodel.datastructure.Dataflow=ESTAT:NA_MAIN(1.6.0)",
                "rel": "dataflow"}])), "sdmx.foreign_structure", {}),
    ("unknown dimension", mutate(lambda m: structure(m)["dimensions"]["dataSet"].append(
        {"id": "FREQ", "keyPosition": 6, "values": [{"id": "A", "name": "Annual"}]})),
     "sdmx.unknown_dimension", {"column": "FREQ"}),
    ("unknown attribute", mutate(lambda m: structure(m)["attributes"]["observation"].append(
        {"id": "DECIMALS", "relationship": {"observation": {}}})), "sdmx.unknown_dimension",
     {"column": "DECIMALS"}),
    ("missing dimension", mutate(lambda m: structure(m)["dimensions"]["observation"].pop(4)),
     "sdmx.missing_dimension", {"dimension": "AGE"}),
    ("another measure", mutate(lambda m: structure(m)["measures"]["observation"][0].update(id="OBS")),
     "sdmx.unknown_dimension", {}),
    ("month", mutate(lambda m: structure(m)["dimensions"]["observation"][5]["values"][0].update(
        value="2023-01")), "sdmx.bad_period", {"period": "2023-01"}),
    ("index out of range", mutate(lambda m: observations(m).update({"0:0:0:0:0:9": [1.0, 0, 0]})),
     "sdmx.bad_key", {"component": "TIME_PERIOD", "index": 9}),
    ("short key", mutate(lambda m: observations(m).update({"0:0": [1.0]})), "sdmx.bad_key", {}),
    ("text value", mutate(lambda m: observations(m)["0:0:0:0:0:0"].__setitem__(0, "twelve")),
     "sdmx.bad_value", {"component": "OBS_VALUE"}),
    ("boolean value", mutate(lambda m: observations(m)["0:0:0:0:0:0"].__setitem__(0, True)),
     "sdmx.bad_value", {}),
    ("attribute index out of range", mutate(
        lambda m: observations(m)["0:0:0:0:0:0"].__setitem__(2, 7)), "sdmx.bad_key",
     {"component": "OBS_STATUS"}),
    ("deletion", mutate(lambda m: m["data"]["dataSets"][0].update(action="Delete")),
     "sdmx.unsupported_action", {"action": "Delete"}),
    ("status missing", mutate(lambda m: observations(m)["0:0:0:0:0:0"].__setitem__(2, None)),
     "sdmx.missing_value", {"component": "OBS_STATUS"}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "code", "params"), JSON_CASES, ids=[c[0] for c in JSON_CASES]
)
def test_bad_json(name: str, text: str, code: str, params: dict[str, object]) -> None:
    found, found_params = code_of(read_sdmx_json, text)
    assert found == code
    assert params.items() <= found_params.items()


def test_json_key_given_twice() -> None:
    text = json.dumps(json_message(), ensure_ascii=False)
    first = '"0:0:0:0:0:0":'
    start = text.index(first)
    entry = text[start : text.index("]", start) + 1]
    twice = text.replace(entry, entry + "," + entry, 1)
    assert code_of(read_sdmx_json, twice)[0] == "sdmx.duplicate_key"


def test_json_dimensions_at_data_set_and_series_level_are_read() -> None:
    """A producer may put single-valued dimensions at the data set level and use series."""
    message = json_message()
    dims = structure(message)["dimensions"]
    dims["dataSet"] = [dims["observation"].pop(1), dims["observation"].pop(1)]  # REF_AREA, SEX
    dims["series"] = [dims["observation"].pop(0)]  # INDICATOR
    old = observations(message)
    series: dict[str, Any] = {}
    for key, value in old.items():
        indicator, _area, _sex, urbanisation, age, period = key.split(":")
        series.setdefault(indicator, {"observations": {}})["observations"][
            f"{urbanisation}:{age}:{period}"
        ] = value
    data_set = message["data"]["dataSets"][0]
    data_set.pop("observations")
    data_set["series"] = series
    assert read_sdmx_json(json.dumps(message, ensure_ascii=False)) == GOOD


# ---------------------------------------------------------------- export


EXPORT_CASES: list[tuple[str, SdmxObservation, str]] = [
    ("breakdown out of order", SdmxObservation("H03", "141028", 2023, "urban_rural=rural;sex=female"),
     "sdmx.bad_breakdown"),
    ("township in the breakdown", SdmxObservation("H03", "141028", 2023, "township=141028100"),
     "sdmx.bad_breakdown"),
    ("unknown sex", SdmxObservation("H03", "141028", 2023, "sex=other"), "sdmx.bad_breakdown"),
    ("unknown age band", SdmxObservation("H03", "141028", 2023, "age_band=adults"),
     "sdmx.bad_breakdown"),
    ("dimension twice", SdmxObservation("H03", "141028", 2023, "sex=female;sex=male"),
     "sdmx.bad_breakdown"),
    ("bad area", SdmxObservation("H03", "吉县", 2023), "sdmx.bad_area"),
    ("bad indicator", SdmxObservation("H 03", "141028", 2023), "sdmx.bad_indicator"),
    ("bad year", SdmxObservation("H03", "141028", 23), "sdmx.bad_period"),
    ("not a number", SdmxObservation("H03", "141028", 2020, value=math.nan), "sdmx.bad_value"),
    ("infinite denominator", SdmxObservation("H03", "141028", 2020, denominator=math.inf),
     "sdmx.bad_value"),
    ("unknown unit", SdmxObservation("H03", "141028", 2020, unit="斤"), "sdmx.unknown_unit"),
    ("unknown status", SdmxObservation("H03", "141028", 2020, status="draft"),  # type: ignore[arg-type]
     "sdmx.bad_status"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "observation", "code"), EXPORT_CASES, ids=[c[0] for c in EXPORT_CASES]
)
def test_unwritable_observations(name: str, observation: SdmxObservation, code: str) -> None:
    for write in (
        write_sdmx_csv,
        lambda o: write_sdmx_json(o, message_id="M", prepared=datetime.now(UTC)),
    ):
        with pytest.raises(SdmxError) as caught:
            write([GOOD[0], observation])
        assert (caught.value.code, caught.value.params["observation"]) == (code, 1)


def test_duplicate_keys_are_not_written() -> None:
    with pytest.raises(SdmxError) as caught:
        write_sdmx_csv([GOOD[0], GOOD[1], GOOD[0]])
    assert caught.value.code == "sdmx.duplicate_key"
    assert caught.value.params == {"observation": 2, "first": 0, "key": "H03.141028._T._T._T.2023"}
