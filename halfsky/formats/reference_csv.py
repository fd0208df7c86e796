"""The national reference series: figures read from published reports.

The CSV has the columns ``geography, indicator_cn, indicator_en, year, value,
unit, target, source, source_en, maintainer_note``. ``source`` is the official
publication in Chinese (issuer, title, date) and ``source_en`` the same in short
English: what pages and reports cite. A citation is a publication, never a web
address (a row citing one is refused). ``maintainer_note`` is for whoever
maintains the file and is never shown. Sources sometimes disagree for the same
year; both rows are kept, each with its source.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from halfsky.domain.errors import CodedError

COLUMNS = ("geography", "indicator_cn", "indicator_en", "year", "value", "unit", "target",
           "source", "source_en", "maintainer_note")
WEB_ADDRESS_MARKS = ("http:", "https:", "www.", "://")


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
    source: str  # the publication in Chinese
    source_en: str = ""  # the publication in short English
    maintainer_note: str = ""  # for maintainers only: never shown


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
        citations = (row["source"] + " " + (row["source_en"] or "")).lower()
        if any(mark in citations for mark in WEB_ADDRESS_MARKS):
            raise ReferenceFileError("reference_csv.web_address", line)
        figures.append(ReferenceFigure(
            geography=row["geography"], indicator=row["indicator_cn"],
            indicator_en=row["indicator_en"], year=year, value=value, unit=row["unit"],
            target=row["target"], source=row["source"], source_en=row["source_en"] or "",
            maintainer_note=row["maintainer_note"] or "",
        ))
    return figures
