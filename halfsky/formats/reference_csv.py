"""The national reference series: figures read from published reports.

The CSV has the columns ``geography, indicator_cn, indicator_en, year, value,
unit, target, notes, source``. Sources sometimes disagree for the same year;
both rows are kept, each with its source.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from halfsky.domain.errors import CodedError

COLUMNS = ("geography", "indicator_cn", "indicator_en", "year", "value", "unit", "target",
           "notes", "source")


class ReferenceFileError(CodedError):
    def __init__(self, code: str, line: int = 0) -> None:
        super().__init__(code, line=line)
        self.line = line

    def __str__(self) -> str:
        return f"{self.code} (line {self.line})"


@dataclass(frozen=True)
class ReferenceFigure:
    geography: str
    indicator: str
    indicator_en: str
    year: int
    value: float
    unit: str
    target: str
    notes: str
    source: str


def shipped_reference_path() -> Path:
    return Path(str(resources.files("halfsky") / "data" / "reference" / "national-figures.csv"))


def read_reference_csv(path: str | Path | None = None) -> list[ReferenceFigure]:
    """Read and check a reference CSV; any bad row stops the whole read."""
    source = Path(path) if path is not None else shipped_reference_path()
    try:
        text = source.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReferenceFileError("reference_csv.not_found") from None
    except UnicodeDecodeError:
        raise ReferenceFileError("reference_csv.not_utf8") from None
    reader = csv.DictReader(text.splitlines())
    if tuple(reader.fieldnames or ()) != COLUMNS:
        raise ReferenceFileError("reference_csv.bad_columns", 1)
    figures = []
    for line, row in enumerate(reader, start=2):
        try:
            year, value = int(row["year"]), float(row["value"])
        except (TypeError, ValueError):
            raise ReferenceFileError("reference_csv.bad_number", line) from None
        if not row["indicator_cn"] or not row["source"]:
            raise ReferenceFileError("reference_csv.missing_field", line)
        figures.append(ReferenceFigure(
            geography=row["geography"], indicator=row["indicator_cn"],
            indicator_en=row["indicator_en"], year=year, value=value, unit=row["unit"],
            target=row["target"], notes=row["notes"], source=row["source"],
        ))
    return figures
