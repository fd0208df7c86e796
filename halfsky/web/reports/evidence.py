"""Checking an evidence file before it is stored: its type by its first bytes, and its size.

Accepted: PDF, Word (.docx, and the old .doc), PNG and JPEG images, at most
``MAX_EVIDENCE_BYTES``. The name's ending must agree with the content
(a renamed executable is refused). ``check_evidence`` returns the type or
raises ``EvidenceError`` with a message code.
"""

from __future__ import annotations

import io
import zipfile

from halfsky.domain.errors import CodedError

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
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
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            return None
    return None


def check_evidence(name: str, content: bytes) -> str:
    if not content:
        raise EvidenceError("evidence.empty")
    if len(content) > MAX_EVIDENCE_BYTES:
        raise EvidenceError("evidence.too_large")
    kind = sniff(content[:16], content)
    if kind is None:
        raise EvidenceError("evidence.type")
    ending = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ending not in ENDINGS[kind]:
        raise EvidenceError("evidence.name")
    return kind
