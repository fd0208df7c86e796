"""Job actions: the only code that writes jobs, one function per change of state.

- ``do_enqueue``: a queued job of a kind on a target; refused with ``job.running``
  while a job of the same kind is queued or running on that target (``job.kind``
  for a kind nobody runs).
- ``do_start``: the job runs, in the process named by ``runner`` ("host:pid").
- ``do_progress``: the percentage and the step of a running job. It is also the
  job's sign of life (``updated_at``); it leaves no audit record, being no change
  anyone answers for.
- ``do_finish``: done, 100 %, with the address of the result.
- ``do_fail``: failed with a code (``job.failed`` for an unexpected error,
  ``job.interrupted`` when the server stopped while it ran, or the refusal code
  of the action the job ran) and its parameters.

Each is one transaction; all but ``do_progress`` leave an audit record
(object type ``job``). A job that has finished or failed is never changed again.
"""

from __future__ import annotations

from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from halfsky.web.audit.records import record
from halfsky.web.data.actions.errors import ActionError
from halfsky.web.jobs.kinds import KINDS
from halfsky.web.jobs.models import ACTIVE_STATES, Job, JobState


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


@transaction.atomic
def do_start(job: Job, runner: str) -> Job:
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.state != JobState.QUEUED:
        raise ActionError("job.state", state=job.state)
    now = timezone.now()
    job.state, job.runner, job.started_at, job.updated_at = JobState.RUNNING, runner, now, now
    job.step = "job.step.started"
    job.save(update_fields=["state", "runner", "started_at", "updated_at", "step"])
    record("job.start", "job", str(job.pk), job.created_by, kind=job.kind, runner=runner)
    return job


def do_progress(job: Job, percent: int, step: str) -> None:
    percent = max(0, min(100, int(percent)))
    Job.objects.filter(pk=job.pk, state=JobState.RUNNING).update(
        progress=percent, step=step[:80], updated_at=timezone.now())
    job.progress, job.step = percent, step[:80]


@transaction.atomic
def do_finish(job: Job, result_url: str) -> Job:
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.state != JobState.RUNNING:
        return job  # failed meanwhile (e.g. taken for interrupted): it stays as it is
    now = timezone.now()
    job.state, job.progress, job.step = JobState.DONE, 100, "job.step.done"
    job.result_url, job.finished_at, job.updated_at = result_url[:300], now, now
    job.save(update_fields=["state", "progress", "step", "result_url", "finished_at",
                            "updated_at"])
    record("job.finish", "job", str(job.pk), job.created_by, kind=job.kind,
           seconds=round(job.seconds or 0, 2))
    return job


@transaction.atomic
def do_fail(job: Job, code: str, params: dict[str, Any] | None = None) -> Job:
    job = Job.objects.select_for_update().get(pk=job.pk)
    if job.state not in ACTIVE_STATES:
        return job
    now = timezone.now()
    job.state, job.error_code, job.finished_at, job.updated_at = JobState.FAILED, code, now, now
    job.error_params = {k: v if isinstance(v, int | float | bool | None) else str(v)
                        for k, v in (params or {}).items()}
    job.save(update_fields=["state", "error_code", "error_params", "finished_at", "updated_at"])
    record("job.fail", "job", str(job.pk), job.created_by, kind=job.kind, code=code,
           params=job.error_params)
    return job
