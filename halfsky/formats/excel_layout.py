"""The layout of a department's Excel reporting template, shared by writer and reader.

Three sheets: instructions, data, and a very hidden metadata sheet (name
``META_SHEET``). The data sheet has a title in row 1, headers in row 2 and
one row per value from row 3; column A (hidden) holds each row's key. The
metadata sheet names the template version, round, data year, department,
data sheet, column headers, flag labels, the row keys in order (each with
whether it is a percentage), and a checksum over version, round,
department and keys (``template_checksum``).

Every text a person reads comes from ``labels`` (the web layer translates
them); ``DEFAULT_LABELS`` are English, for tests. Labels may use the fields
``{plan_title}``, ``{department}``, ``{year}``, ``{deadline}`` and
``{round}``; ``column.previous`` uses ``{year}`` for each earlier year.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from halfsky.domain import units

TEMPLATE_VERSION = 1
META_SHEET = "halfsky"
META_MARKER = "halfsky.excel_template"
TITLE_ROW = 1
HEADER_ROW = 2
FIRST_ROW = 3
PREVIOUS_YEARS = 3  # last years' values shown


class Flag(StrEnum):
    PROVISIONAL = "provisional"
    ESTIMATED = "estimated"
    NOT_APPLICABLE = "not_applicable"  # the health forms' "-2 工作未开展"


# Column ids in sheet order, with their widths; A is the hidden key column.
COLUMNS: tuple[tuple[str, float], ...] = (
    ("key", 14), ("code", 8), ("indicator", 30), ("unit", 9), ("area", 12),
    ("breakdown", 18), ("definition", 40), ("previous_3", 10), ("previous_2", 10),
    ("previous_1", 10), ("target", 24), ("value", 12), ("numerator", 13),
    ("denominator", 13), ("flag", 12), ("note", 32),
)  # fmt: skip
COLUMN_IDS = tuple(column for column, _ in COLUMNS)
LETTERS: Mapping[str, str] = {column: chr(ord("A") + i) for i, column in enumerate(COLUMN_IDS)}
NUMBER_INPUTS = ("value", "numerator", "denominator")
INPUTS = (*NUMBER_INPUTS, "flag", "note")

DEFAULT_LABELS: Mapping[str, str] = {
    "sheet.instructions": "Instructions",
    "sheet.data": "Data",
    "title": "{plan_title} · {department} · data for {year}",
    "info.plan": "Plan",
    "info.department": "Department",
    "info.year": "Data year",
    "info.deadline": "Deadline",
    "instructions": (
        "Fill in the yellow cells of the data sheet: the value, or for a rate its numerator"
        " and denominator (the rate is computed).\n"
        "Mark a value provisional or estimated in the flag column; choose not applicable"
        " when the work was not carried out, and leave the numbers empty.\n"
        "Type numbers only: no formulas, units or dashes.\n"
        "Do not add, delete or move rows, columns or sheets: the upload would be refused.\n"
        "Upload the file on the task page; the server checks every value again."
    ),
    "column.key": "Key",
    "column.code": "Code",
    "column.indicator": "Indicator",
    "column.unit": "Unit",
    "column.area": "Area",
    "column.breakdown": "Group",
    "column.definition": "Definition",
    "column.previous": "{year}",
    "column.target": "Target",
    "column.value": "Value",
    "column.numerator": "Numerator",
    "column.denominator": "Denominator",
    "column.flag": "Flag",
    "column.note": "Note",
    "breakdown.total": "Total",
    "flag.provisional": "provisional",
    "flag.estimated": "estimated",
    "flag.not_applicable": "not applicable",
    "validation.title": "Check the value",
    "validation.number": "Enter a number of at least 0.",
    "validation.percent": "Enter a number from 0 to 100.",
    "validation.flag": "Choose a flag from the list, or leave the cell empty.",
}
LABEL_KEYS = frozenset(DEFAULT_LABELS)


@dataclass(frozen=True)
class TemplateRow:
    """One value to report: an observation key and what the reporter needs to see."""

    key: str  # stable id from the web layer, e.g. "H03|141028|2025|sex=female"
    indicator_code: str
    indicator_name: str
    unit: str
    definition: str = ""
    area_name: str = ""
    breakdown_label: str = ""  # "" for the total
    is_rate: bool = False  # entered as numerator and denominator
    per: int | None = None
    previous: Mapping[int, float | None] = field(default_factory=dict)  # year → value
    target: str = ""
    value: float | None = None  # the current draft
    numerator: float | None = None
    denominator: float | None = None
    flag: str = ""  # a Flag value or ""
    note: str = ""


@dataclass(frozen=True)
class TemplateSpec:
    """Everything one department's template for one round shows."""

    round_id: str
    data_year: int
    department_code: str
    department_name: str
    plan_title: str
    deadline: str  # text, as the reporter should read it
    rows: Sequence[TemplateRow]
    template_version: int = TEMPLATE_VERSION


@dataclass(frozen=True)
class TemplateIdentity:
    """What an uploaded template must belong to."""

    round_id: str
    department_code: str
    template_version: int = TEMPLATE_VERSION
    row_keys: Sequence[str] | None = None  # when given, the file must hold exactly these rows


def template_checksum(version: int, round_id: str, department: str, keys: Sequence[str]) -> str:
    """sha256 over version, round, department and row keys (JSON, so no two inputs collide)."""
    payload = json.dumps([version, round_id, department, list(keys)], ensure_ascii=False,
                         separators=(",", ":"))  # fmt: skip
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def merged_labels(labels: Mapping[str, str] | None) -> dict[str, str]:
    """The caller's labels over the English defaults; unknown keys are a mistake."""
    given = dict(labels or {})
    unknown = sorted(set(given) - LABEL_KEYS)
    if unknown:
        raise ValueError(f"unknown template labels: {', '.join(unknown)}")
    return {**DEFAULT_LABELS, **given}


def is_percent(row: TemplateRow) -> bool:
    """A percentage row: its value is 0–100, a cell formatted as 12.5 % means 12.5."""
    return units.is_percent(row.unit, row.per)


def previous_years(data_year: int) -> tuple[int, ...]:
    """The years whose values the template shows, oldest first."""
    return tuple(range(data_year - PREVIOUS_YEARS, data_year))


def sheet_title(text: str) -> str:
    """A legal sheet name: no []:*?/\\ and at most 31 characters."""
    cleaned = "".join("_" if char in "[]:*?/\\" else char for char in text).strip("'")
    return cleaned[:31] or "Sheet"
