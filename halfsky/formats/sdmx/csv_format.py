"""SDMX-CSV 2.0 data messages: write HalfSky observations, read them back exactly.

The file is UTF-8 (no byte-order mark), comma-separated, one observation a
row, fields quoted when they hold a comma, a quote or a line break::

    STRUCTURE,STRUCTURE_ID,ACTION,INDICATOR,REF_AREA,SEX,URBANISATION,AGE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS,NUMERATOR,DENOMINATOR,SOURCE,COMMENT,PROVENANCE
    dataflow,HALFSKY:DF_WOMEN(1.0),I,H03,141028,_T,_T,_T,2023,12.5,PER_100000,A,1,8000,妇幼卫生年报,,

Reading accepts the columns after ACTION in any order, header labels of the
form ``ID: name``, a byte-order mark and CRLF line ends; the attribute
columns other than OBS_STATUS may be absent. Anything else is refused with
an :class:`SdmxError` and nothing is returned: ``sdmx.bad_encoding``,
``sdmx.not_sdmx`` (no SDMX-CSV header), ``sdmx.foreign_structure`` (another
dataflow), ``sdmx.unsupported_action`` (deletions), ``sdmx.unknown_dimension``
(a column HalfSky's structure does not have), ``sdmx.missing_dimension``,
``sdmx.missing_column`` (OBS_VALUE or OBS_STATUS), ``sdmx.duplicate_column``,
``sdmx.bad_row`` (wrong number of fields), and the value codes of
:mod:`~halfsky.formats.sdmx.convert` — each with the ``line`` (physical line
of the file) and ``column``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from halfsky.formats.sdmx.convert import ObservationBuilder, export_rows, parse_number
from halfsky.formats.sdmx.model import (
    ATTRIBUTES,
    DATAFLOW_REF,
    DIMENSIONS,
    DSD_REF,
    MEASURE,
    SdmxError,
    SdmxObservation,
    format_number,
)

FIXED = ("STRUCTURE", "STRUCTURE_ID", "ACTION")
HEADER = (*FIXED, *DIMENSIONS, MEASURE, *ATTRIBUTES)
ACTION = "I"  # information: the values as they are at the sender
_ACCEPTED_ACTIONS = frozenset({"I", "A", "R", "M"})  # information, append, replace, merge
_STRUCTURES = {("dataflow", DATAFLOW_REF), ("datastructure", DSD_REF)}


def write_sdmx_csv(observations: Iterable[SdmxObservation]) -> str:
    """The observations as an SDMX-CSV 2.0 data message (text; encode as UTF-8)."""
    rows = export_rows(observations)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow(
            (
                "dataflow",
                DATAFLOW_REF,
                ACTION,
                *row.key.codes(),
                format_number(row.observation.value),
                *row.text_attributes(),
            )
        )
    return buffer.getvalue()


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SdmxError("sdmx.bad_encoding", {"position": error.start}) from None


def _columns(header: list[str]) -> dict[str, int]:
    """Component id → column index; checks the header against HalfSky's structure."""
    known = set(DIMENSIONS) | {MEASURE} | set(ATTRIBUTES) | {"ACTION"}
    columns: dict[str, int] = {}
    for index, name in enumerate(header[2:], start=2):
        if name not in known:
            raise SdmxError("sdmx.unknown_dimension", {"line": 1, "column": name})
        if name in columns:
            raise SdmxError("sdmx.duplicate_column", {"line": 1, "column": name})
        columns[name] = index
    for dimension in DIMENSIONS:
        if dimension not in columns:
            raise SdmxError("sdmx.missing_dimension", {"line": 1, "dimension": dimension})
    for required in (MEASURE, "OBS_STATUS"):
        if required not in columns:
            raise SdmxError("sdmx.missing_column", {"line": 1, "column": required})
    return columns


def _records(text: str) -> list[tuple[int, list[str]]]:
    """(physical line, fields) of every non-blank record, the header first."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    records, start = [], 1
    try:
        for record in reader:
            if record:
                records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as error:
        raise SdmxError(
            "sdmx.not_sdmx", {"format": "csv", "line": reader.line_num, "problem": str(error)}
        ) from None
    return records


def read_sdmx_csv(data: bytes | str) -> list[SdmxObservation]:
    """The observations of an SDMX-CSV 2.0 data message written for HalfSky's structure."""
    return read_sdmx_csv_lines(data)[0]


def read_sdmx_csv_lines(data: bytes | str) -> tuple[list[SdmxObservation], list[int]]:
    """:func:`read_sdmx_csv` with the physical line of each observation (the header is 1)."""
    records = _records(_decode(data))
    if not records:
        raise SdmxError("sdmx.not_sdmx", {"format": "csv", "line": 1})
    (_, header), rows = records[0], records[1:]
    header = [name.split(": ", 1)[0].strip() for name in header]  # "ID: name" labels
    if header[:2] != ["STRUCTURE", "STRUCTURE_ID"]:
        raise SdmxError("sdmx.not_sdmx", {"format": "csv", "line": 1})
    for line, record in rows:  # another dataflow's file is foreign before its columns are unknown
        if len(record) < 2 or (record[0], record[1]) not in _STRUCTURES:
            found = record[:2] + ["", ""]
            raise SdmxError(
                "sdmx.foreign_structure",
                {"line": line, "structure": found[0], "structure_id": found[1]},
            )
    columns = _columns(header)
    builder = ObservationBuilder()
    for line, record in rows:
        if len(record) != len(header):
            raise SdmxError(
                "sdmx.bad_row", {"line": line, "expected": len(header), "found": len(record)}
            )
        action = record[columns["ACTION"]] if "ACTION" in columns else ACTION
        if action not in _ACCEPTED_ACTIONS:
            raise SdmxError("sdmx.unsupported_action", {"line": line, "action": action})
        where = {"line": line}
        builder.add(
            key={dimension: record[columns[dimension]] for dimension in DIMENSIONS},
            value=parse_number(record[columns[MEASURE]], MEASURE, {**where, "column": MEASURE}),
            attributes={name: record[columns[name]] for name in ATTRIBUTES if name in columns},
            where=where,
        )
    return builder.observations, [line for line, _ in rows]


__all__ = ["HEADER", "read_sdmx_csv", "read_sdmx_csv_lines", "write_sdmx_csv"]
