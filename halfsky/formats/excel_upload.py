"""Reading an uploaded reporting template: what it holds, and every reason to refuse it.

``read_template`` never executes anything in the file (see ``xlsx_reader``).
The checks, in order; the first four stop the reading:

1. size (``excel.too_large``), then the file kind (``excel.not_xlsx``,
   ``excel.corrupt``, ``excel.too_large`` for a zip that unpacks too big);
2. the metadata sheet (``excel.missing_metadata``: absent or damaged);
3. version, department, round (``excel.wrong_version``,
   ``excel.wrong_department``, ``excel.wrong_round``);
4. the checksum (``excel.layout_changed``, reason ``checksum``), the rows the
   caller expects (``excel.outdated``: the task changed since the download),
   the data sheet (``excel.layout_changed``, reason ``sheet_missing``);
5. cell by cell: headers (``layout_changed``, reason ``header``), row keys in
   order (``layout_changed``, reasons ``rows`` and ``row_added``; a key
   given twice is ``excel.duplicate_row``), formulas (``excel.formula``),
   numbers (``excel.not_a_number``), flags (``excel.bad_flag``).

Numbers: see ``uploads``. A value cell that Excel formats as a percentage
(the reporter typed "12.5%") holds 0.125; on a percentage row it is read as
12.5, on any other row it is refused. Text "12.5%" likewise. Flags are read
by their label in the file or by their code ("provisional").

If ``problems`` is not empty the caller stores nothing; ``rows`` then holds
what could be read, for showing, or nothing when the file is not this
department's template for this round.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils.cell import get_column_letter

from halfsky.formats.excel_layout import (
    COLUMN_IDS,
    FIRST_ROW,
    HEADER_ROW,
    INPUTS,
    LETTERS,
    META_MARKER,
    META_SHEET,
    Flag,
    TemplateIdentity,
    template_checksum,
)
from halfsky.formats.uploads import (
    MAX_BYTES,
    MAX_UNPACKED_BYTES,
    FileProblem,
    NotANumber,
    UnreadableFile,
    cell_number,
    cell_text,
    check_size,
    parse_number_text,
)
from halfsky.formats.xlsx_reader import XlsxBook, XlsxCell, open_xlsx

_INDEX = {column: i for i, column in enumerate(COLUMN_IDS)}
_WIDTH = len(COLUMN_IDS)


@dataclass(frozen=True)
class UploadedRow:
    """The inputs of one row of an uploaded template."""

    key: str
    row: int  # the row number in the data sheet
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    flag: str = ""  # a Flag value or ""
    note: str = ""


@dataclass(frozen=True)
class TemplateUpload:
    """An uploaded template: its rows by key, and its problems (none: it may be stored)."""

    rows: Mapping[str, UploadedRow] = field(default_factory=dict)
    problems: Sequence[FileProblem] = ()
    data_sheet: str = ""

    @property
    def ok(self) -> bool:
        return not self.problems

    def cell(self, key: str, column: str) -> str:
        """Where a row's input is, e.g. ``cell(key, "value") == "数据!L7"``."""
        return f"{self.data_sheet}!{LETTERS[column]}{self.rows[key].row}"


@dataclass(frozen=True)
class _Metadata:
    version: int
    round_id: str
    year: int
    department: str
    data_sheet: str
    columns: list[str]
    headers: list[str]
    flags: dict[str, str]
    row_count: int
    checksum: str
    keys: list[str]
    percent: list[bool]


def read_template(data: bytes, expected: TemplateIdentity, *, max_bytes: int = MAX_BYTES,
                  max_unpacked: int = MAX_UNPACKED_BYTES) -> TemplateUpload:  # fmt: skip
    """Read an uploaded template for the round and department ``expected``."""
    try:
        check_size(data, max_bytes, "excel.too_large")
        book = open_xlsx(data, prefix="excel", max_unpacked=max_unpacked)
    except UnreadableFile as error:
        return TemplateUpload(problems=[FileProblem(error.code, params=error.params)])
    try:
        return _read(book, expected)
    except Exception:  # sheets are parsed lazily: a broken one fails only now
        return TemplateUpload(problems=[FileProblem("excel.corrupt")])
    finally:
        book.close()


