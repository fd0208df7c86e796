"""Running background jobs: through the task queue, in ``halfsky worker`` processes.

- ``submit(kind, target, actor, **params)``: queue a job and hand it to the queue
  (refused with ``ActionError("job.running")`` while one of that kind is active on the
  target); the job runs in the language of the caller (the report's phrases are
  translated).
- ``start_job(job)``: hands the queued job to the task queue (django-tasks with its
  database backend): a worker takes it once the caller's transaction has committed.
  With the setting ``HALFSKY_JOBS_INLINE`` (set by the test suite) the immediate
  backend runs it at once in the caller, which gets the finished job back.
- ``run(pk, task_id)``: what the task does in the worker: run the job to its end.
- ``latest_job(kind, target)`` / ``reap(job)``: the job as a page shows it. An active
  job that nothing runs any more — its worker was killed, or its machine stopped — is
  queued again for another worker while it has attempts left, else failed with
  ``job.lost`` (``actions.do_recover``), so the user sees why and may start again.
- ``recover_lost()``: the same for every active job; each worker does it when it
  starts and at each heartbeat, so a job is taken up again without anyone looking.

A running job is alive while this process runs it; a job of another process on this
machine while that process exists and the job gave a sign of life (its steps, its
worker's heartbeat) within ``HALFSKY_WORKER_TIMEOUT``; of another machine while it gave
one. A queued job is alive while its task waits in the queue (or was claimed within
that time). An exception in a job fails it: ``ActionError`` with its code, anything
else with ``job.failed`` (and a log entry).
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone, translation
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from halfsky.web.jobs.actions import (
    do_enqueue,
    do_queue_task,
    do_recover,
    target_of,
)
from halfsky.web.jobs.execution import HOST, running_here, this_process
from halfsky.web.jobs.models import ACTIVE_STATES, Job, JobState, Worker
from halfsky.web.jobs.tasks import run_job

logger = logging.getLogger(__name__)

def timeout() -> timedelta:
    return timedelta(seconds=settings.HALFSKY_WORKER_TIMEOUT)


def submit(kind: str, target: models.Model, actor: Any, **params: Any) -> Job:
    """Queue and start a job; it runs in the caller's language (``params["language"]``)."""
    latest_job(kind, target)  # a job nothing runs any more no longer stands in the way
    params.setdefault("language", translation.get_language() or settings.LANGUAGE_CODE)
    if settings.HALFSKY_JOBS_INLINE:
        return start_job(do_enqueue(kind, target, actor, **params))
    with transaction.atomic():  # the job and its task are stored together
        return start_job(do_enqueue(kind, target, actor, **params))


def start_job(job: Job) -> Job:
    job = do_queue_task(job, run_job)
    if settings.HALFSKY_JOBS_INLINE:  # the immediate backend has run it
        return Job.objects.get(pk=job.pk)
    return job


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def _task_waits(job: Job) -> bool:
    """Whether the queued job's task is still in the queue (or was just claimed)."""
    now = timezone.now()
    if not job.task_id:  # being handed to the queue right now
        return now - job.created_at < timeout()
    task = DBTaskResult.objects.filter(id=job.task_id).values("status", "started_at").first()
    if task is None:
        return False
    if task["status"] == TaskResultStatus.READY:
        return True
    return (task["status"] == TaskResultStatus.RUNNING and task["started_at"] is not None
            and now - task["started_at"] < timeout())


def is_alive(job: Job) -> bool:
    if not job.is_active:
        return False
    if job.pk in running_here():
        return True
    if job.state == JobState.QUEUED:
        return _task_waits(job)
    if job.runner == this_process():
        return False  # ours, but it is no longer running
    host, _sep, pid = job.runner.rpartition(":")
    if host == HOST and pid.isdigit() and not _process_exists(int(pid)):
        return False  # its worker was killed
    return timezone.now() - job.updated_at < timeout()


def reap(job: Job) -> Job:
    """The job, queued again or failed (``job.lost``) if it is active but nothing runs it."""
    if job.is_active and not is_alive(job):
        return do_recover(job, run_job)
    return job


def recover_lost() -> list[Job]:
    """Every active job that nothing runs any more, queued again or failed."""
    return [reap(job) for job in Job.objects.filter(state__in=ACTIVE_STATES)
            if not is_alive(job)]


def workers_running() -> bool:
    """Whether any ``halfsky worker`` gave a sign of life lately."""
    return Worker.objects.filter(seen_at__gte=timezone.now() - timeout()).exists()


def latest_job(kind: str, target: models.Model) -> Job | None:
    target_model, target_pk = target_of(target)
    job = (Job.objects.filter(kind=kind, target_model=target_model, target_pk=target_pk)
           .select_related("created_by").first())
    return reap(job) if job is not None else None
