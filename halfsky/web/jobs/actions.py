"""Job actions: the only code that writes jobs, one function per change of state.

- ``do_enqueue``: a queued job of a kind on a target; refused with ``job.running``
  while a job of the same kind is queued or running on that target (``job.kind``
  for a kind nobody runs).
- ``do_queue_task``: the job is handed to the task queue (a task a worker takes; with
  ``HALFSKY_JOBS_INLINE`` the immediate backend runs it at once, here).
- ``do_start``: the job runs, in the process named by ``runner`` ("host:pid"), through
  the task ``task_id`` (a task that is not the job's current one is refused); it counts
  the attempt.
- ``do_progress``: the percentage and the step of a running job. It is also the
  job's sign of life (``updated_at``); it leaves no audit record, being no change
  anyone answers for.
- ``do_finish``: done, 100 %, with the address of the result.
- ``do_fail``: failed with a code (``job.failed`` for an unexpected error,
  ``job.lost`` when its worker stopped on the last attempt, or the refusal code
  of the action the job ran) and its parameters.
- ``do_recover``: a job nothing runs any more (its worker was killed): queued again
  with a new task while it has attempts left (``HALFSKY_JOB_ATTEMPTS``), else failed
  with ``job.lost``; the task the dead worker held is marked failed. It changes nothing
  when the job changed since the caller read it (another worker recovered it first).
- ``do_beat`` / ``do_worker_stopped``: a worker's sign of life (it also touches the
  jobs it runs) and its clean end; no audit record.

``do_finish`` and ``do_fail`` given ``attempt`` change the job only while that attempt
is the current one: a worker taken for dead that comes back changes nothing.

Each is one transaction; all but ``do_progress`` leave an audit record
(object type ``job``). A job that has finished or failed is never changed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from halfsky.web.audit.records import record
from halfsky.web.core.errors import ActionError
from halfsky.web.jobs.kinds import KINDS
from halfsky.web.jobs.models import ACTIVE_STATES, Job, JobState, Worker


def target_of(target: models.Model) -> tuple[str, str]:
    """The (model label, key) a job stores for its target."""
    return target._meta.label_lower, str(target.pk)


def do_enqueue(kind: str, target: models.Model, actor: Any, **params: Any) -> Job:
    if kind not in KINDS:
        raise ActionError("job.kind", kind=kind)
    target_model, target_pk = target_of(target)
    user = actor if getattr(actor, "is_authenticated", False) else None
    try:
        with transaction.atomic():
            if Job.objects.filter(kind=kind, target_model=target_model, target_pk=target_pk,
                                  state__in=ACTIVE_STATES).exists():
                raise ActionError("job.running")
            job = Job.objects.create(kind=kind, target_model=target_model,
                                     target_pk=target_pk, params=params, created_by=user,
                                     step="job.step.queued")
            record("job.enqueue", "job", str(job.pk), actor, kind=kind,
                   target=f"{target_model}:{target_pk}")
    except IntegrityError:  # another request started one at the same moment
        raise ActionError("job.running") from None
    return job


def do_queue_task(job: Job, run_job: Task[..., None]) -> Job:
    """Hand ``job`` to the queue as the task ``run_job`` (``tasks.run_job``, passed in by
    the runner: this module sits below the task that runs jobs)."""
    if settings.HALFSKY_JOBS_INLINE:  # runs it here, each step in its own transaction
        result = run_job.using(backend="immediate").enqueue(job.pk)
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    else:
        with transaction.atomic():  # the task and the job's note of it, together
            result = run_job.using(backend="default").enqueue(job.pk)
            Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.task_id = str(result.id)
    return job


@transaction.atomic
def do_start(job: Job, runner: str, task_id: str = "") -> Job:
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.state != JobState.QUEUED or (task_id and job.task_id and task_id != job.task_id):
        raise ActionError("job.state", state=job.state)
    now = timezone.now()
    job.state, job.runner, job.started_at, job.updated_at = JobState.RUNNING, runner, now, now
    job.step, job.progress, job.attempts = "job.step.started", 0, job.attempts + 1
    job.save(update_fields=["state", "runner", "started_at", "updated_at", "step", "progress",
                            "attempts"])
    record("job.start", "job", str(job.pk), job.created_by, kind=job.kind, runner=runner,
           attempt=job.attempts)
    return job


def do_progress(job: Job, percent: int, step: str) -> None:
    percent = max(0, min(100, int(percent)))
    Job.objects.filter(pk=job.pk, state=JobState.RUNNING, attempts=job.attempts).update(
        progress=percent, step=step[:80], updated_at=timezone.now())
    job.progress, job.step = percent, step[:80]


@transaction.atomic
def do_finish(job: Job, result_url: str) -> Job:
    attempt = job.attempts
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.state != JobState.RUNNING or job.attempts != attempt:
        return job  # taken for lost meanwhile (retried or failed): it stays as it is
    now = timezone.now()
    job.state, job.progress, job.step = JobState.DONE, 100, "job.step.done"
    job.result_url, job.finished_at, job.updated_at = result_url[:300], now, now
    job.save(update_fields=["state", "progress", "step", "result_url", "finished_at",
                            "updated_at"])
    record("job.finish", "job", str(job.pk), job.created_by, kind=job.kind,
           seconds=round(job.seconds or 0, 2))
    return job


@transaction.atomic
def do_fail(job: Job, code: str, params: dict[str, Any] | None = None,
            attempt: int | None = None) -> Job:
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.state not in ACTIVE_STATES or (attempt is not None and job.attempts != attempt):
        return job
    now = timezone.now()
    job.state, job.error_code, job.finished_at, job.updated_at = JobState.FAILED, code, now, now
    job.error_params = {k: v if isinstance(v, int | float | bool | None) else str(v)
                        for k, v in (params or {}).items()}
    job.save(update_fields=["state", "error_code", "error_params", "finished_at", "updated_at"])
    record("job.fail", "job", str(job.pk), job.created_by, kind=job.kind, code=code,
           params=job.error_params)
    return job


@transaction.atomic
def do_recover(job: Job, run_job: Task[..., None]) -> Job:
    seen = (job.state, job.attempts, job.task_id, job.runner)
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.state not in ACTIVE_STATES or (job.state, job.attempts, job.task_id,
                                          job.runner) != seen:
        return job  # another process recovered it (or a worker started it) meanwhile
    now = timezone.now()
    if job.task_id:  # the dead worker's task will never end by itself
        DBTaskResult.objects.filter(
            id=job.task_id, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
        ).update(status=TaskResultStatus.FAILED, finished_at=now,
                 exception_class_path="halfsky.web.jobs.WorkerLost",
                 traceback=f"the worker {job.runner or '?'} stopped while it ran job {job.pk}")
    if job.attempts >= settings.HALFSKY_JOB_ATTEMPTS:
        return do_fail(job, "job.lost", {"attempts": job.attempts})
    lost_runner = job.runner
    job.state, job.step, job.progress, job.runner = JobState.QUEUED, "job.step.retry", 0, ""
    job.updated_at = now
    job.save(update_fields=["state", "step", "progress", "runner", "updated_at"])
    record("job.retry", "job", str(job.pk), job.created_by, kind=job.kind,
           lost_runner=lost_runner, attempts=job.attempts)
    return do_queue_task(job, run_job)


def do_beat(worker_id: str, running: Iterable[int] = ()) -> None:
    """The worker is alive, and so are the jobs ``running`` (those it runs right now)."""
    now = timezone.now()
    Worker.objects.update_or_create(worker_id=worker_id, defaults={"seen_at": now})
    Job.objects.filter(pk__in=list(running), state=JobState.RUNNING,
                       runner=worker_id).update(updated_at=now)


def do_worker_stopped(worker_id: str) -> None:
    Worker.objects.filter(worker_id=worker_id).delete()
