"""Background jobs: work that takes seconds (generating a report) done outside the request.

A job has a kind (``report.generate``), a target (the model label and key of the
object it works on, e.g. ``reports.report`` / ``12``), a state, a progress (0–100)
and the code of the step it is at (``report.step.pdf``, translated when shown).
A failed job keeps its error code and parameters; a finished one the address of its
result. Rows are written only by ``actions.py``; ``runner.py`` runs the jobs, each
through a task of the queue (django-tasks, ``tasks.py``) that a ``halfsky worker`` takes.
At most one job of a kind runs on a target at a time (a constraint, so two
requests at once cannot both start one).
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JobState(models.TextChoices):
    QUEUED = "queued", _("waiting to start")
    RUNNING = "running", _("running")
    DONE = "done", _("finished")
    FAILED = "failed", _("failed")


ACTIVE_STATES = (JobState.QUEUED, JobState.RUNNING)


class Job(models.Model):
    kind = models.CharField(_("kind"), max_length=60)
    state = models.CharField(_("state"), max_length=10, choices=JobState.choices,
                             default=JobState.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (percent)"), default=0,
                                                validators=[MaxValueValidator(100)])
    step = models.CharField(_("step"), max_length=80, blank=True)
    error_code = models.CharField(_("error code"), max_length=80, blank=True)
    error_params = models.JSONField(_("error parameters"), default=dict, blank=True)
    target_model = models.CharField(_("target type"), max_length=60)
    target_pk = models.CharField(_("target object"), max_length=40)
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    result_url = models.CharField(_("result"), max_length=300, blank=True)
    # "host:pid" of the worker process that runs the job (set when it starts).
    runner = models.CharField(_("runner"), max_length=120, blank=True)
    # The id of the queue's task that runs it (a new one when it is tried again).
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("started by"),
                                   null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    # The last sign of life: each step of a running job and its worker's heartbeat touch it.
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        indexes = [models.Index(fields=["target_model", "target_pk", "kind"])]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "target_model", "target_pk"],
                condition=models.Q(state__in=[s.value for s in ACTIVE_STATES]),
                name="jobs_one_active_job_per_target"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.target_model}:{self.target_pk} ({self.state})"

    @property
    def is_active(self) -> bool:
        return self.state in ACTIVE_STATES

    @property
    def seconds(self) -> float | None:
        """How long the job ran, once it has finished."""
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


class Worker(models.Model):
    """A ``halfsky worker`` process, as its heartbeat last showed it (a row per process,
    removed when it stops cleanly). Pages tell, from it, when no worker runs at all."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)  # "host:pid"
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    seen_at = models.DateTimeField(_("last seen at"), default=timezone.now)

    class Meta:
        ordering = ["worker_id"]
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return self.worker_id
