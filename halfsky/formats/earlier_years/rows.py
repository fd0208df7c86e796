"""The rows an import of earlier years reads, whatever the file's format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from halfsky.formats.uploads import FileProblem

COLUMNS = ("indicator", "area", "year", "breakdown", "value", "numerator", "denominator",
           "source", "note")  # fmt: skip
NUMBER_COLUMNS = ("value", "numerator", "denominator")
REQUIRED_FIELDS = ("indicator", "area", "year")
FIRST_YEAR, LAST_YEAR = 1949, 2100


@dataclass(frozen=True)
class HistoryRow:
    """One earlier value; ``line`` is the CSV line or the sheet row."""

    line: int
    indicator: str
    area: str
    year: int
    breakdown: str = ""
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    source: str = ""
    note: str = ""
    flag: str = ""  # provisional, estimated, not_applicable: given by SDMX files only


@dataclass(frozen=True)
class HistoryFile:
    rows: Sequence[HistoryRow] = ()
    problems: Sequence[FileProblem] = ()
    sheet: str = ""  # the sheet read, for an xlsx file

    @property
    def ok(self) -> bool:
        return not self.problems
