"""The ``halfsky worker`` process: the database backend's worker, with a heartbeat.

``run_worker`` runs django-tasks-db's worker (``db_worker``): it claims one ready task
at a time and runs it. The claim is a transaction that reads the next ready task and
marks it running: on PostgreSQL the row is locked (``SELECT … FOR UPDATE SKIP
LOCKED``), so two workers never take the same task; on SQLite the transaction is
exclusive (it holds the database's one write lock from its first statement), so a
second worker's claim waits until the first has committed and then sees the task
running. ``do_start`` refuses a job that is not queued, a second guard.

Beside it a thread beats every ``HALFSKY_WORKER_TIMEOUT / 6`` seconds: the worker's
row (``models.Worker``) and the jobs it runs show it is alive, and the jobs of workers
that stopped (killed, their machine off) are queued again or failed
(``runner.recover_lost``) — also once when the worker starts, which also starts the
work its apps registered for a worker's start (``kinds.on_worker_start``: the
reassessment of years left pending without a job; a LibreOffice profile set up for the
reports' PDFs, removed when the worker stops). SIGTERM or Ctrl-C lets
the running task finish, then ends the worker; a second one ends it at once.
"""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.core.management import call_command
from django.db import DatabaseError, connections

from halfsky.web.jobs.actions import do_beat, do_worker_stopped
from halfsky.web.jobs.execution import running_here, this_process
from halfsky.web.jobs.kinds import WORKER_START
from halfsky.web.jobs.runner import recover_lost

logger = logging.getLogger(__name__)


def beat(worker_id: str) -> None:
    do_beat(worker_id, running_here())
    for job in recover_lost():
        logger.warning("job %s (%s) of a stopped worker: %s", job.pk, job.kind, job.state)


class Heartbeat(threading.Thread):
    def __init__(self, worker_id: str) -> None:
        super().__init__(name="halfsky-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.every = max(1.0, settings.HALFSKY_WORKER_TIMEOUT / 6)
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                try:
                    beat(self.worker_id)
                except DatabaseError:  # the database is away for a moment: beat again later
                    logger.exception("heartbeat of worker %s failed", self.worker_id)
        finally:
            connections.close_all()  # this thread's connections only


def run_worker(interval: float = 1.0, verbosity: int = 1) -> None:
    """Run tasks until stopped (SIGTERM, Ctrl-C)."""
    worker_id = this_process()
    beat(worker_id)  # signs in, and takes up the jobs of workers that died
    for hook in WORKER_START:  # e.g. reassessments whose job never started
        hook()
    heartbeat = Heartbeat(worker_id)
    heartbeat.start()
    try:
        call_command("db_worker", "--worker-id", worker_id, "--interval", str(interval),
                     "--no-reload", "--no-startup-delay", verbosity=verbosity)
    finally:
        heartbeat.stopped.set()
        heartbeat.join(timeout=5)
        do_worker_stopped(worker_id)
