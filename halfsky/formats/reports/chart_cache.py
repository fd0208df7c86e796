"""Charts drawn once: PNGs kept by a hash of everything that makes the picture.

``ChartCache.png(chart, phrases, font_path, dpi, draw)`` returns the PNG of a
chart from memory (this process, the last ``memory_items`` charts), else from
the directory given (``<name>.png`` files, at most ``disk_items``; the least
recently used go first), else draws it with ``draw()`` and keeps it in both.

The key (``chart_key``) is the SHA-256 of: the panels as drawn (code, name,
unit, years, values, target, decimals — in the report's language, since the
names and units are), every ``chart.*`` phrase (the panel title pattern and the
legend, also in the report's language), the language when the caller names
it, the font file (path, size, modification time), the resolution and
matplotlib's version with ``DRAWING_VERSION`` (raise it when the drawing code
changes). The caption is not part of the picture and not of the key. Two
identical charts of one report are drawn once; a report built again with the
same values draws nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path

import matplotlib

from halfsky.domain.reports.document import Chart

DRAWING_VERSION = 2  # raise when charts.py draws differently (2: RGB PNG, zlib level 3)
MEMORY_ITEMS = 64
DISK_ITEMS = 2000  # about 100 KB each


def chart_key(chart: Chart, phrases: Mapping[str, str], font_path: Path, dpi: int,
              language: str = "") -> str:
    """The hash of everything that decides the chart's pixels."""
    try:
        status = font_path.stat()
        font = [str(font_path.resolve()), status.st_size, status.st_mtime_ns]
    except OSError:
        font = [str(font_path), None, None]
    content = {
        "version": [DRAWING_VERSION, matplotlib.__version__],
        "dpi": dpi,
        "font": font,
        "language": language,
        "phrases": sorted((k, str(v)) for k, v in phrases.items() if k.startswith("chart.")),
        "panels": [[p.code, p.name, p.unit, list(p.years), list(p.values), p.target, p.decimals]
                   for p in chart.panels],
    }
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ChartCache:
    """PNG bytes by chart key, in memory and (when ``directory`` is given) on disk."""

    def __init__(self, directory: Path | None = None, *, memory_items: int = MEMORY_ITEMS,
                 disk_items: int = DISK_ITEMS) -> None:
        self.directory = directory
        self.memory_items = memory_items
        self.disk_items = disk_items
        self._memory: OrderedDict[str, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self.drawn = 0  # charts drawn by this cache (not found)

    def png(self, chart: Chart, phrases: Mapping[str, str], font_path: Path, dpi: int,
            draw: Callable[[], bytes], language: str = "") -> bytes:
        key = chart_key(chart, phrases, font_path, dpi, language)
        found = self._recall(key)
        if found is None:
            found = self._read(key)
            if found is None:
                found = draw()
                self.drawn += 1
                self._write(key, found)
            self._remember(key, found)
        return found

    def _recall(self, key: str) -> bytes | None:
        with self._lock:
            found = self._memory.get(key)
            if found is not None:
                self._memory.move_to_end(key)
            return found

    def _remember(self, key: str, png: bytes) -> None:
        with self._lock:
            self._memory[key] = png
            self._memory.move_to_end(key)
            while len(self._memory) > self.memory_items:
                self._memory.popitem(last=False)

    def _path(self, key: str) -> Path | None:
        return None if self.directory is None else self.directory / f"{key}.png"

    def _read(self, key: str) -> bytes | None:
        path = self._path(key)
        if path is None:
            return None
        try:
            png = path.read_bytes()
            os.utime(path)  # recently used: kept longest
        except OSError:
            return None
        return png if png.startswith(b"\x89PNG") else None

    def _write(self, key: str, png: bytes) -> None:
        path = self._path(key)
        if path is None:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # written aside and renamed: another process never reads half a file
            handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
            with os.fdopen(handle, "wb") as out:
                out.write(png)
            os.replace(temporary, path)
            self._trim(path.parent)
        except OSError:
            pass  # a cache that cannot be written only costs the drawing next time

    def _trim(self, directory: Path) -> None:
        files = list(directory.glob("*.png"))
        if len(files) <= self.disk_items:
            return
        aged = sorted(files, key=_used)
        for old in aged[:len(files) - self.disk_items]:
            old.unlink(missing_ok=True)


def _used(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:  # removed meanwhile by another process
        return 0


# The charts of this process when the caller names no cache (memory only).
PROCESS_CACHE = ChartCache()