def _read(book: XlsxBook, expected: TemplateIdentity) -> TemplateUpload:
    meta = _read_metadata(book)
    if meta is None:
        return TemplateUpload(problems=[FileProblem("excel.missing_metadata")])
    identity = _identity_problems(meta, expected)
    if identity:
        return TemplateUpload(problems=identity)
    if meta.data_sheet not in book.sheet_names:
        return TemplateUpload(problems=[FileProblem("excel.layout_changed", meta.data_sheet,
                                                    params={"reason": "sheet_missing"})])
    reader = _DataReader(meta, book)
    reader.read(book.rows(meta.data_sheet))
    return TemplateUpload(reader.rows, reader.problems, meta.data_sheet)


def _identity_problems(meta: _Metadata, expected: TemplateIdentity) -> list[FileProblem]:
    if meta.version != expected.template_version:
        return [FileProblem("excel.wrong_version", params={
            "expected": expected.template_version, "found": meta.version})]
    problems = []
    if meta.department != expected.department_code:
        problems.append(FileProblem("excel.wrong_department", params={
            "expected": expected.department_code, "found": meta.department}))
    if meta.round_id != expected.round_id:
        problems.append(FileProblem("excel.wrong_round", params={
            "expected": expected.round_id, "found": meta.round_id, "found_year": meta.year}))
    if problems:
        return problems
    checksum = template_checksum(meta.version, meta.round_id, meta.department, meta.keys)
    if (checksum != meta.checksum or meta.row_count != len(meta.keys)
            or meta.columns != list(COLUMN_IDS) or len(meta.headers) != _WIDTH):
        return [FileProblem("excel.layout_changed", params={"reason": "checksum"})]
    if expected.row_keys is not None and list(expected.row_keys) != meta.keys:
        return [FileProblem("excel.outdated", params={
            "expected_rows": len(expected.row_keys), "found_rows": len(meta.keys)})]
    return []


def _read_metadata(book: XlsxBook) -> _Metadata | None:
    if META_SHEET not in book.sheet_names:
        return None
    fields: dict[str, str] = {}
    keys: list[str] = []
    percent: list[bool] = []
    in_keys = False
    for _, cells in book.rows(META_SHEET):
        by_column = {cell.column: cell.value for cell in cells}
        name = by_column.get(1, "")
        value = by_column.get(2, "")
        if not isinstance(name, str) or not isinstance(value, str):
            return None  # the writer puts text only
        if in_keys:
            keys.append(name)
            percent.append(value == "1")
        elif name == "keys":
            in_keys = True
        else:
            fields[name] = value
    try:
        if fields.get("marker") != META_MARKER:
            return None
        flags = json.loads(fields["flags"])
        columns, headers = json.loads(fields["columns"]), json.loads(fields["headers"])
        if not (isinstance(flags, dict) and isinstance(columns, list) and isinstance(headers, list)):
            return None
        return _Metadata(
            version=int(fields["version"]), round_id=fields["round"], year=int(fields["year"]),
            department=fields["department"], data_sheet=fields["data_sheet"],
            columns=[str(c) for c in columns], headers=[str(h) for h in headers],
            flags={str(code): str(label) for code, label in flags.items()},
            row_count=int(fields["rows"]), checksum=fields["checksum"], keys=keys,
            percent=percent,
        )  # fmt: skip
    except (KeyError, ValueError):
        return None


