"""Word to PDF with LibreOffice headless.

``convert_to_pdf(docx_bytes)`` runs ``soffice --headless --convert-to pdf``
in a temporary directory of its own, with its own LibreOffice profile
(``-env:UserInstallation``), so that two conversions at once never share
(or lock) a profile. Fonts: a fontconfig set-up of its own (see
``fonts.fontconfig_file``) adds the packaged Noto Sans SC and maps the
document's Chinese font names to CJK fonts, so no glyph is a box.

Errors are ``PdfConversionError`` with a message code: ``pdf.soffice_missing``
(LibreOffice is not installed — Debian: ``libreoffice-writer-nogui``),
``pdf.timeout``, ``pdf.failed`` (LibreOffice wrote no PDF; ``detail`` holds
its output).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from halfsky.domain.errors import CodedError
from halfsky.formats.reports.fonts import FONT_DIR, fontconfig_file

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 180.0
FONT_CACHE = Path(tempfile.gettempdir()) / "halfsky-fontconfig-cache"


class PdfConversionError(CodedError):
    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, {"detail": detail} if detail else None)
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}" if self.detail else self.code


def find_soffice(soffice: str | None = None) -> str | None:
    """The LibreOffice command: ``soffice`` given, else the first on the PATH."""
    if soffice:
        return shutil.which(soffice)
    return next((found for name in SOFFICE_NAMES if (found := shutil.which(name))), None)


def convert_to_pdf(docx_bytes: bytes, *, soffice: str | None = None,
                   font_dirs: tuple[Path, ...] = (FONT_DIR,),
                   timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The PDF of a ``.docx``, converted by LibreOffice headless."""
    command = find_soffice(soffice)
    if command is None:
        raise PdfConversionError("pdf.soffice_missing", soffice or "soffice")
    with tempfile.TemporaryDirectory(prefix="halfsky-pdf-") as work:
        root = Path(work)
        source = root / "report.docx"
        source.write_bytes(docx_bytes)
        FONT_CACHE.mkdir(parents=True, exist_ok=True)
        config = fontconfig_file(root / "fonts.conf", [d for d in font_dirs if d.is_dir()],
                                 cache=FONT_CACHE)
        env = {**os.environ, "FONTCONFIG_FILE": str(config), "HOME": str(root),
               "SAL_USE_VCLPLUGIN": "svp"}
        args = [command, f"-env:UserInstallation={(root / 'profile').as_uri()}", "--headless",
                "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(root / "out"),
                str(source)]
        try:
            done = subprocess.run(args, cwd=root, env=env, capture_output=True, timeout=timeout,
                                  check=False)
        except subprocess.TimeoutExpired:
            raise PdfConversionError("pdf.timeout", f"{timeout:.0f} s") from None
        result = root / "out" / "report.pdf"
        if not result.is_file():
            output = (done.stdout + done.stderr).decode("utf-8", "replace").strip()
            raise PdfConversionError("pdf.failed", f"exit {done.returncode}: {output[-2000:]}")
        return result.read_bytes()
