"""HalfSky's SDMX export reads back exactly: SDMX-CSV 2.0 and SDMX-JSON 2.0."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from halfsky.formats.sdmx import (
    SdmxObservation,
    read_sdmx_csv,
    read_sdmx_json,
    write_sdmx_csv,
    write_sdmx_json,
)
from halfsky.formats.sdmx.csv_format import HEADER

Make = Callable[[int, int], list[SdmxObservation]]
PREPARED = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)


def to_json(observations: list[SdmxObservation]) -> str:
    return write_sdmx_json(observations, message_id="TEST-1", prepared=PREPARED, sender="141028")


@pytest.mark.parametrize("seed", range(12))
def test_csv_round_trip_is_exact(make_observations: Make, seed: int) -> None:
    observations = make_observations(seed, 300)
    text = write_sdmx_csv(observations)
    assert read_sdmx_csv(text) == observations
    assert read_sdmx_csv(text.encode("utf-8")) == observations
    assert read_sdmx_csv(b"\xef\xbb\xbf" + text.encode("utf-8")) == observations  # a BOM


@pytest.mark.parametrize("seed", range(12))
def test_json_round_trip_is_exact(make_observations: Make, seed: int) -> None:
    observations = make_observations(100 + seed, 300)
    text = to_json(observations)
    assert read_sdmx_json(text) == observations
    assert read_sdmx_json(text.encode("utf-8")) == observations


def test_csv_and_json_agree(make_observations: Make) -> None:
    observations = make_observations(7, 200)
    assert read_sdmx_csv(write_sdmx_csv(observations)) == read_sdmx_json(to_json(observations))


def test_empty_messages() -> None:
    assert write_sdmx_csv([]) == ",".join(HEADER) + "\r\n"
    assert read_sdmx_csv(write_sdmx_csv([])) == []
    assert read_sdmx_json(to_json([])) == []


def test_csv_layout() -> None:
    observation = SdmxObservation(
        "H03", "141028", 2023, "urban_rural=rural", 12.5, 1.0, 8000.0, "1/10万",
        source="妇幼卫生年报", comment='含逗号,和"引号"\n第二行',
    )  # fmt: skip
    lines = write_sdmx_csv([observation]).split("\r\n")
    assert lines[0] == (
        "STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,SEX,URBANISATION,AGE,TIME_PERIOD,"
        "OBS_VALUE,UNIT_MEASURE,OBS_STATUS,NUMERATOR,DENOMINATOR,SOURCE,COMMENT,PROVENANCE"
    )
    assert lines[1] == (
        "dataflow,HALFSKY:DF_WOMEN(1.0),I,H03,141028,_T,R,_T,2023,12.5,PER_100000,A,1,8000,"
        '妇幼卫生年报,"含逗号,和""引号""\n第二行",'
    )


def test_json_layout() -> None:
    observations = [
        SdmxObservation("H03", "141028", 2023, "", 12.5, 1.0, 8000.0, "1/10万", "provisional"),
        SdmxObservation("H07", "141028", 2022, "age_band=15-49", None, unit="‰"),
    ]
    message = json.loads(to_json(observations))
    assert message["meta"]["id"] == "TEST-1" and message["meta"]["sender"] == {"id": "141028"}
    assert message["meta"]["prepared"] == "2025-03-01T08:30:00+00:00"
    structure = message["data"]["structures"][0]
    dimensions = structure["dimensions"]["observation"]
    assert [(d["id"], d["keyPosition"]) for d in dimensions] == [
        ("INDICATOR", 0), ("REF_AREA", 1), ("SEX", 2), ("URBANISATION", 3), ("AGE", 4),
        ("TIME_PERIOD", 5),
    ]  # fmt: skip
    assert dimensions[4]["values"] == [
        {"id": "_T", "name": "合计"},
        {"id": "Y15T49", "name": "15—49岁"},
    ]
    assert dimensions[5]["values"] == [{"value": "2023"}, {"value": "2022"}]
    attributes = {a["id"]: a for a in structure["attributes"]["observation"]}
    assert attributes["OBS_STATUS"]["values"] == [
        {"id": "P", "name": "初步数"}, {"id": "A", "name": "正常值（已审核）"},
    ]  # fmt: skip
    assert attributes["NUMERATOR"]["values"] == [{"value": 1.0}]
    assert "values" not in attributes["COMMENT"]  # no comment in the message
    observations_out = message["data"]["dataSets"][0]["observations"]
    assert observations_out == {
        "0:0:0:0:0:0": [12.5, 0, 0, 0, 0, None, None, None],
        "1:0:0:0:1:1": [None, 1, 1, None, None, None, None, None],
    }


def test_numbers_keep_every_digit() -> None:
    values = [0.1 + 0.2, 1e-07, 123456789012345.67, 2.0**53 + 2, -0.5, 5.0, 1e300]
    observations = [
        SdmxObservation("H03", "141028", 2000 + i, "", value, value, value)
        for i, value in enumerate(values)
    ]
    for read in (
        read_sdmx_csv(write_sdmx_csv(observations)),
        read_sdmx_json(to_json(observations)),
    ):
        assert [o.value for o in read] == values
        assert [o.denominator for o in read] == values
