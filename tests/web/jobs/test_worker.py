"""The worker's heartbeat: it signs the worker in and takes up the jobs of dead workers."""

from __future__ import annotations

import subprocess
from datetime import timedelta
from typing import Any

import pytest


@pytest.fixture
def dead_worker() -> str:
    """The name ("host:pid") of a worker process of this machine that has ended."""
    from halfsky.web.jobs.execution import HOST

    process = subprocess.Popen(["true"])
    process.wait()
    return f"{HOST}:{process.pid}"


def test_a_beat_signs_the_worker_in_and_queues_again_the_job_of_a_killed_worker(
        report: Any, running_job: Any, dead_worker: str, settings: Any) -> None:
    from django_tasks_db.models import DBTaskResult

    from halfsky.web.jobs.models import Job, Worker
    from halfsky.web.jobs.runner import workers_running
    from halfsky.web.jobs.worker import beat

    settings.HALFSKY_JOBS_INLINE = False
    lost = running_job(report, runner=dead_worker)  # just now: only its process is gone
    alive = Job.objects.create(kind="report.generate", target_model="reports.report",
                               target_pk="0", state="running", runner="another-server:4242")
    assert not workers_running()
    beat("this-host:1")
    assert Worker.objects.get().worker_id == "this-host:1" and workers_running()
    lost.refresh_from_db()
    alive.refresh_from_db()
    assert (lost.state, lost.step, lost.attempts) == ("queued", "job.step.retry", 1)
    assert DBTaskResult.objects.get(id=lost.task_id).status == "READY"
    assert alive.state == "running"  # a sign of life a second ago, on another machine


def test_a_job_silent_for_longer_than_the_timeout_counts_as_lost(
        report: Any, running_job: Any, settings: Any) -> None:
    from halfsky.web.jobs.runner import recover_lost

    settings.HALFSKY_JOBS_INLINE = False
    settings.HALFSKY_WORKER_TIMEOUT = 30
    job = running_job(report, runner="another-server:4242", age=timedelta(seconds=31))
    assert [j.pk for j in recover_lost()] == [job.pk]
    job.refresh_from_db()
    assert job.state == "queued"


def test_pending_years_whose_job_never_started_are_taken_up_when_a_worker_starts(
        db: None, settings: Any) -> None:
    from halfsky.web.assessments.background import KIND, resume_pending
    from halfsky.web.assessments.models import PendingRecompute
    from halfsky.web.jobs.models import Job
    from halfsky.web.plans.models import Plan

    settings.HALFSKY_JOBS_INLINE = False
    plan = Plan.objects.get(code="jixian-women-2021-2025")
    PendingRecompute.objects.create(plan=plan, year=2023)  # its server stopped at once
    resume_pending()
    job = Job.objects.get(kind=KIND)
    assert job.state == "queued" and job.task_id
    resume_pending()  # a second worker starting: the job is there already
    assert Job.objects.filter(kind=KIND).count() == 1


def test_the_heartbeat_keeps_alive_only_the_jobs_the_worker_runs_right_now(
        report: Any, running_job: Any, settings: Any, monkeypatch: Any) -> None:
    from halfsky.web.jobs import execution, runner
    from halfsky.web.jobs.worker import beat

    settings.HALFSKY_JOBS_INLINE = False
    settings.HALFSKY_WORKER_TIMEOUT = 30
    job = running_job(report, runner="worker-host:7", age=timedelta(seconds=20))
    monkeypatch.setattr(execution, "_live", {job.pk})  # it runs it: touched by the beat
    beat("worker-host:7")
    job.refresh_from_db()
    assert job.state == "running" and runner.timezone.now() - job.updated_at < timedelta(
        seconds=5)
    # the job's run ended without recording it (the database failed): the heartbeat no
    # longer keeps it alive, and once silent for the timeout it is taken up again
    monkeypatch.setattr(execution, "_live", set())
    job.updated_at -= timedelta(seconds=31)
    job.save()
    beat("worker-host:7")
    job.refresh_from_db()
    assert job.state == "queued"


def test_two_workers_recovering_the_same_lost_job_queue_it_once(
        report: Any, running_job: Any, dead_worker: str, settings: Any) -> None:
    from halfsky.web.audit.models import AuditEvent
    from halfsky.web.jobs.actions import do_recover
    from halfsky.web.jobs.models import Job
    from halfsky.web.jobs.tasks import run_job

    settings.HALFSKY_JOBS_INLINE = False
    job = running_job(report, runner=dead_worker)
    seen_by_second = Job.objects.get(pk=job.pk)  # read before the first recovered it
    first = do_recover(job, run_job)
    second = do_recover(seen_by_second, run_job)
    assert first.state == second.state == "queued" and second.task_id == first.task_id
    assert AuditEvent.objects.filter(object_key=str(job.pk), action="job.retry").count() == 1
