"""SDMX data messages as history files: SDMX-CSV 2.0 and SDMX-JSON 2.0, known by content.

:func:`sdmx_kind` tells an SDMX file from a history CSV or xlsx: SDMX-CSV's
header starts with ``STRUCTURE,STRUCTURE_ID``; an SDMX-JSON message is a
JSON object (a history CSV never starts with ``{``). :func:`read_sdmx_history`
reads it with :mod:`halfsky.formats.sdmx` and turns every observation into
a :class:`~halfsky.formats.earlier_years.rows.HistoryRow` (COMMENT becomes the
note, OBS_STATUS the flag; unit and provenance are not kept). An
:class:`~halfsky.formats.sdmx.SdmxError` becomes one
:class:`~halfsky.formats.uploads.FileProblem` with the ``sdmx.*`` code and
its parameters: at its line for SDMX-CSV, at its JSON path for SDMX-JSON.

A row's ``line`` is the physical line of the observation in SDMX-CSV (the
header is line 1) and the observation's number, from 1, in SDMX-JSON.
"""

from __future__ import annotations

from halfsky.formats.earlier_years.rows import HistoryFile, HistoryRow
from halfsky.formats.sdmx import (
    ObservationStatus,
    SdmxError,
    read_sdmx_csv_lines,
    read_sdmx_json,
)
from halfsky.formats.uploads import FileProblem, Param

_BOM = b"\xef\xbb\xbf"
_FLAGS = {ObservationStatus.APPROVED: "", ObservationStatus.PROVISIONAL: "provisional",
          ObservationStatus.ESTIMATED: "estimated",
          ObservationStatus.NOT_APPLICABLE: "not_applicable"}  # fmt: skip
_CSV_START = ("STRUCTURE", "STRUCTURE_ID")


def sdmx_kind(data: bytes) -> str | None:
    """"csv" or "json" for an SDMX data message, None for anything else."""
    head = data[:4096].removeprefix(_BOM).lstrip()
    if head.startswith(b"{"):
        return "json"
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace")
    fields = [field.strip().strip('"').split(": ", 1)[0].strip() for field in first.split(",")]
    return "csv" if tuple(fields[:2]) == _CSV_START else None


def read_sdmx_history(data: bytes, kind: str) -> HistoryFile:
    """The rows of an SDMX-CSV (``kind="csv"``) or SDMX-JSON (``"json"``) data message."""
    try:
        if kind == "csv":
            observations, lines = read_sdmx_csv_lines(data)
        else:
            observations = read_sdmx_json(data)
            lines = list(range(1, len(observations) + 1))
    except SdmxError as error:
        return HistoryFile(problems=[problem_of(error)])
    if not observations:
        return HistoryFile(problems=[FileProblem("history.empty")])
    rows = [
        HistoryRow(
            line=line, indicator=o.indicator, area=o.area, year=o.year, breakdown=o.breakdown,
            value=o.value, numerator=o.numerator, denominator=o.denominator, source=o.source,
            note=o.comment, flag=_FLAGS[o.status],
        )
        for line, o in zip(lines, observations, strict=True)
    ]
    return HistoryFile(rows=rows)


def problem_of(error: SdmxError) -> FileProblem:
    """The file problem of an SdmxError: its code and params, at its line or JSON path."""
    params: dict[str, Param] = {}
    for name, value in error.params.items():
        params[name] = value if isinstance(value, int | float | str) else str(value)
    line = params.get("line")
    path = params.get("path")
    if isinstance(line, int) and not isinstance(line, bool) and line > 0:
        return FileProblem(error.code, line=line, params=params)
    if isinstance(path, str) and path:
        return FileProblem(error.code, sheet=path, params=params)
    return FileProblem(error.code, params=params)

