"""The bad-file corpus: files that only look like what they claim, made at test time.

``real_pdf`` is the good file to compare with: a real PDF that pypdf writes.

Nothing large is committed: a zip bomb is written here in a fraction of a second
(hundreds of MB of one repeated byte deflate to a few hundred KB) and cached.
"""

from __future__ import annotations

import functools
import io
import random
import zipfile

from pypdf import PdfWriter

MB = 1024 * 1024
CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                 'openxmlformats.org/package/2006/content-types"/>')


def real_pdf(pages: int = 1) -> bytes:
    """A real PDF of blank A4 pages (pypdf writes it): evidence is parsed before it is stored."""
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def fake_pdf() -> bytes:
    """Starts like a PDF (``%PDF-1.7``), then 20 KB of noise: no body, no cross-reference."""
    noise = random.Random(15).randbytes(20_000)
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + noise


def fake_png() -> bytes:
    """A PNG signature followed by noise."""
    return b"\x89PNG\r\n\x1a\n" + random.Random(16).randbytes(5_000)


def _bomb(members: dict[str, bytes], big: str, unpacked: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
        chunk = b" " * MB
        with archive.open(big, "w", force_zip64=True) as member:
            member.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
                         b'openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(unpacked // MB):
                member.write(chunk)
            member.write(b"</w:body></w:document>")
    return buffer.getvalue()


@functools.cache
def docx_bomb(unpacked: int = 260 * MB) -> bytes:
    """A .docx of a few hundred KB whose document.xml unpacks to ``unpacked`` bytes."""
    return _bomb({"[Content_Types].xml": CONTENT_TYPES.encode()}, "word/document.xml",
                 unpacked)


@functools.cache
def xlsx_bomb(unpacked: int = 260 * MB) -> bytes:
    """An .xlsx whose one sheet unpacks to ``unpacked`` bytes."""
    return _bomb({"[Content_Types].xml": CONTENT_TYPES.encode(), "xl/workbook.xml": b"<x/>"},
                 "xl/worksheets/sheet1.xml", unpacked)


def deep_sdmx_json(depth: int = 100_000) -> bytes:
    """An SDMX-JSON message with one array nested ``depth`` deep (a RecursionError in
    Python's parser without a depth limit)."""
    return (b'{"meta": {"schema": "sdmx-json-data-2.0"}, "data": {"dataSets": '
            + b"[" * depth + b"]" * depth + b"}}")


def docx_entity_bomb() -> bytes:
    """A small .docx whose document declares nested entities ("billion laughs")."""
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 10))
    document = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e0 "ha">{entities}]>'
                '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/'
                'main"><w:body><w:p><w:r><w:t>&e9;</w:t></w:r></w:p></w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()
