"""The job page: who may read it, interrupted jobs shown as failed, the polling fragment."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation


def zh(text: Any) -> str:
    with translation.override("zh-hans"):
        return str(text)


@pytest.mark.parametrize(("username", "status"), [
    ("coordinator", 200),  # started it
    ("statistics", 200), ("admin", 200),  # administrative roles
    ("viewer", 403), ("leader", 403), ("health_reporter", 403), ("stranger", 403),
])
def test_only_the_one_who_started_a_job_and_the_administrative_roles_read_it(
        login: Any, report: Any, running_job: Any, username: str, status: int) -> None:
    job = running_job(report)
    client = login(username)
    for name in ("jobs:detail", "jobs:progress", "jobs:status"):
        assert client.get(reverse(name, args=[job.pk])).status_code == status, name


def test_a_job_started_by_a_department_user_is_theirs_alone(
        login: Any, report: Any, running_job: Any) -> None:
    job = running_job(report, by="health_reporter")
    assert login("health_reporter").get(reverse("jobs:detail", args=[job.pk])).status_code == 200
    assert login("education_reporter").get(
        reverse("jobs:detail", args=[job.pk])).status_code == 403


def test_the_job_page_shows_the_running_job_and_polls_itself(
        login: Any, report: Any, running_job: Any) -> None:
    from halfsky.web.core.text.system import JOB_MESSAGES

    job = running_job(report)
    page = login("coordinator").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'data-job-state="running"' in page and '<progress max="100" value="40"' in page
    assert zh(JOB_MESSAGES["report.step.pdf"]) in page
    assert f'hx-get="{reverse("jobs:progress", args=[job.pk])}" hx-trigger="every 1s"' in page
    assert f'href="{reverse("reports:report", args=["jixian-women-2021-2025", report.pk])}"' in page  # back to the report
    status = login("coordinator").get(reverse("jobs:status", args=[job.pk])).json()
    assert status == {"id": job.pk, "kind": "report.generate", "state": "running",
                      "progress": 40, "step": "report.step.pdf",
                      "step_text": zh(JOB_MESSAGES["report.step.pdf"]), "error_code": "",
                      "error_params": {}, "error": "", "result_url": ""}


@pytest.mark.parametrize(("runner", "age"), [
    ("another-server:4242", timedelta(hours=1)),  # no sign of life for an hour
    (None, timedelta(0)),  # this very process, which no longer runs it (a crash)
])
def test_a_lost_job_on_its_last_attempt_is_shown_as_failed_and_the_report_can_be_generated_again(
        login: Any, report: Any, running_job: Any, monkeypatch: Any, runner: str | None,
        age: timedelta) -> None:
    from halfsky.web.core.text.system import JOB_MESSAGES as MESSAGES
    from halfsky.web.jobs import kinds
    from halfsky.web.jobs.execution import this_process
    from halfsky.web.jobs.models import Job

    job = running_job(report, runner=runner or this_process(), age=age, attempts=2)
    client = login("coordinator")
    page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'data-job-state="failed"' in page and 'data-error="job.lost"' in page
    assert zh(MESSAGES["job.lost"]) % {"attempts": 2} in page and "hx-trigger" not in page
    assert "后台" in zh(MESSAGES["job.lost"])  # says, in Chinese, that the worker stopped
    job.refresh_from_db()
    assert job.state == "failed" and job.error_code == "job.lost" and job.finished_at
    page = client.get(reverse("reports:report", args=["jixian-women-2021-2025", report.pk])).content.decode()
    assert 'data-error="job.lost"' in page and "data-generate>" in page
    generate = kinds.KINDS["report.generate"]
    monkeypatch.setitem(kinds.KINDS, "report.generate",
                        replace(generate, run=lambda job, progress: "/plans/jixian-women-2021-2025/reports/"))
    client.post(reverse("reports:generate", args=["jixian-women-2021-2025", report.pk]))
    assert Job.objects.filter(target_pk=str(report.pk)).latest("pk").state == "done"


def test_a_lost_job_with_attempts_left_is_queued_again_for_another_worker(
        login: Any, report: Any, running_job: Any, settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    from halfsky.web.audit.models import AuditEvent
    from halfsky.web.core.text.system import JOB_MESSAGES as MESSAGES

    settings.HALFSKY_JOBS_INLINE = False  # queued in the database, for a worker
    job = running_job(report, age=timedelta(hours=1), attempts=1)
    page = login("coordinator").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'data-job-state="queued"' in page and 'hx-trigger="every 1s"' in page
    job.refresh_from_db()
    assert (job.state, job.progress, job.runner, job.attempts) == ("queued", 0, "", 1)
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "READY" and task.args_kwargs["args"] == [job.pk]
    assert task.task_path == "halfsky.web.jobs.tasks.run_job"
    # no worker has signed in: the page says that one must be started
    assert zh(MESSAGES["job.step.no_worker"]) in page
    assert AuditEvent.objects.filter(object_type="job", object_key=str(job.pk),
                                     action="job.retry").exists()


def test_a_job_that_another_server_process_runs_now_is_left_running(
        login: Any, report: Any, running_job: Any) -> None:
    job = running_job(report, runner="another-server:4242", age=timedelta(seconds=30))
    page = login("coordinator").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'data-job-state="running"' in page
    job.refresh_from_db()
    assert job.state == "running"


def test_the_polling_fragment_goes_on_to_the_result_when_done_and_reloads_when_failed(
        login: Any, report: Any, running_job: Any) -> None:
    from halfsky.web.jobs.actions import do_fail, do_finish
    from halfsky.web.jobs.kinds import KINDS

    client = login("coordinator")
    job = running_job(report)
    url = reverse("jobs:progress", args=[job.pk])
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert "HX-Redirect" not in fragment and "HX-Refresh" not in fragment
    assert 'hx-trigger="every 1s"' in fragment.content.decode()
    do_finish(job, reverse("reports:report", args=["jixian-women-2021-2025", report.pk]))
    fragment = client.get(url, HTTP_HX_REQUEST="true")
    assert fragment["HX-Redirect"] == reverse("reports:report", args=["jixian-women-2021-2025", report.pk])
    assert "hx-trigger" not in fragment.content.decode()  # polling stops
    page = client.get(fragment["HX-Redirect"]).content.decode()
    done = zh(KINDS["report.generate"].done).split("%")[0]  # "报告已生成，用时"
    assert done in page  # the message that it has finished

    job = running_job(report)
    do_fail(job, "report.changed")
    fragment = client.get(reverse("jobs:progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert fragment["HX-Refresh"] == "true" and "hx-trigger" not in fragment.content.decode()
    assert 'data-error="report.changed"' in fragment.content.decode()


def test_one_job_of_a_kind_at_a_time_on_a_target_even_when_two_requests_race(
        report: Any, running_job: Any, user: Any) -> None:
    from django.db import IntegrityError, transaction

    from halfsky.web.jobs.models import Job

    job = running_job(report)
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(kind=job.kind, target_model=job.target_model,
                           target_pk=job.target_pk, created_by=user("coordinator"))
    # a finished job does not stand in the way
    job.state = "done"
    job.save()
    assert Job.objects.create(kind=job.kind, target_model=job.target_model,
                              target_pk=job.target_pk).state == "queued"


def test_a_finished_job_says_it_is_finished_not_its_last_step(
        login: Any, report: Any, running_job: Any) -> None:
    from django.utils import timezone

    from halfsky.web.jobs.models import JobState

    job = running_job(report)
    job.state, job.progress, job.step = JobState.DONE, 100, "report.step.saving"
    job.finished_at = timezone.now()
    job.save()
    page = login("coordinator").get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'data-job-state="done"' in page and "已完成" in page
    assert "保存" not in page.partition('data-step="')[2].partition("</span>")[0]
