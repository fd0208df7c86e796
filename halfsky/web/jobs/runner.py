"""Running background jobs: in a daemon thread of the web process, or inline.

- ``submit(kind, target, actor, **params)``: queue a job and start it (refused with
  ``ActionError("job.running")`` while one of that kind runs on the target); the job
  runs in the language of the caller (the report's phrases are translated).
- ``start_job(job)``: runs the job in a thread started once the current transaction
  commits; with the setting ``HALFSKY_JOBS_INLINE`` (set by the test suite)
  it runs at once in the caller and returns the finished job.
- ``latest_job(kind, target)`` / ``reap(job)``: the job as a page shows it. A job
  whose runner is gone — the server was stopped or killed while it ran — is failed
  with ``job.interrupted`` when it is read, so the user sees why and may start again.

A running job is alive while this process runs its thread; a job of another process
on this machine while that process exists and the job gave a sign of life within
``STALE_AFTER``; a queued one for ``QUEUED_LIMIT`` (its thread starts at once).
An exception in a job fails it: ``ActionError`` with its code, anything else with
``job.failed`` (and a log entry). Threads close their database connections at the end.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import connections, models, transaction
from django.utils import timezone, translation

from halfsky.web.data.actions.errors import ActionError
from halfsky.web.jobs.actions import (
    do_enqueue,
    do_fail,
    do_finish,
    do_progress,
    do_start,
    target_of,
)
from halfsky.web.jobs.kinds import KINDS
from halfsky.web.jobs.models import Job, JobState

logger = logging.getLogger(__name__)

HOST = socket.gethostname()
STALE_AFTER = timedelta(minutes=10)  # longer than any step (LibreOffice gives up after 3)
QUEUED_LIMIT = timedelta(minutes=1)
_live: set[int] = set()  # the jobs this process is running now
_lock = threading.Lock()


def this_process() -> str:
    return f"{HOST}:{os.getpid()}"


def submit(kind: str, target: models.Model, actor: Any, **params: Any) -> Job:
    """Queue and start a job; it runs in the caller's language (``params["language"]``)."""
    latest_job(kind, target)  # an interrupted job no longer stands in the way
    params.setdefault("language", translation.get_language() or settings.LANGUAGE_CODE)
    return start_job(do_enqueue(kind, target, actor, **params))


def start_job(job: Job) -> Job:
    if settings.HALFSKY_JOBS_INLINE:
        run(job.pk)
        return Job.objects.get(pk=job.pk)
    thread = threading.Thread(target=_thread, args=(job.pk,), name=f"halfsky-job-{job.pk}",
                              daemon=True)
    transaction.on_commit(thread.start)
    return job


def _thread(pk: int) -> None:
    try:
        run(pk)
    finally:
        connections.close_all()  # this thread's connections only


def run(pk: int) -> None:
    """Run the queued job ``pk`` here and now, to its end (done or failed)."""
    with _lock:
        _live.add(pk)
    try:
        try:
            job = do_start(Job.objects.get(pk=pk), this_process())
        except (ActionError, Job.DoesNotExist):
            return  # started elsewhere already, or gone
        try:
            kind = KINDS.get(job.kind)
            if kind is None:
                raise ActionError("job.kind", kind=job.kind)
            with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
                url = kind.run(job, lambda percent, step: do_progress(job, percent, step))
        except ActionError as error:
            do_fail(job, error.code, error.params)
        except Exception:
            logger.exception("background job %s (%s) failed", job.pk, job.kind)
            do_fail(job, "job.failed")
        else:
            do_finish(job, url)
            if kind is not None and kind.follow_up is not None:
                kind.follow_up(job)
    except Exception:  # the database itself failed: the job is reaped as interrupted
        logger.exception("background job %s could not be recorded", pk)
    finally:
        with _lock:
            _live.discard(pk)


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def is_alive(job: Job) -> bool:
    if not job.is_active:
        return False
    with _lock:
        if job.pk in _live:
            return True
    now = timezone.now()
    if job.state == JobState.QUEUED:
        return now - job.created_at < QUEUED_LIMIT
    if job.runner == this_process():
        return False  # ours, but its thread has ended
    host, _sep, pid = job.runner.rpartition(":")
    if host == HOST and pid.isdigit() and not _process_exists(int(pid)):
        return False
    return now - job.updated_at < STALE_AFTER


def reap(job: Job) -> Job:
    """The job, failed with ``job.interrupted`` if it is active but nothing runs it."""
    if job.is_active and not is_alive(job):
        return do_fail(job, "job.interrupted")
    return job


def latest_job(kind: str, target: models.Model) -> Job | None:
    target_model, target_pk = target_of(target)
    job = (Job.objects.filter(kind=kind, target_model=target_model, target_pk=target_pk)
           .select_related("created_by").first())
    return reap(job) if job is not None else None
