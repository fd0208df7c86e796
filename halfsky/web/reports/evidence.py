"""Checking an evidence file before it is stored: its type by its first bytes, and its size.

Accepted: PDF, Word (.docx, and the old .doc), PNG and JPEG images, at most
``MAX_EVIDENCE_BYTES``. The name's ending must agree with the content
(a renamed executable is refused), and the file must open with its format's
reader (``halfsky.formats.file_checks``: a PDF parsed by pypdf, a .docx unzipped
within limits and parsed, an image decoded) — a file that only starts like one
is refused. ``check_evidence`` returns the type or raises ``EvidenceError``
with a message code.
"""

from __future__ import annotations

from halfsky.domain.errors import CodedError
from halfsky.formats.file_checks import check_content
from halfsky.formats.uploads import UnreadableFile, open_zip

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_UNPACKED = 100 * 1024 * 1024  # a .docx of evidence, its pictures included
ENDINGS = {"pdf": {".pdf"}, "docx": {".docx"}, "doc": {".doc"}, "png": {".png"},
           "jpeg": {".jpg", ".jpeg"}}


class EvidenceError(CodedError, ValueError):
    """Evidence that is refused (too large, of a kind not accepted); ``code`` says why."""


def sniff(head: bytes, content: bytes) -> str | None:
    """The file type by its content, or None."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        with open_zip(content, max_unpacked=MAX_EVIDENCE_UNPACKED) as archive:
            if "word/document.xml" in archive.namelist():
                return "docx"
    return None


def check_evidence(name: str, content: bytes) -> str:
    if not content:
        raise EvidenceError("evidence.empty")
    if len(content) > MAX_EVIDENCE_BYTES:
        raise EvidenceError("evidence.too_large")
    try:
        kind = sniff(content[:16], content)
        if kind is None:
            raise EvidenceError("evidence.type")
        ending = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if ending not in ENDINGS[kind]:
            raise EvidenceError("evidence.name")
        check_content(content, kind, max_unpacked=MAX_EVIDENCE_UNPACKED)
    except UnreadableFile as error:  # damaged, or a zip bomb: its own words
        raise EvidenceError(error.code, error.params) from None
    return kind
