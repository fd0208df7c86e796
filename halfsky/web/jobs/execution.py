"""Running one job in this process: what the queue's task does in a worker.

``run(pk, task_id)`` runs the queued job to its end (done or failed); this process
knows which jobs it runs right now (``running_here``), named "host:pid"
(``this_process``). An exception in a job fails it: ``ActionError`` with its code,
anything else with ``job.failed`` (and a log entry).
"""

from __future__ import annotations

import logging
import os
import socket
import threading

from django.conf import settings
from django.utils import translation

from halfsky.web.core.errors import ActionError
from halfsky.web.jobs.actions import do_fail, do_finish, do_progress, do_start
from halfsky.web.jobs.kinds import KINDS
from halfsky.web.jobs.models import Job

logger = logging.getLogger(__name__)

HOST = socket.gethostname()[:50]
_live: set[int] = set()  # the jobs this process is running now
_lock = threading.Lock()


def this_process() -> str:
    return f"{HOST}:{os.getpid()}"


def running_here() -> list[int]:
    """The jobs this process runs right now."""
    with _lock:
        return sorted(_live)


def run(pk: int, task_id: str = "") -> None:
    """Run the queued job ``pk`` here and now, to its end (done or failed)."""
    with _lock:
        _live.add(pk)
    try:
        try:
            job = do_start(Job.objects.get(pk=pk), this_process(), task_id)
        except (ActionError, Job.DoesNotExist):
            return  # started elsewhere already, superseded by a new attempt, or gone
        try:
            kind = KINDS.get(job.kind)
            if kind is None:
                raise ActionError("job.kind", kind=job.kind)
            with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
                url = kind.run(job, lambda percent, step: do_progress(job, percent, step))
        except ActionError as error:
            do_fail(job, error.code, error.params, attempt=job.attempts)
        except Exception:
            logger.exception("background job %s (%s) failed", job.pk, job.kind)
            do_fail(job, "job.failed", attempt=job.attempts)
        else:
            do_finish(job, url)
            if kind is not None and kind.follow_up is not None:
                kind.follow_up(job)
    except Exception:  # the database itself failed: the job is recovered as lost
        logger.exception("background job %s could not be recorded", pk)
    finally:
        with _lock:
            _live.discard(pk)