class _DataReader:
    """Reads the data sheet row by row into rows and problems."""

    def __init__(self, meta: _Metadata, book: XlsxBook) -> None:
        self.meta = meta
        self.book = book
        self.sheet = meta.data_sheet
        self.rows: dict[str, UploadedRow] = {}
        self.problems: list[FileProblem] = []
        self.found: list[tuple[str, int]] = []  # first occurrences of keys, in sheet order
        self.first_row: dict[str, int] = {}
        self.flags = {label: code for code, label in meta.flags.items()}
        self.flags.update({flag.value: flag.value for flag in Flag})
        self.percent = dict(zip(meta.keys, meta.percent, strict=True))

    def problem(self, code: str, cell: str, **params: str | int | float) -> None:
        self.problems.append(FileProblem(code, self.sheet, cell, params=params))

    def read(self, rows: Iterator[tuple[int, list[XlsxCell]]]) -> None:
        header_seen = False
        for number, cells in rows:
            by_column = {cell.column: cell for cell in cells}
            if number == HEADER_ROW:
                header_seen = True
                self._check_header(by_column)
            elif number >= FIRST_ROW:
                self._read_row(number, by_column)
            self._check_stray_formulas(number, cells)
        if not header_seen:
            self._check_header({})
        self._check_order()

    def _check_header(self, cells: Mapping[int, XlsxCell]) -> None:
        for index, header in enumerate(self.meta.headers):
            cell = cells.get(index + 1)
            found = cell_text(cell.value) if cell is not None else ""
            if found != header:
                self.problem("excel.layout_changed", f"{_letter(index)}{HEADER_ROW}",
                             reason="header", expected=header, found=found)
                return
        extra = sorted(column for column in cells if column > _WIDTH)
        if extra:
            self.problem("excel.layout_changed", f"{_letter(extra[0] - 1)}{HEADER_ROW}",
                         reason="header", expected="", found=cell_text(cells[extra[0]].value))

    def _read_row(self, number: int, cells: Mapping[int, XlsxCell]) -> None:
        key_cell = cells.get(1)
        key = cell_text(key_cell.value) if key_cell is not None else ""
        if not key:
            self.problem("excel.layout_changed", f"A{number}", reason="row_added")
            return
        if key in self.first_row:
            self.problem("excel.duplicate_row", f"{LETTERS['code']}{number}",
                         key=key, first_row=self.first_row[key])
            return
        self.first_row[key] = number
        self.found.append((key, number))
        values: dict[str, Any] = {}
        for column in INPUTS:
            values[column] = self._input(key, number, column, cells.get(_INDEX[column] + 1))
        self.rows[key] = UploadedRow(key, number, **values)

    def _input(self, key: str, number: int, column: str, cell: XlsxCell | None) -> Any:
        empty = "" if column in ("flag", "note") else None
        if cell is None:
            return empty
        where = f"{LETTERS[column]}{number}"
        if cell.kind == "formula" or (isinstance(cell.value, str) and cell.value.startswith("=")):
            self.problem("excel.formula", where, formula=str(cell.value)[:60])
            return empty
        if column == "note":
            return cell_text(cell.value)
        if column == "flag":
            text = cell_text(cell.value)
            code = self.flags.get(text, self.flags.get(text.lower()))
            if code is None and text:
                self.problem("excel.bad_flag", where, value=text,
                             allowed=" / ".join(self.meta.flags.values()))
            return code or ""
        return self._number(key, column, cell, where)

    def _number(self, key: str, column: str, cell: XlsxCell, where: str) -> float | None:
        percent_row = self.percent.get(key, False)
        value = cell.value
        try:
            if cell.kind == "text" and isinstance(value, str):
                parsed = parse_number_text(value, allow_percent=column == "value")
                if parsed is None:
                    return None
                if parsed[1] and not percent_row:
                    raise NotANumber(value.strip())
                return parsed[0]
            number = cell_number(value, cell.kind)
            if number is not None and "%" in self.book.number_format(cell.style):
                if column != "value" or not percent_row:
                    raise NotANumber(f"{number * 100:g}%")
                number = round(number * 100, 10)
            return number
        except NotANumber as error:
            self.problem("excel.not_a_number", where, value=error.text, column=column)
            return None

    def _check_stray_formulas(self, number: int, cells: Sequence[XlsxCell]) -> None:
        """Formulas outside the input cells: label cells, added columns, the title."""
        for cell in cells:
            if cell.kind != "formula":
                continue
            column = COLUMN_IDS[cell.column - 1] if cell.column <= _WIDTH else ""
            if number >= FIRST_ROW and (column in INPUTS or column == "key"):
                continue  # reported with the input; a key formula is a changed layout
            self.problem("excel.formula", cell.ref, formula=str(cell.value)[:60])

    def _check_order(self) -> None:
        expected = self.meta.keys
        found = [key for key, _ in self.found]
        if found == expected:
            return
        mismatch = next((i for i, (a, b) in enumerate(zip(expected, found, strict=False))
                         if a != b), min(len(expected), len(found)))  # fmt: skip
        row = self.found[mismatch][1] if mismatch < len(found) else FIRST_ROW + len(found)
        self.problem("excel.layout_changed", f"A{row}", reason="rows",
                     expected_rows=len(expected), found_rows=len(found))


def _letter(index: int) -> str:
    return get_column_letter(index + 1)
