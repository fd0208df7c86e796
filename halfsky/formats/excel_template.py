"""A department's Excel reporting template for a round: written here, read back safely.

``write_template(spec, labels)`` returns the ``.xlsx`` bytes:

- an instructions sheet (plan, department, data year, deadline, and the
  ``instructions`` label, one paragraph per line);
- a data sheet: labels locked, input cells (value, numerator, denominator,
  flag, note) unlocked and yellow, with advisory data validation (numbers
  ≥ 0, percentages 0–100, flags from a list); a rate's numerator and
  denominator are unlocked only on rate rows. Last years' values and the
  target are shown; header row and label columns frozen. Sheets are
  protected without a password and the workbook structure is locked —
  a convenience for the reporter, never relied on by the server;
- a very hidden metadata sheet (see ``excel_layout``).

``read_template`` (in ``excel_upload``) checks an uploaded file against the
round and department it must belong to and returns its values and problems.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Mapping, Sequence
from copy import copy
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from halfsky.formats.excel_layout import (
    COLUMN_IDS,
    COLUMNS,
    DEFAULT_LABELS,
    FIRST_ROW,
    HEADER_ROW,
    LABEL_KEYS,
    LETTERS,
    META_MARKER,
    META_SHEET,
    TEMPLATE_VERSION,
    TITLE_ROW,
    Flag,
    TemplateIdentity,
    TemplateRow,
    TemplateSpec,
    is_percent,
    merged_labels,
    previous_years,
    sheet_title,
    template_checksum,
)
from halfsky.formats.excel_upload import TemplateUpload, UploadedRow, read_template

__all__ = [
    "DEFAULT_LABELS",
    "LABEL_KEYS",
    "TEMPLATE_VERSION",
    "Flag",
    "TemplateIdentity",
    "TemplateRow",
    "TemplateSpec",
    "TemplateUpload",
    "UploadedRow",
    "read_template",
    "write_template",
]

_THIN = Side(style="thin", color="BFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_LOCKED = Protection(locked=True)
_UNLOCKED = Protection(locked=False)
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_OFF_FILL = PatternFill("solid", fgColor="EDEDED")
_BOLD = Font(bold=True)
_TITLE_FONT = Font(bold=True, size=13)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_WRAPPED = frozenset({"indicator", "definition", "target"})


def write_template(spec: TemplateSpec, labels: Mapping[str, str] | None = None) -> bytes:
    """The template's ``.xlsx`` bytes; ``labels`` override ``DEFAULT_LABELS``."""
    words = merged_labels(labels)
    fields = {"plan_title": spec.plan_title, "department": spec.department_name,
              "year": str(spec.data_year), "deadline": spec.deadline, "round": spec.round_id}
    text = {key: value if key == "column.previous" else _fill(value, fields)
            for key, value in words.items()}  # fmt: skip
    flag_labels = {flag.value: text[f"flag.{flag.value}"] for flag in Flag}
    if any("," in label or not label for label in flag_labels.values()):
        raise ValueError("flag labels must be non-empty and contain no comma")
    keys = [row.key for row in spec.rows]
    if len(set(keys)) != len(keys) or not all(keys):
        raise ValueError("row keys must be unique and not empty")
    headers = _headers(text, spec.data_year)
    data_title = sheet_title(text["sheet.data"])
    instructions_title = sheet_title(text["sheet.instructions"])
    if data_title == instructions_title or META_SHEET in (data_title, instructions_title):
        raise ValueError("sheet names must differ from each other and from the metadata sheet")

    workbook = Workbook()
    workbook.security = WorkbookProtection(lockStructure=True)
    instructions = workbook.active
    assert isinstance(instructions, Worksheet)
    styles = _Styles(instructions)
    instructions.title = instructions_title
    _write_instructions(instructions, spec, text, styles)
    _write_data(workbook.create_sheet(data_title), spec, text, headers, flag_labels, styles)
    meta = workbook.create_sheet(META_SHEET)
    meta.sheet_state = "veryHidden"
    checksum = template_checksum(spec.template_version, spec.round_id, spec.department_code, keys)
    for row, values in enumerate(_metadata_rows(spec, data_title, headers, flag_labels, checksum),
                                 start=1):
        for column, value in enumerate(values, start=1):
            styles.put(meta, row, column, value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class _Styles:
    """Cell styles made once and copied onto cells.

    Setting font, fill, border, alignment and protection on each of 160,000
    cells makes openpyxl hash each style object each time (20 s for 10,000
    rows); copying a finished style array is what openpyxl itself does when
    it copies a cell's style.
    """

    def __init__(self, sheet: Worksheet) -> None:
        self.sheet = sheet  # any sheet of the workbook: styles belong to the workbook
        self.arrays: dict[str, Any] = {}
        label = {"border": _BORDER, "alignment": _TOP, "protection": _LOCKED}
        wrapped = {**label, "alignment": _WRAP}
        self._make("label", label)
        self._make("label_wrap", wrapped)
        self._make("off", {**label, "fill": _OFF_FILL})
        self._make("input", {**label, "protection": _UNLOCKED, "fill": _INPUT_FILL})
        self._make("input_wrap", {**wrapped, "protection": _UNLOCKED, "fill": _INPUT_FILL})
        self._make("header", {**wrapped, "font": _BOLD, "fill": _HEADER_FILL})
        self._make("title", {"font": _TITLE_FONT})
        self._make("bold", {"font": _BOLD})
        self._make("paragraph", {"alignment": _WRAP})
        self._make("number", {"alignment": Alignment(horizontal="right", vertical="top")})

    def _make(self, name: str, attributes: Mapping[str, Any]) -> None:
        cell = Cell(self.sheet, row=1, column=1)  # not placed on the sheet: only its style is kept
        for attribute, value in attributes.items():
            setattr(cell, attribute, value)
        self.arrays[name] = cell._style  # type: ignore[attr-defined]

    def put(self, sheet: Worksheet, row: int, column: int, value: Any, style: str = "") -> None:
        cell = sheet.cell(row=row, column=column, value=value)
        if isinstance(value, str):
            cell.data_type = "s"  # text stays text, even "=…": never a formula
        if style:
            cell._style = copy(self.arrays[style])


def _fill(template: str, fields: Mapping[str, str]) -> str:
    """Put the fields into a label's ``{name}`` places; other braces stay as they are."""
    for name, value in fields.items():
        template = template.replace("{" + name + "}", value)
    return template


def _headers(text: Mapping[str, str], data_year: int) -> list[str]:
    headers = []
    years = iter(previous_years(data_year))
    for column in COLUMN_IDS:
        if column.startswith("previous_"):
            headers.append(_fill(text["column.previous"], {"year": str(next(years))}))
        else:
            headers.append(text[f"column.{column}"])
    return headers


def _metadata_rows(spec: TemplateSpec, data_title: str, headers: Sequence[str],
                   flag_labels: Mapping[str, str], checksum: str) -> Iterator[list[str]]:  # fmt: skip
    yield ["marker", META_MARKER]
    yield ["version", str(spec.template_version)]
    yield ["round", spec.round_id]
    yield ["year", str(spec.data_year)]
    yield ["department", spec.department_code]
    yield ["data_sheet", data_title]
    yield ["columns", json.dumps(list(COLUMN_IDS))]
    yield ["headers", json.dumps(list(headers), ensure_ascii=False)]
    yield ["flags", json.dumps(flag_labels, ensure_ascii=False)]
    yield ["rows", str(len(spec.rows))]
    yield ["checksum", checksum]
    yield ["keys", "percent"]
    for row in spec.rows:
        yield [row.key, "1" if is_percent(row) else ""]


def _write_instructions(sheet: Worksheet, spec: TemplateSpec, text: Mapping[str, str],
                        styles: _Styles) -> None:  # fmt: skip
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 80
    _fit_to_page_width(sheet)
    sheet.protection.sheet = True
    styles.put(sheet, 1, 1, text["title"], "title")
    info = (("info.plan", spec.plan_title), ("info.department", spec.department_name),
            ("info.year", str(spec.data_year)), ("info.deadline", spec.deadline))  # fmt: skip
    for row, (key, value) in enumerate(info, start=3):
        styles.put(sheet, row, 1, text[key], "bold")
        styles.put(sheet, row, 2, value, "paragraph")
    paragraphs = [line for line in text["instructions"].splitlines() if line.strip()]
    for number, paragraph in enumerate(paragraphs, start=1):
        row = 3 + len(info) + number
        styles.put(sheet, row, 1, number, "number")
        styles.put(sheet, row, 2, paragraph, "paragraph")


def _fit_to_page_width(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]


def _write_data(sheet: Worksheet, spec: TemplateSpec, text: Mapping[str, str],
                headers: Sequence[str], flag_labels: Mapping[str, str], styles: _Styles) -> None:  # fmt: skip
    for column, width in COLUMNS:
        sheet.column_dimensions[LETTERS[column]].width = width
    sheet.column_dimensions["A"].hidden = True
    sheet.freeze_panes = f"{LETTERS['definition']}{FIRST_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _fit_to_page_width(sheet)
    protection = sheet.protection
    protection.sheet = True
    protection.formatColumns = False  # the reporter may widen columns and rows
    protection.formatRows = False
    _add_validations(sheet, spec.rows, text, flag_labels)
    styles.put(sheet, TITLE_ROW, 2, text["title"], "title")
    for index, header in enumerate(headers, start=1):
        styles.put(sheet, HEADER_ROW, index, header, "header")
    years = previous_years(spec.data_year)
    for number, row in enumerate(spec.rows, start=FIRST_ROW):
        values = _row_values(row, years, text, flag_labels)
        for index, name in enumerate(COLUMN_IDS, start=1):
            styles.put(sheet, number, index, values[name], _style_of(row, name))


def _row_values(row: TemplateRow, years: Sequence[int], text: Mapping[str, str],
                flag_labels: Mapping[str, str]) -> dict[str, Any]:  # fmt: skip
    values: dict[str, Any] = {
        "key": row.key, "code": row.indicator_code, "indicator": row.indicator_name,
        "unit": row.unit, "area": row.area_name,
        "breakdown": row.breakdown_label or text["breakdown.total"],
        "definition": row.definition, "target": row.target, "value": row.value,
        "numerator": row.numerator if row.is_rate else None,
        "denominator": row.denominator if row.is_rate else None,
        "flag": flag_labels.get(row.flag, ""),
        "note": (" " + row.note if row.note.startswith("=") else row.note) or None,
    }  # fmt: skip
    for index, year in enumerate(years):
        values[f"previous_{len(years) - index}"] = row.previous.get(year)
    return values


def _style_of(row: TemplateRow, column: str) -> str:
    if column in ("value", "flag"):
        return "input"
    if column == "note":
        return "input_wrap"
    if column in ("numerator", "denominator"):
        return "input" if row.is_rate else "off"
    return "label_wrap" if column in _WRAPPED else "label"


def _add_validations(sheet: Worksheet, rows: Sequence[TemplateRow],
                     text: Mapping[str, str], flag_labels: Mapping[str, str]) -> None:  # fmt: skip
    if not rows:
        return
    last = FIRST_ROW + len(rows) - 1
    percent = [FIRST_ROW + i for i, row in enumerate(rows) if is_percent(row)]
    rates = [FIRST_ROW + i for i, row in enumerate(rows) if row.is_rate]
    percent_set = set(percent)
    other = [n for n in range(FIRST_ROW, last + 1) if n not in percent_set]
    value, numerator, denominator = LETTERS["value"], LETTERS["numerator"], LETTERS["denominator"]
    flag = LETTERS["flag"]
    validations = (
        DataValidation(type="decimal", operator="between", formula1="0", formula2="100",
                       sqref=_ranges(value, percent), error=text["validation.percent"]),
        DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                       sqref=" ".join(filter(None, [_ranges(value, other),
                                                    _ranges(numerator, rates),
                                                    _ranges(denominator, rates)])),
                       error=text["validation.number"]),
        DataValidation(type="list", formula1='"' + ",".join(flag_labels.values()) + '"',
                       sqref=f"{flag}{FIRST_ROW}:{flag}{last}", error=text["validation.flag"]),
    )  # fmt: skip
    for validation in validations:
        if validation.sqref.ranges:
            validation.allow_blank = True
            validation.showErrorMessage = True
            validation.errorTitle = text["validation.title"]
            sheet.data_validations.append(validation)


def _ranges(letter: str, rows: Sequence[int]) -> str:
    """Cell ranges for runs of consecutive rows: "L3:L9 L12 L14:L20"."""
    runs: list[list[int]] = []
    for row in rows:
        if runs and row == runs[-1][1] + 1:
            runs[-1][1] = row
        else:
            runs.append([row, row])
    return " ".join(f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}" for a, b in runs)
