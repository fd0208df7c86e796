"""The assessment's background job: reassessing a plan's pending years."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from halfsky.web.assessments import background
from halfsky.web.jobs.kinds import Kind, Progress, register
from halfsky.web.jobs.models import Job
from halfsky.web.plans.models import Plan


def _recompute(job: Job, report_progress: Progress) -> str:
    return background.run_job(job.target_pk, job.created_by, report_progress)


register(background.KIND, Kind(
    run=_recompute,
    title=_("Reassessing the plan…"),
    done=_("Plan reassessed in %(seconds).1f s."),
    target_url=lambda job: reverse("assessments:index",
                                   args=[Plan.objects.get(pk=job.target_pk).code]),
    follow_up=lambda job: background.follow_up(job.target_pk),
))
