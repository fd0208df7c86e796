"""Background-job tests: the demo plan, an annual report, files under a temporary media root."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

PLAN = "jixian-women-2021-2025"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HALFSKY_CACHE_DIR = tmp_path / "cache"
    return settings.MEDIA_ROOT


@pytest.fixture
def user() -> Any:
    from django.contrib.auth import get_user_model

    return lambda name: get_user_model().objects.get(username=name)


@pytest.fixture
def report(db: None, user: Any) -> Any:
    """The 2024 annual report of the demo plan, a draft never generated."""
    from halfsky.web.plans.models import Plan
    from halfsky.web.reports.actions import do_create_report

    plan = Plan.objects.get(code=PLAN)
    return do_create_report(plan, "annual", 2024, user("coordinator"))


@pytest.fixture
def no_pdf(monkeypatch: Any) -> None:
    """No LibreOffice: the tests that need no PDF run in seconds."""
    from halfsky.formats.reports import PdfConversionError
    from halfsky.web.reports import actions

    def missing(content: bytes) -> bytes:
        raise PdfConversionError("pdf.soffice_missing")

    monkeypatch.setattr(actions, "convert_to_pdf", missing)


@pytest.fixture
def running_job(user: Any) -> Any:
    """``running_job(report, runner=..., age=...)``: a generation job in the state
    ``running`` at 40 % (the PDF step) on its first attempt (``attempts``), as another
    process would have left it."""
    from django.utils import timezone

    from halfsky.web.jobs.models import Job, JobState

    def make(report: Any, runner: str = "another-server:4242", age: timedelta = timedelta(0),
             by: str = "coordinator", attempts: int = 1) -> Job:
        at = timezone.now() - age
        return Job.objects.create(
            kind="report.generate", target_model="reports.report", target_pk=str(report.pk),
            state=JobState.RUNNING, progress=40, step="report.step.pdf", runner=runner,
            created_by=user(by), created_at=at, started_at=at, updated_at=at, attempts=attempts)

    return make
