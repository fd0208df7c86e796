"""Opening an uploaded file with its format's reader before it is stored.

A file that only starts like a PDF, a Word document or an image is not
enough: ``check_content`` reads it — a PDF with pypdf (every page found), a
.docx through the bounded unzip (``uploads.open_zip``) and python-docx (its
XML parsed by lxml without resolving entities), a PNG or JPEG with Pillow —
and raises ``UnreadableFile("file.damaged", {"format": …})`` for a file its
reader cannot open, or the ``zip.*`` codes of ``open_zip``.
"""

from __future__ import annotations

import io
import logging
import warnings
import zipfile

from halfsky.formats.uploads import MAX_UNPACKED_BYTES, UnreadableFile, open_zip

FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (.docx)", "png": "PNG", "jpeg": "JPEG"}


def _damaged(kind: str) -> UnreadableFile:
    return UnreadableFile("file.damaged", {"format": FORMAT_NAMES.get(kind, kind)})


def check_pdf(data: bytes) -> int:
    """The number of pages of a PDF that pypdf reads in full."""
    from pypdf import PdfReader  # loaded only when a PDF is checked

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # a damaged file is our error, not a log's
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data), strict=False)
            pages = len(reader.pages)
            for page in reader.pages:
                page.mediabox  # noqa: B018 (each page object must resolve)
    except Exception:  # an untrusted file breaks a parser in many ways
        raise _damaged("pdf") from None
    if pages == 0:
        raise _damaged("pdf")
    return pages


def check_docx(data: bytes, *, max_unpacked: int = MAX_UNPACKED_BYTES) -> None:
    """A .docx whose zip passes the limits and whose document python-docx opens."""
    from docx import Document  # loaded only when a Word file is checked

    with open_zip(data, max_unpacked=max_unpacked) as archive:
        if "word/document.xml" not in archive.namelist():
            raise _damaged("docx")
        if any(_declares_a_dtd(archive, member) for member in archive.infolist()
               if member.filename.endswith((".xml", ".rels"))):
            raise _damaged("docx")  # Office XML never has one: an entity bomb, or worse
    try:
        Document(io.BytesIO(data))
    except Exception:  # python-docx raises many kinds on a damaged file
        raise _damaged("docx") from None


def _declares_a_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether an XML part opens with a document type (where entities are declared)."""
    with archive.open(member) as part:
        return b"<!DOCTYPE" in part.read(4096).upper()


def check_image(data: bytes, kind: str) -> None:
    """A PNG or JPEG that Pillow reads as that format, with its pixels intact."""
    from PIL import Image  # loaded only when an image is checked

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != kind.upper():
                raise _damaged(kind)
            image.verify()
    except UnreadableFile:
        raise
    except Exception:  # Pillow raises many kinds on a damaged or oversized image
        raise _damaged(kind) from None


def check_content(data: bytes, kind: str, *, max_unpacked: int = MAX_UNPACKED_BYTES) -> None:
    """Open ``data`` with the reader of ``kind`` (pdf, docx, png, jpeg; others are not read)."""
    if kind == "pdf":
        check_pdf(data)
    elif kind == "docx":
        check_docx(data, max_unpacked=max_unpacked)
    elif kind in ("png", "jpeg"):
        check_image(data, kind)
