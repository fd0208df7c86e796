"""Reassessment after a history import runs once per year in a background job, not in the request."""

from __future__ import annotations

from typing import Any

import pytest

from halfsky.web.assessments import background
from halfsky.web.assessments.models import AssessmentResult, PendingRecompute
from halfsky.web.jobs import execution, runner
from halfsky.web.jobs.models import Job
from halfsky.web.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_only(settings: Any, monkeypatch: Any) -> None:
    """Jobs are queued but no thread starts: the test runs them itself."""
    settings.HALFSKY_JOBS_INLINE = False
    monkeypatch.setattr(runner, "start_job", lambda job: job)


def plan() -> Plan:
    return Plan.objects.get(code="jixian-women-2021-2025")


def test_years_wait_for_one_job_that_reassesses_each_once(
        queued_only: None, django_capture_on_commit_callbacks: Any, monkeypatch: Any) -> None:
    AssessmentResult.objects.filter(plan=plan(), year=2023).delete()
    with django_capture_on_commit_callbacks(execute=True):
        background.request_recompute(plan(), [2023, 2024])
    with django_capture_on_commit_callbacks(execute=True):
        background.request_recompute(plan(), [2024])  # a second import meanwhile
    assert sorted(PendingRecompute.objects.values_list("year", flat=True)) == [2023, 2024]
    [job] = Job.objects.filter(kind=background.KIND)
    assert job.state == "queued" and not AssessmentResult.objects.filter(year=2023).exists()

    recomputed: list[int] = []
    real = background.do_recompute
    monkeypatch.setattr(background, "do_recompute",
                        lambda p, year, actor=None, indicators=None: recomputed.append(year)
                        or real(p, year, actor, indicators))
    execution.run(job.pk)
    job.refresh_from_db()
    assert job.state == "done" and job.progress == 100
    assert recomputed == [2023, 2024]  # each year once
    assert not PendingRecompute.objects.exists()
    assert AssessmentResult.objects.filter(plan=plan(), year=2023).exists()
    assert job.result_url.endswith("/2024/")


def test_a_failed_year_stays_pending(queued_only: None, django_capture_on_commit_callbacks: Any,
                                     monkeypatch: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        background.request_recompute(plan(), [2022, 2023])

    def broken(p: Plan, year: int, actor: Any = None) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(background, "do_recompute", broken)
    job = Job.objects.get(kind=background.KIND)
    execution.run(job.pk)
    job.refresh_from_db()
    assert job.state == "failed" and job.error_code == "job.failed"
    assert sorted(PendingRecompute.objects.values_list("year", flat=True)) == [2022, 2023]


def test_the_history_import_runs_as_a_job_whose_page_says_the_reassessment_follows(
        queued_only: None, login: Any, django_capture_on_commit_callbacks: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from halfsky.web.values.models import EarlierYearsImport

    coordinator = login("coordinator")
    csv = ("indicator,area,year,breakdown,value,numerator,denominator,source,note\n"
           "H01,141028,2020,,77.3,,,统计年鉴2021,\n").encode()
    coordinator.post("/plans/jixian-women-2021-2025/earlier-years/", {"file": SimpleUploadedFile("h.csv", csv)})
    staged = EarlierYearsImport.objects.latest("pk")
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(f"/plans/jixian-women-2021-2025/earlier-years/{staged.pk}/apply/")
    [apply] = Job.objects.filter(kind="earlier_years.apply")  # the import itself is a job
    assert apply.state == "queued" and response.url == f"/jobs/{apply.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        execution.run(apply.pk)  # what a worker does
    text = coordinator.get(response.url).content.decode()
    assert 'data-job-state="done"' in text and "已导入" in text
    assert "正在后台重新计算" in text
    assert Job.objects.filter(kind=background.KIND, state="queued").exists()
