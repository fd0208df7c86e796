"""Word to PDF with LibreOffice headless.

``convert_to_pdf(docx_bytes)`` runs ``soffice --headless --convert-to pdf``
in a temporary directory of its own, with a LibreOffice profile
(``-env:UserInstallation``) that no other conversion uses at the same time, so
two conversions at once never share (or lock) a profile. Profiles are kept
warm: a new profile costs LibreOffice a second or more to set up, so each
process keeps the profiles it made (``PROFILES``, at most ``MAX_IDLE_PROFILES``
idle) and the next conversion takes an idle one; a conversion that failed
throws its profile away. ``PROFILES.warm()`` sets one up ahead (the worker does
when it starts); ``PROFILES.close()`` removes them when the process exits.

Why not a LibreOffice kept running and asked through its socket: the installed
LibreOffice has no Python bridge (python3-uno) for the venv, a ``--convert-to``
handed to a running instance makes that instance quit when done, and Basic
macros named on the command line are not run by a running headless instance.

Fonts: a fontconfig set-up of its own (see
``fonts.fontconfig_file``) adds the packaged Noto Sans SC and maps the
document's Chinese font names to CJK fonts, so no glyph is a box.

Errors are ``PdfConversionError`` with a message code: ``pdf.soffice_missing``
(LibreOffice is not installed — Debian: ``libreoffice-writer-nogui``),
``pdf.timeout``, ``pdf.failed`` (LibreOffice wrote no PDF; ``detail`` holds
its output).
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from halfsky.domain.errors import CodedError
from halfsky.formats.reports.fonts import FONT_DIR, fontconfig_file

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_SECONDS = 180.0
FONT_CACHE = Path(tempfile.gettempdir()) / "halfsky-fontconfig-cache"
MAX_IDLE_PROFILES = 2


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


class ProfilePool:
    """LibreOffice profiles of this process: one per conversion running, kept for the next."""

    def __init__(self, max_idle: int = MAX_IDLE_PROFILES) -> None:
        self.max_idle = max_idle
        self.created = 0  # profiles made by this pool (a reused one is not made again)
        self._idle: list[Path] = []
        self._lock = threading.Lock()
        self._root: Path | None = None

    @contextmanager
    def profile(self) -> Iterator[Path]:
        """An idle profile directory (or a new one) for one conversion; kept when the
        conversion succeeds, removed when it raises."""
        with self._lock:
            if self._idle:
                path = self._idle.pop()
            else:
                if self._root is None or not self._root.is_dir():
                    self._root = Path(tempfile.mkdtemp(prefix="halfsky-lo-profiles-"))
                self.created += 1
                path = self._root / f"profile-{self.created}"
        try:
            yield path
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        with self._lock:
            if len(self._idle) < self.max_idle and path.is_dir():
                self._idle.append(path)
                return
        shutil.rmtree(path, ignore_errors=True)

    def warm(self, soffice: str | None = None, timeout: float = TIMEOUT_SECONDS) -> bool:
        """Set up one profile ahead of the first conversion (LibreOffice started and stopped
        at once: ``--terminate_after_init``); False when LibreOffice is missing or failed."""
        command = find_soffice(soffice)
        if command is None:
            return False
        with tempfile.TemporaryDirectory(prefix="halfsky-pdf-") as home, \
                self.profile() as path:
            env = {**os.environ, "HOME": home, "SAL_USE_VCLPLUGIN": "svp"}
            try:
                subprocess.run([command, f"-env:UserInstallation={path.as_uri()}", "--headless",
                                "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                                "--terminate_after_init"], cwd=home, env=env,
                               capture_output=True, timeout=timeout, check=False)
            except subprocess.TimeoutExpired:
                raise PdfConversionError("pdf.timeout", f"{timeout:.0f} s") from None
            return path.is_dir()

    def close(self) -> None:
        """Remove every idle profile (a conversion running keeps its own until it ends),
        and their directory once empty."""
        with self._lock:
            idle, self._idle = self._idle, []
            root = self._root
        for path in idle:
            shutil.rmtree(path, ignore_errors=True)
        if root is not None:
            try:
                root.rmdir()
            except OSError:  # a conversion still running: its profile goes when it ends
                pass


PROFILES = ProfilePool()
atexit.register(PROFILES.close)


def convert_to_pdf(docx_bytes: bytes, *, soffice: str | None = None,
                   font_dirs: tuple[Path, ...] = (FONT_DIR,),
                   timeout: float = TIMEOUT_SECONDS, profiles: ProfilePool = PROFILES) -> bytes:
    """The PDF of a ``.docx``, converted by LibreOffice headless."""
    command = find_soffice(soffice)
    if command is None:
        raise PdfConversionError("pdf.soffice_missing", soffice or "soffice")
    with tempfile.TemporaryDirectory(prefix="halfsky-pdf-") as work, \
            profiles.profile() as profile:
        root = Path(work)
        source = root / "report.docx"
        source.write_bytes(docx_bytes)
        FONT_CACHE.mkdir(parents=True, exist_ok=True)
        config = fontconfig_file(root / "fonts.conf", [d for d in font_dirs if d.is_dir()],
                                 cache=FONT_CACHE)
        env = {**os.environ, "FONTCONFIG_FILE": str(config), "HOME": str(root),
               "SAL_USE_VCLPLUGIN": "svp"}
        args = [command, f"-env:UserInstallation={profile.as_uri()}", "--headless",
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
