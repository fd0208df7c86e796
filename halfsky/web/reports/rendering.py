"""How a report's files are drawn here: the chart cache's place and the PDF's warm profile.

- ``chart_cache()``: the charts of the report files, kept by content (see
  ``halfsky.formats.reports.chart_cache``) in this process's memory and in
  ``HALFSKY_CACHE_DIR/charts`` (at most ``DISK_ITEMS`` files; outside the media
  directory, so backups do not carry them), so that a report
  generated again, or by another worker, draws only the charts whose values,
  words or language changed.
- ``warm_pdf_in_background()``: run when a worker starts (``kinds.on_worker_start``):
  sets up a LibreOffice profile in a thread, so the first PDF does not pay for it.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from django.conf import settings
from django.utils.translation import get_language

from halfsky.formats.reports import ChartCache, PdfConversionError
from halfsky.formats.reports.pdf import PROFILES

logger = logging.getLogger(__name__)
_CACHES: dict[Path, ChartCache] = {}
_LOCK = threading.Lock()


def chart_cache() -> ChartCache:
    """The chart cache in the cache directory of the current settings."""
    directory = Path(settings.HALFSKY_CACHE_DIR) / "charts"
    with _LOCK:
        cache = _CACHES.get(directory)
        if cache is None:
            cache = _CACHES[directory] = ChartCache(directory)
        return cache


def chart_language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def _warm() -> None:
    try:
        PROFILES.warm()
    except (OSError, PdfConversionError):  # the first PDF sets one up instead
        logger.exception("could not set up a LibreOffice profile ahead")


def warm_pdf_in_background() -> None:
    threading.Thread(target=_warm, name="halfsky-pdf-warm", daemon=True).start()
