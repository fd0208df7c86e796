"""Tables of series in CSV, in and out of the assessment engine.

INPUT: one row per observation. Columns (in any order):

- ``series`` (an id), ``year`` (integer), ``value`` (number; may be blank when
  the counts below are given, or to list a year without a value);
- per-series settings, repeated on the series' rows (a blank cell takes the
  series' value from its other rows; two different values are an error):
  ``direction`` (``higher`` | ``lower``, required), and optionally ``target``
  (number: ≥ target when higher is better, ≤ when lower; blank: no target),
  ``target_year``, ``base_year`` (integers) and ``limit`` (number);
- optionally ``numerator``, ``denominator`` and ``per`` (100 for %, 100000 for
  1/10万): the counts behind a rate, which switch on the exact intervals.

OUTPUT: one row per series, in order of first appearance: ``OUTPUT_COLUMNS``.
Statuses and warnings are codes (``warnings`` ``;``-separated); blank where a
number does not apply.

Errors raise ``SeriesFileError`` with a code (``series_csv.*``), the line of
the file (the header is line 1) and parameters (``column``, ``value``,
``series``).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

import numpy as np

from halfsky.domain.assessment import (
    METHODS,
    Assessment,
    Observations,
    SeriesSettings,
    series_settings,
    status_code,
    warning_codes,
)
from halfsky.domain.errors import CodedError

REQUIRED_COLUMNS = ("series", "year", "value", "direction")
SETTING_COLUMNS = ("direction", "target", "target_year", "base_year", "limit", "per")
OPTIONAL_COLUMNS = ("target", "target_year", "base_year", "limit", "numerator", "denominator",
                    "per")
OUTPUT_COLUMNS = ("series", "method", "status", "progress", "score", "forecast", "interval_low",
                  "interval_high", "warnings", "baseline_year", "baseline_value", "latest_year",
                  "latest_value")
ERROR_CODES = frozenset({
    "series_csv.not_found", "series_csv.not_utf8", "series_csv.missing_columns",
    "series_csv.unknown_column", "series_csv.duplicate_column", "series_csv.missing_value",
    "series_csv.not_a_number", "series_csv.not_an_integer", "series_csv.bad_direction",
    "series_csv.bad_counts", "series_csv.missing_per", "series_csv.conflicting_setting",
    "series_csv.duplicate_year", "series_csv.missing_direction",
})


class SeriesFileError(CodedError):
    def __init__(self, code: str, line: int = 0, **params: str) -> None:
        super().__init__(code, params)
        self.line = line

    def __str__(self) -> str:
        return f"{self.code} (line {self.line})"


@dataclass
class _Series:
    name: str
    first_line: int
    index: int
    settings: dict[str, str] = field(default_factory=dict)
    years: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class SeriesTable:
    names: list[str]
    observations: Observations
    settings: SeriesSettings


def _number(text: str, column: str, line: int, series: str, *, integer: bool = False) -> float:
    try:
        number = float(int(text)) if integer else float(text)
    except ValueError:
        code = "series_csv.not_an_integer" if integer else "series_csv.not_a_number"
        raise SeriesFileError(code, line, column=column, value=text, series=series) from None
    if not math.isfinite(number):
        raise SeriesFileError("series_csv.not_a_number", line, column=column, value=text,
                              series=series)
    return number


def _optional(row: dict[str, str], column: str, line: int, series: str) -> float:
    text = (row.get(column) or "").strip()
    return _number(text, column, line, series) if text else math.nan


def _check_header(fields: list[str]) -> None:
    seen = set()
    for name in fields:
        if name in seen:
            raise SeriesFileError("series_csv.duplicate_column", 1, column=name)
        seen.add(name)
        if name not in REQUIRED_COLUMNS and name not in OPTIONAL_COLUMNS:
            raise SeriesFileError("series_csv.unknown_column", 1, column=name)
    missing = [name for name in REQUIRED_COLUMNS if name not in seen]
    if missing:
        raise SeriesFileError("series_csv.missing_columns", 1, column=", ".join(missing))


def parse_series_csv(lines: Iterable[str], method: str = "china") -> SeriesTable:
    """Read and check a series table; the first bad row stops the read."""
    reader = csv.DictReader(lines)
    _check_header([name.strip() for name in reader.fieldnames or []])
    reader.fieldnames = [name.strip() for name in reader.fieldnames or []]
    series: dict[str, _Series] = {}
    ids: list[int] = []
    years: list[int] = []
    values: list[float] = []
    numerators: list[float] = []
    denominators: list[float] = []
    for line, row in enumerate(reader, start=2):
        name = (row.get("series") or "").strip()
        if not name:
            raise SeriesFileError("series_csv.missing_value", line, column="series")
        if name not in series:
            series[name] = _Series(name, line, index=len(series))
        one = series[name]
        year_text = (row.get("year") or "").strip()
        if not year_text:
            raise SeriesFileError("series_csv.missing_value", line, column="year", series=name)
        year = int(_number(year_text, "year", line, name, integer=True))
        if year in one.years:
            raise SeriesFileError("series_csv.duplicate_year", line, series=name,
                                  value=year_text)
        one.years.add(year)
        _settings(one, row, line)
        k = _optional(row, "numerator", line, name)
        n = _optional(row, "denominator", line, name)
        if math.isnan(k) != math.isnan(n) or k < 0 or n <= 0:
            raise SeriesFileError("series_csv.bad_counts", line, series=name)
        if not math.isnan(k) and "per" not in one.settings:
            raise SeriesFileError("series_csv.missing_per", line, series=name)
        ids.append(one.index)
        years.append(year)
        values.append(_optional(row, "value", line, name))
        numerators.append(k)
        denominators.append(n)
    for one in series.values():
        if "direction" not in one.settings:
            raise SeriesFileError("series_csv.missing_direction", one.first_line,
                                  series=one.name)
    names = list(series)
    observations = Observations(
        series=np.array(ids, dtype=np.int64), year=np.array(years, dtype=np.int64),
        value=np.array(values, dtype=np.float64), numerator=np.array(numerators),
        denominator=np.array(denominators))
    return SeriesTable(names, observations, _build_settings(list(series.values()), method))


def _settings(one: _Series, row: dict[str, str], line: int) -> None:
    for column in SETTING_COLUMNS:
        text = (row.get(column) or "").strip()
        if not text:
            continue
        if column == "direction":
            if text not in ("higher", "lower"):
                raise SeriesFileError("series_csv.bad_direction", line, column=column,
                                      value=text, series=one.name)
        else:
            number = _number(text, column, line, one.name, integer=column.endswith("_year"))
            if column == "per" and number <= 0:
                raise SeriesFileError("series_csv.not_a_number", line, column=column,
                                      value=text, series=one.name)
            text = repr(number)
        known = one.settings.setdefault(column, text)
        if known != text:
            raise SeriesFileError("series_csv.conflicting_setting", line, column=column,
                                  value=(row.get(column) or "").strip(), series=one.name)


def _build_settings(series: list[_Series], method: str) -> SeriesSettings:
    def column(name: str) -> list[float]:
        return [float(s.settings[name]) if name in s.settings else math.nan for s in series]

    return series_settings(
        len(series), method=method, direction=[s.settings["direction"] for s in series],
        target=column("target"), target_year=column("target_year"),
        base_year=column("base_year"), limit=column("limit"), per=column("per"))


def read_series_csv(path: str | Path, method: str = "china") -> SeriesTable:
    if method not in {m.value for m in METHODS}:
        raise ValueError(f"unknown method {method!r}")
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8-sig")
    except (FileNotFoundError, IsADirectoryError):
        raise SeriesFileError("series_csv.not_found", 0, value=str(path)) from None
    except UnicodeDecodeError:
        raise SeriesFileError("series_csv.not_utf8", 0, value=str(path)) from None
    return parse_series_csv(text.splitlines(), method)


def _text(number: float, *, integer: bool = False) -> str:
    if not math.isfinite(number):
        return ""
    if integer:
        return str(int(number))
    rounded = round(number, 6)
    return format(rounded, ".15g") if rounded != 0 else "0"


def write_assessment_csv(out: TextIO, names: list[str], result: Assessment) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    for i, name in enumerate(names):
        writer.writerow([
            name, METHODS[result.method[i]].value, status_code(int(result.status[i])),
            _text(result.progress[i]), _text(result.score[i]), _text(result.forecast[i]),
            _text(result.interval_low[i]), _text(result.interval_high[i]),
            ";".join(warning_codes(int(result.warnings[i]))),
            _text(result.baseline_year[i], integer=True), _text(result.baseline_value[i]),
            _text(result.latest_year[i], integer=True), _text(result.latest_value[i]),
        ])
