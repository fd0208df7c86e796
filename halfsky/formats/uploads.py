"""Uploaded files: problems by place, size limits, numbers as people type them.

Shared by the Excel template reader and the history import (CSV and xlsx).

Numbers written as text are accepted in the forms people type: "12.5",
"1,234.5" (comma thousands), full-width digits and points ("１２．５"), a
leading sign; spaces anywhere are ignored ("1 234"). Anything else ("约12",
"12人", "-", "—", "/", "无", "1.2.3", "nan", "1e3") is not a number: a value
that does not apply is marked with a flag, never with a dash.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field

from halfsky.domain.errors import CodedError

Param = float | int | str

MAX_BYTES = 10_000_000
MAX_UNPACKED_BYTES = 250_000_000  # a 10,000-row template unpacks to about 12 MB
ZIP_MAGIC = b"PK\x03\x04"
# Every zip an upload opens (xlsx, docx) goes through ``open_zip``: at most this many
# members, and — once it unpacks to more than RATIO_FLOOR — at most MAX_RATIO times
# its packed size (a 10,000-row template packs about 1:8, a report .docx 1:4;
# a zip bomb 1:1000).
MAX_MEMBERS = 2_000
MAX_RATIO = 100
RATIO_FLOOR = 20_000_000

_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+")
_SPACES = re.compile(r"[\s\u00a0\u3000]+")
_PLAIN = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # most numbers of a file: read at once


@dataclass(frozen=True)
class FileProblem:
    """A problem with an uploaded file, at a sheet and cell, at a CSV line, or in general."""

    code: str
    sheet: str = ""
    cell: str = ""  # "D7"
    line: int = 0  # CSV line, 1 = the header
    params: Mapping[str, Param] = field(default_factory=dict)

    @property
    def where(self) -> str:
        """"数据!D7"; "数据" for a whole sheet; the line number as text; "" for the file."""
        if self.sheet and self.cell:
            return f"{self.sheet}!{self.cell}"
        if self.line:
            return str(self.line)
        return self.sheet


class UnreadableFile(CodedError):
    """A file that is too large, of the wrong kind, or broken."""

    params: Mapping[str, Param]


def check_size(data: bytes, max_bytes: int, code: str) -> None:
    """Refuse a file by its size, before anything looks inside it."""
    if len(data) > max_bytes:
        raise UnreadableFile(code, {"size": len(data), "limit": max_bytes})


def open_zip(data: bytes, *, max_unpacked: int = MAX_UNPACKED_BYTES,
             max_members: int = MAX_MEMBERS, max_ratio: int = MAX_RATIO) -> zipfile.ZipFile:
    """Open an uploaded zip (xlsx, docx) after checking what it would unpack to.

    Raises ``UnreadableFile``: ``zip.corrupt`` (not a zip, or a broken one),
    ``zip.too_large`` (its members unpack to more than ``max_unpacked`` bytes),
    ``zip.too_many_members`` or ``zip.ratio`` (unpacks to far more than it packs:
    a zip bomb). The sizes checked are those the archive declares; ``zipfile``
    never unpacks a member beyond its declared size (a lying member fails its CRC).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise UnreadableFile("zip.corrupt") from None
    members = archive.infolist()
    unpacked = sum(member.file_size for member in members)
    packed = max(1, sum(member.compress_size for member in members))
    problem: tuple[str, dict[str, Param]] | None = None
    if len(members) > max_members:
        problem = ("zip.too_many_members", {"count": len(members), "limit": max_members})
    elif unpacked > max_unpacked:
        problem = ("zip.too_large", {"size": unpacked, "limit": max_unpacked, "unpacked": 1})
    elif unpacked > RATIO_FLOOR and unpacked > packed * max_ratio:
        problem = ("zip.ratio", {"size": unpacked, "ratio": unpacked // packed,
                                 "limit": max_ratio})
    if problem is not None:
        archive.close()
        raise UnreadableFile(*problem)
    return archive


class NotANumber(ValueError):
    """A cell or field that should hold a number holds something else."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def parse_number_text(text: str, *, allow_percent: bool = False) -> tuple[float, bool] | None:
    """Parse a number typed as text; ``None`` for an empty text.

    Returns the number and whether it carried a trailing "%" (accepted only
    with ``allow_percent``). Raises ``NotANumber``.
    """
    if _PLAIN.fullmatch(text) and math.isfinite(number := float(text)):
        return number, False
    cleaned = _SPACES.sub("", unicodedata.normalize("NFKC", text))
    if not cleaned:
        return None
    percent = allow_percent and cleaned.endswith("%")
    body = cleaned[:-1] if percent else cleaned
    if not _NUMBER.fullmatch(body):
        raise NotANumber(text.strip())
    number = float(body.replace(",", ""))
    if not math.isfinite(number):
        raise NotANumber(text.strip())
    return number, percent


def cell_number(value: str | float | bool, kind: str) -> float | None:
    """The number in a spreadsheet cell: a number, or a number stored as text.

    Raises ``NotANumber`` for other text, booleans, dates and error values
    (#DIV/0!). Formulas are the caller's to refuse first.
    """
    if kind == "number" and isinstance(value, float):
        if not math.isfinite(value):
            raise NotANumber(str(value))
        return value
    if kind == "text" and isinstance(value, str):
        parsed = parse_number_text(value)
        return None if parsed is None else parsed[0]
    raise NotANumber(cell_text(value))


def cell_text(value: str | float | bool | None) -> str:
    """A cell's content as text ("" for empty); whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value.strip()
