"""Generating a report again never loses the files it had: the old ones go only after the new
ones are stored."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_pdf(monkeypatch: Any) -> None:
    from halfsky.formats.reports import PdfConversionError
    from halfsky.web.reports import actions

    def missing(content: bytes) -> bytes:
        raise PdfConversionError("pdf.soffice_missing")

    monkeypatch.setattr(actions, "convert_to_pdf", missing)


def stored(media: Path) -> list[str]:
    return sorted(p.name for p in (media / "reports").iterdir())


def test_generating_again_replaces_the_files_once_stored(
        plan: Any, user: Any, media: Path, no_pdf: None,
        django_capture_on_commit_callbacks: Any) -> None:
    from halfsky.web.reports.actions import do_create_report, do_generate_report

    report = do_create_report(plan, "annual", 2024, user("coordinator"))
    with django_capture_on_commit_callbacks(execute=True):
        first = do_generate_report(report, user("coordinator"))
    assert len(stored(media)) == 2  # docx and xlsx
    with django_capture_on_commit_callbacks(execute=True):
        second = do_generate_report(report, user("coordinator"))
    assert stored(media) == sorted([Path(second.docx.name).name, Path(second.xlsx.name).name])
    assert second.docx.name != first.docx.name


def test_a_failure_while_storing_keeps_the_earlier_files(
        plan: Any, user: Any, media: Path, no_pdf: None, monkeypatch: Any,
        django_capture_on_commit_callbacks: Any) -> None:
    from django.core.files.storage import FileSystemStorage

    from halfsky.web.reports.actions import do_create_report, do_generate_report
    from halfsky.web.reports.models import Report

    report = do_create_report(plan, "annual", 2024, user("coordinator"))
    with django_capture_on_commit_callbacks(execute=True):
        first = do_generate_report(report, user("coordinator"))
    before = stored(media)
    save = FileSystemStorage._save

    def disk_full(self: Any, name: str, content: Any) -> str:
        if name.endswith(".xlsx"):
            raise OSError(28, "No space left on device")
        return save(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", disk_full)
    with pytest.raises(OSError), django_capture_on_commit_callbacks(execute=True):
        do_generate_report(report, user("coordinator"))
    kept = Report.objects.get(pk=report.pk)
    assert kept.docx.name == first.docx.name and kept.xlsx.name == first.xlsx.name
    assert set(before) <= set(stored(media))  # the earlier files are all still there
    assert kept.docx.read() == first.docx.open("rb").read()


def test_generating_again_draws_no_chart_unless_the_language_changed(
        plan: Any, user: Any, media: Path, no_pdf: None,
        django_capture_on_commit_callbacks: Any) -> None:
    from django.utils import translation

    from halfsky.web.reports.actions import do_create_report, do_generate_report
    from halfsky.web.reports.rendering import chart_cache

    report = do_create_report(plan, "annual", 2024, user("coordinator"))
    cache = chart_cache()
    with django_capture_on_commit_callbacks(execute=True):
        do_generate_report(report, user("coordinator"))
    drawn = cache.drawn
    kept = list((media.parent / "cache" / "charts").glob("*.png"))
    assert drawn > 0 and len(kept) == drawn
    assert not (media / "cache").exists()  # not with the media files a backup carries
    with django_capture_on_commit_callbacks(execute=True):
        do_generate_report(report, user("coordinator"))
    assert cache.drawn == drawn
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        do_generate_report(report, user("coordinator"))
    assert cache.drawn == 2 * drawn
