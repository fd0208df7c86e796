"""The statistical compendium (统计监测资料) as an Excel workbook.

``render_compendium_xlsx(model, phrases)`` writes an "about" sheet (title,
the sample-data mark when it applies, plan, region, years, who compiled it,
and the ``compendium.about`` text, a paragraph per line) and one sheet per
domain: a title row, a header row, then a row per indicator total and per
breakdown — code, indicator, unit, breakdown, a column per year (numbers,
with the indicator's decimals as the number format), target, status, the
national reference value with its year and source. Headers and the label
columns are frozen; every sheet prints on A4 landscape, one page wide, the
header row repeated, page numbers in the footer.
"""

from __future__ import annotations

import io
from collections.abc import Hashable, Mapping
from copy import copy

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from halfsky.domain.reports.compendium import Compendium, CompendiumSheet
from halfsky.domain.reports.messages import Message
from halfsky.formats.excel_layout import sheet_title
from halfsky.formats.reports.phrases import fill, render_text

TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
LABEL_COLUMNS = 4  # code, indicator, unit, breakdown: frozen
_THIN = Side(style="thin", color="999999")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
_TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
_FONT = "宋体"
_PLAIN, _BOLD = Font(name=_FONT), Font(name=_FONT, bold=True)
_MIDDLE = Alignment(vertical="center")
_MIDDLE_WRAPPED = Alignment(vertical="center", wrap_text=True)
_HEADER = Alignment(horizontal="center", vertical="center", wrap_text=True)


class _Styles:
    """Cell styles of one workbook, each set up once.

    openpyxl stores a cell's style as indexes into the workbook's lists of fonts,
    borders, fills…; setting ``cell.font`` hashes the font to find its index, which
    for every cell of a province's compendium was most of the time. The first cell
    of each kind is styled the ordinary way; the others get a copy of its indexes.
    """

    def __init__(self) -> None:
        self._made: dict[Hashable, Cell] = {}

    def apply(self, cell: Cell, key: Hashable, font: Font, alignment: Alignment,
              fill: PatternFill | None = None, number_format: str | None = None) -> None:
        model = self._made.get(key)
        if model is not None:
            cell._style = copy(model._style)  # type: ignore[attr-defined]
            return
        cell.font = font
        cell.alignment = alignment
        cell.border = _BORDER
        if fill is not None:
            cell.fill = fill
        if number_format is not None:
            cell.number_format = number_format
        self._made[key] = cell


def number_format(decimals: int) -> str:
    return "0" if decimals <= 0 else "0." + "0" * decimals


def _print_setup(sheet: Worksheet, footer: str, landscape: bool = True) -> None:
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape" if landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    properties = sheet.sheet_properties.pageSetUpPr
    if properties is not None:
        properties.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    if sheet.oddFooter is not None:
        sheet.oddFooter.center.text = fill(footer, {"page": "&P", "pages": "&N"})


def _about(sheet: Worksheet, model: Compendium, text: Mapping[str, str]) -> None:
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 90
    sheet["A1"] = render_text(model.title, text)
    sheet["A1"].font = Font(name=_FONT, size=16, bold=True)
    row = 2
    if model.sample or model.info.sample:
        sheet.cell(row, 1, render_text(Message("report.sample_notice"), text)).font = Font(
            name=_FONT, bold=True, color="C00000")
        row += 1
    years = f"{model.years[0]}–{model.years[-1]}" if model.years else ""
    info = (("compendium.info.plan", model.plan_title),
            ("compendium.info.region", model.info.region_name),
            ("compendium.info.years", years),
            ("compendium.info.issuer", model.info.issuer),
            ("compendium.info.date", model.info.date))
    for key, value in info:
        if value:
            sheet.cell(row, 1, text[key]).font = Font(name=_FONT, bold=True)
            sheet.cell(row, 2, value).font = Font(name=_FONT)
            row += 1
    row += 1
    for line in text["compendium.about"].splitlines():
        cell = sheet.cell(row, 1, line)
        cell.font = Font(name=_FONT)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        row += 1
    _print_setup(sheet, text["compendium.footer"], landscape=False)


def _headers(model: Compendium, text: Mapping[str, str]) -> list[str]:
    headers = [text["compendium.column.code"], text["compendium.column.indicator"],
               text["compendium.column.unit"], text["compendium.column.group"]]
    for year in model.years:
        key = "table.baseline_year" if year == model.baseline_year else "table.year"
        headers.append(fill(text[key], {"year": str(year)}))
    headers += [text["table.target"], text["table.status"], text["compendium.column.national"],
                text["compendium.column.national_year"],
                text["compendium.column.national_source"]]
    return headers


def _domain_sheet(sheet: Worksheet, model: Compendium, part: CompendiumSheet,
                  text: Mapping[str, str], styles: _Styles) -> None:
    headers = _headers(model, text)
    years = len(model.years)
    title = sheet.cell(TITLE_ROW, 1, f"{render_text(model.title, text)} · {part.name}")
    title.font = Font(name=_FONT, size=14, bold=True)
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(HEADER_ROW, column, header)
        styles.apply(cell, "header", _BOLD, _HEADER, _HEADER_FILL)
    for offset, row in enumerate(part.rows):
        r = FIRST_ROW + offset
        labels = (row.code, row.indicator, row.unit, render_text(row.group, text))
        tail = (render_text(row.target, text), render_text(row.status, text), row.national,
                row.national_year, render_text(row.national_source, text))
        for column, value in enumerate((*labels, *row.values, *tail), start=1):
            cell = sheet.cell(r, column, value)
            bold = row.is_total and column <= LABEL_COLUMNS
            wrapped = column in (2, 5 + years, 9 + years)
            fmt = None
            if LABEL_COLUMNS < column <= LABEL_COLUMNS + years:
                fmt = number_format(row.decimals)
            elif column == LABEL_COLUMNS + years + 3 and row.national is not None:
                fmt = "0.0##"
            styles.apply(cell, (bold, wrapped, row.is_total, fmt), _BOLD if bold else _PLAIN,
                         _MIDDLE_WRAPPED if wrapped else _MIDDLE,
                         _TOTAL_FILL if row.is_total else None, fmt)
    widths = [8, 34, 8, 12, *([10] * years), 20, 12, 11, 11, 36]
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.row_dimensions[HEADER_ROW].height = 30
    sheet.freeze_panes = f"{get_column_letter(LABEL_COLUMNS + 1)}{FIRST_ROW}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_title_cols = f"A:{get_column_letter(LABEL_COLUMNS)}"
    last = get_column_letter(len(headers))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{max(FIRST_ROW, HEADER_ROW + len(part.rows))}"
    _print_setup(sheet, text["compendium.footer"])


def render_compendium_xlsx(model: Compendium, phrases: Mapping[str, str]) -> bytes:
    """The compendium as ``.xlsx`` bytes, in the words of ``phrases``."""
    text = phrases
    workbook = Workbook()
    about = workbook.active
    assert about is not None
    about.title = sheet_title(text["compendium.sheet.about"])
    _about(about, model, text)
    used = {about.title}
    styles = _Styles()
    for part in model.sheets:
        name = sheet_title(part.name)
        while name in used:
            name = sheet_title(f"{name[:28]}_{len(used)}")
        used.add(name)
        _domain_sheet(workbook.create_sheet(name), model, part, text, styles)
    workbook.properties.title = render_text(model.title, text)
    workbook.properties.creator = model.info.issuer or "HalfSky"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
