"""Earlier years' values from a CSV or xlsx table (the package says what is read)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import replace

from charset_normalizer import from_bytes
from openpyxl.utils.cell import get_column_letter

from halfsky.domain import breakdowns
from halfsky.domain.value_key import ValueKey
from halfsky.formats.earlier_years.rows import (
    BREAKDOWN_WORDS,
    FIRST_YEAR,
    HEADER_WORDS,
    LAST_YEAR,
    NUMBER_COLUMNS,
    REQUIRED_COLUMNS,
    HistoryFile,
    HistoryRow,
)
from halfsky.formats.uploads import (
    FileProblem,
    NotANumber,
    UnreadableFile,
    cell_number,
    cell_text,
    parse_number_text,
)
from halfsky.formats.xlsx_reader import open_xlsx

OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, or an encrypted xlsx

# One field as read: its value, its kind (text, number, bool, error, date, formula), its place.
_Field = tuple[str | float | bool, str, str]


ENCODINGS = {"utf_8": "utf-8", "gb18030": "gb18030"}  # charset-normalizer's name → ours


def _recognised(data: bytes) -> list[str]:
    """The encodings to try, the one the content reads best in first: a UTF-8 BOM says
    UTF-8; else charset-normalizer weighs how Chinese-like each reading is, so a GB18030
    file whose bytes also happen to be valid UTF-8 is not read as UTF-8 gibberish."""
    if data.startswith(b"\xef\xbb\xbf") or data.isascii():
        return ["utf-8"]
    best = from_bytes(data, cp_isolation=list(ENCODINGS)).best()
    first = ENCODINGS.get(best.encoding, "utf-8") if best is not None else "utf-8"
    return [first, *(name for name in ENCODINGS.values() if name != first)]


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was in: utf-8 (BOM or not) or gb18030, recognised by
    the content (``_recognised``)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile("history.bad_encoding", {"encoding": "utf-16"})
    for name in _recognised(data):
        try:
            text = data.decode("utf-8-sig" if name == "utf-8" else name)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            break
        return text, name
    raise UnreadableFile("history.bad_encoding", {"encoding": ""})


def read_csv(data: bytes) -> HistoryFile:
    text, encoding = decode(data)
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def records() -> Iterator[tuple[int, dict[int, _Field]]]:
        start = 1
        for record in reader:
            yield start, {i: (value, "formula" if value.startswith("=") else "text", str(start))
                          for i, value in enumerate(record)}  # fmt: skip
            start = reader.line_num + 1

    try:
        return replace(_Reader("").read(records()), encoding=encoding)
    except csv.Error:  # e.g. a NUL byte or an unterminated quote at the end
        raise UnreadableFile("history.bad_encoding", {"encoding": ""}) from None


# --------------------------------------------------------------------------
# xlsx


def read_xlsx(data: bytes) -> HistoryFile:
    book = open_xlsx(data, prefix="history")
    try:
        visible = [sheet for sheet in book.sheets if sheet.state == "visible"] or book.sheets
        name = visible[0].name

        def records() -> Iterator[tuple[int, dict[int, _Field]]]:
            for number, cells in book.rows(name):
                yield number, {cell.column - 1: (cell.value, cell.kind, cell.ref)
                               for cell in cells}  # fmt: skip

        return _Reader(name).read(records())
    except UnreadableFile:
        raise
    except Exception:  # sheets are parsed lazily: a broken one fails only now
        raise UnreadableFile("history.corrupt") from None
    finally:
        book.close()


# --------------------------------------------------------------------------
# Rows, whatever the file kind


class _Reader:
    def __init__(self, sheet: str) -> None:
        self.sheet = sheet
        self.problems: list[FileProblem] = []
        self.rows: list[HistoryRow] = []
        self.seen: dict[ValueKey[str], str] = {}

    def problem(self, code: str, where: str, **params: str | int | float) -> None:
        if self.sheet:
            self.problems.append(FileProblem(code, self.sheet, where, params=params))
        else:
            self.problems.append(FileProblem(code, line=int(where), params=params))

    def read(self, records: Iterator[tuple[int, dict[int, _Field]]]) -> HistoryFile:
        columns: dict[str, int] | None = None
        for number, fields in records:
            if not any(cell_text(value) for value, _, _ in fields.values()):
                continue
            if columns is None:
                columns = self._header(number, fields)
                if columns is None:
                    return self._result()
                continue
            self._row(number, fields, columns)
        if columns is None or (not self.rows and not self.problems):
            self.problems.append(FileProblem("history.empty", self.sheet))
        return self._result()

    def _result(self) -> HistoryFile:
        return HistoryFile(self.rows, self.problems, self.sheet)

    def _header(self, number: int, fields: Mapping[int, _Field]) -> dict[str, int] | None:
        """The columns by the header's words (``HEADER_WORDS``: English or Chinese, and one
        column per breakdown dimension: ``sex``, ``urban_rural``, ``age_band``); only
        ``REQUIRED_COLUMNS`` and a value (or numerator and denominator) must be there."""
        columns: dict[str, int] = {}
        for index, (value, _, _) in sorted(fields.items(), reverse=True):
            word = cell_text(value).lstrip("\ufeff").strip()
            column = HEADER_WORDS.get(word.lower()) or HEADER_WORDS.get(word)
            if column is None and word.lower() in breakdowns.DIMENSIONS:
                column = word.lower()
            if column is not None:
                columns[column] = index
        missing = [column for column in REQUIRED_COLUMNS if column not in columns]
        if "value" not in columns and not {"numerator", "denominator"} <= set(columns):
            missing.append("value")
        if missing:
            where = f"A{number}" if self.sheet else str(number)
            self.problem("history.missing_columns", where, missing=", ".join(missing),
                         expected=", ".join((*REQUIRED_COLUMNS, "value")))
            return None
        return columns

    def _row(self, number: int, fields: Mapping[int, _Field], columns: Mapping[str, int]) -> None:
        before = len(self.problems)
        texts: dict[str, str] = {}
        numbers: dict[str, float | None] = {}
        for column, index in columns.items():
            value, kind, where = fields.get(index, ("", "text", self._where(number, index)))
            if kind == "formula":
                self.problem("history.formula", where, column=column, formula=str(value)[:60])
                continue
            text = cell_text(value)
            if column in NUMBER_COLUMNS:
                numbers[column] = self._number(value, kind, text, column, where)
            else:
                texts[column] = text
        year = self._year(texts["year"], self._where(number, columns["year"])) \
            if "year" in texts else None
        if "breakdown" in texts:  # 女 → sex=female, 合计 → the total
            texts["breakdown"] = BREAKDOWN_WORDS.get(texts["breakdown"].strip(),
                                                     texts["breakdown"])
        for column in ("indicator", "area"):
            if column in texts and not texts[column]:
                self.problem("history.missing_field", self._where(number, columns[column]),
                             column=column)
        breakdown = self._breakdown(texts, self._where(number, columns.get(
            "breakdown", min(columns.values()))))
        if len(self.problems) > before or year is None or breakdown is None:
            return
        key = ValueKey(texts["indicator"], texts["area"], year, breakdown)
        where = self._where(number, columns["indicator"])
        if key in self.seen:
            self.problem("history.duplicate_row", where, first=self.seen[key])
            return
        self.seen[key] = where
        self.rows.append(HistoryRow(
            number, texts["indicator"], texts["area"], year, breakdown,
            numbers.get("value"), numbers.get("numerator"), numbers.get("denominator"),
            texts.get("source", ""), texts.get("note", ""),
        ))  # fmt: skip

    def _breakdown(self, texts: Mapping[str, str], where: str) -> str | None:
        """The canonical breakdown of the breakdown column and any dimension columns."""
        parts = [texts.get("breakdown", "").strip()]
        parts += [f"{d}={texts[d].strip()}" for d in breakdowns.DIMENSIONS if texts.get(d, "").strip()]
        if not any(parts):  # the total
            return ""
        try:
            return breakdowns.canonical(breakdowns.SEPARATOR.join(p for p in parts if p))
        except breakdowns.BreakdownError as error:
            self.problem(error.code, where, **{k: str(v) for k, v in error.params.items()})
            return None

    def _number(self, value: str | float | bool, kind: str, text: str, column: str,
                where: str) -> float | None:  # fmt: skip
        try:
            return cell_number(value, kind)
        except NotANumber:
            self.problem("history.not_a_number", where, column=column, value=text)
            return None

    def _year(self, text: str, where: str) -> int | None:
        try:
            parsed = parse_number_text(text)
        except NotANumber:
            parsed = None
        if parsed is None or not parsed[0].is_integer() or not FIRST_YEAR <= parsed[0] <= LAST_YEAR:
            self.problem("history.bad_year", where, value=text)
            return None
        return int(parsed[0])

    def _where(self, number: int, index: int) -> str:
        return f"{get_column_letter(index + 1)}{number}" if self.sheet else str(number)

