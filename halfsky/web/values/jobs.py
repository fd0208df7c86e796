"""The reporting app's background job: applying an import of earlier years."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from halfsky.web.jobs.kinds import Kind, Progress, register
from halfsky.web.jobs.models import Job
from halfsky.web.values.actions.earlier_years import do_apply_history
from halfsky.web.values.models import EarlierYearsImport


def _apply_history(job: Job, report_progress: Progress) -> str:
    report_progress(10, "earlier_years.step.apply")
    staged = EarlierYearsImport.objects.select_related("plan").get(pk=job.target_pk)
    do_apply_history(staged, job.created_by)
    return reverse("earlier_years:upload", args=[staged.plan.code])


def _preview_url(job: Job) -> str:
    staged = EarlierYearsImport.objects.select_related("plan").get(pk=job.target_pk)
    return reverse("earlier_years:preview", args=[staged.plan.code, staged.pk])


register("earlier_years.apply", Kind(
    run=_apply_history,
    title=_("Importing the values of earlier years…"),
    done=_("Values of earlier years imported in %(seconds).1f s; the assessments of "
           "the years concerned are being recomputed in the background."),
    target_url=_preview_url,
))
