"""Turn a plan document file into text the plan-document parser reads.

Accepted: Markdown or plain text (UTF-8, UTF-16 with a BOM, or GB18030 as
Chinese Windows saves it), Word ``.docx``, HTML saved from a government
site, and PDF with a text layer. The format is recognised from the content
(a misnamed upload still reads); the file name's suffix only breaks ties.
Headings become Markdown ``#`` lines and paragraphs are separated by blank
lines, so one parser handles every format.

Everything that goes wrong raises :class:`PlanImportError` with a message
code: a file over :data:`MAX_DOCUMENT_BYTES` is refused before it is read.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from halfsky.domain.errors import CodedError
from halfsky.formats.plan_import.html_text import html_to_text, table_cell
from halfsky.formats.uploads import UnreadableFile, open_zip

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024  # a published plan is well under 5 MB, even as PDF
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # a .docx unpacked: images included
MAX_TEXT_CHARS = 2_000_000  # after extraction: a plan has ~50,000 characters
FORMATS = ("text", "docx", "html", "pdf")


class PlanImportError(CodedError, ValueError):
    """A document that cannot be imported; nothing was written.

    ``code`` is a message code (``plan_import.too_large`` …) translated at
    the edge; ``params`` fills the message.
    """


def check_size(size: int) -> None:
    if size > MAX_DOCUMENT_BYTES:
        raise PlanImportError("plan_import.too_large", size=size, limit=MAX_DOCUMENT_BYTES)
    if size == 0:
        raise PlanImportError("plan_import.empty")


def read_file_bytes(path: str | Path) -> bytes:
    """A document's bytes, refused by its size before it is read."""
    path = Path(path)
    if not path.is_file():
        raise PlanImportError("plan_import.not_found", path=str(path))
    check_size(path.stat().st_size)
    return path.read_bytes()


def detect_format(data: bytes, filename: str = "") -> str:
    """``text``, ``docx``, ``html`` or ``pdf``; others raise ``plan_import.unsupported_format``."""
    suffix = Path(filename).suffix.lower()
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            archive = open_zip(data, max_unpacked=MAX_UNPACKED_BYTES)
        except UnreadableFile as error:  # broken, or a zip bomb: nothing is read
            if error.code == "zip.corrupt":
                raise PlanImportError("plan_import.unreadable", format="zip") from None
            if error.code == "zip.too_large":
                raise PlanImportError("plan_import.too_large", error.params) from None
            raise PlanImportError(error.code, error.params) from None
        with archive:
            if "word/document.xml" in archive.namelist():
                return "docx"
        raise PlanImportError("plan_import.unsupported_format", format=suffix or "zip")
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # Word 97–2003 .doc, WPS .wps
        raise PlanImportError("plan_import.unsupported_format", format=suffix or ".doc")
    lowered = head[:200].lower()
    if suffix in (".html", ".htm", ".shtml", ".xhtml") or lowered.startswith(
        (b"<!doctype html", b"<html", b"<?xml")
    ):
        return "html"
    return "text"


def decode_text(data: bytes) -> str:
    """Text in UTF-8 (BOM or not), UTF-16 with a BOM, or GB18030; binary is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise PlanImportError("plan_import.binary") from None
    if b"\x00" in data:
        raise PlanImportError("plan_import.binary")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f")
        if controls > len(text) // 100:
            break
        return text
    raise PlanImportError("plan_import.binary")


def _docx_text(data: bytes) -> str:
    # python-docx and pypdf load only for the documents that need them.
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on a damaged file
        raise PlanImportError("plan_import.unreadable", format="docx") from error
    lines: list[str] = []
    counters: dict[tuple[str, str], int] = {}
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}tbl"):
            lines.append("\n".join(_table_rows(Table(child, document))))
        elif child.tag.endswith("}p"):
            line = _paragraph_line(Paragraph(child, document), counters)
            if line:
                lines.append(line)
    return "\n\n".join(lines)


def _table_rows(table: object) -> list[str]:
    """A Word table as ``| a | b |`` rows; a merged cell counts once."""
    rows = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            cells.append(table_cell(cell.text))
        rows.append("| " + " | ".join(cells) + " |")
    return rows


def _paragraph_line(paragraph: object, counters: dict[tuple[str, str], int]) -> str:
    from docx.oxml.ns import qn  # python-docx, only for a .docx

    text: str = paragraph.text.strip()  # type: ignore[attr-defined]
    if not text:
        return ""
    style_object = paragraph.style  # type: ignore[attr-defined]
    style = style_object.name if style_object is not None else ""
    level = re.search(r"(?:Heading|标题)\s*(\d)", style or "")
    if level or style == "Title":
        counters.clear()
        return "#" * (int(level.group(1)) if level else 1) + " " + text
    number = _list_number(paragraph, style, counters, qn)
    runs = [run for run in paragraph.runs if run.text.strip()]  # type: ignore[attr-defined]
    if runs and all(run.bold for run in runs) and number is None:
        return f"**{text}**"
    return f"{number}. {text}" if number is not None else text


def _list_number(paragraph: object, style: str, counters: dict[tuple[str, str], int],
                 qn: object) -> int | None:
    """The number Word shows in front of an automatically numbered paragraph."""
    p = paragraph._p  # type: ignore[attr-defined]
    num_pr = p.pPr.numPr if p.pPr is not None else None
    if num_pr is not None and num_pr.numId is not None:
        key = (str(num_pr.numId.val), str(num_pr.ilvl.val if num_pr.ilvl is not None else 0))
    elif style.startswith("List Number"):
        key = (style, "0")
    else:
        return None
    if key[1] != "0":
        return None
    counters[key] = counters.get(key, 0) + 1
    return counters[key]


def _pdf_text(data: bytes) -> str:
    # pypdf loads only for a PDF.
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise PlanImportError("plan_import.encrypted")
        pages = [page.extract_text() or "" for page in reader.pages]
    except PlanImportError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise PlanImportError("plan_import.unreadable", format="pdf") from error
    text = "\n".join(page.replace("\x00", "") for page in pages)
    if not text.strip():
        raise PlanImportError("plan_import.no_text_layer")
    return text


def document_text(data: bytes, filename: str = "") -> tuple[str, str]:
    """(format, text) of a document's bytes."""
    check_size(len(data))
    kind = detect_format(data, filename)
    if kind == "pdf":
        text = _pdf_text(data)
    elif kind == "docx":
        text = _docx_text(data)
    elif kind == "html":
        text = html_to_text(decode_text(data))
    else:
        text = decode_text(data)
    if len(text) > MAX_TEXT_CHARS:
        raise PlanImportError("plan_import.too_long", chars=len(text), limit=MAX_TEXT_CHARS)
    if not text.strip():
        raise PlanImportError("plan_import.empty")
    return kind, text
