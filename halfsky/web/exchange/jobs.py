"""The exchange's background jobs: pushing to the parent, pulling from a child."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from halfsky.web.core.errors import ActionError
from halfsky.web.exchange.sync import pull_from_child, push_to_parent
from halfsky.web.jobs.kinds import Kind, Progress, register
from halfsky.web.jobs.models import Job
from halfsky.web.orgs.models import Area
from halfsky.web.plans.choice import chosen_plan
from halfsky.web.plans.models import Plan


def _push(job: Job, report_progress: Progress) -> str:
    run = push_to_parent(Plan.objects.get(pk=job.target_pk), job.created_by,
                         progress=report_progress)
    if run.error:  # the run keeps how far it got; the job fails with the reason
        raise ActionError(run.error, **run.error_params)
    return _push_url(job)


def _push_url(job: Job) -> str:
    return reverse("exchange:index", args=[Plan.objects.get(pk=job.target_pk).code])


def _pull_url(job: Job) -> str:
    """A pull brings a child's values of every plan: back to the starter's current plan."""
    plan = chosen_plan(job.created_by)
    return reverse("exchange:index", args=[plan.code]) if plan is not None else reverse("home")


def _pull(job: Job, report_progress: Progress) -> str:
    report_progress(10, "exchange.step.pull")
    pull_from_child(Area.objects.get(pk=job.target_pk), job.created_by)
    return _pull_url(job)


register("exchange.push", Kind(
    run=_push,
    title=_("Pushing the approved values to the parent instance…"),
    done=_("Approved values pushed in %(seconds).1f s."),
    target_url=_push_url,
))
register("exchange.pull", Kind(
    run=_pull,
    title=_("Pulling the values of a child instance…"),
    done=_("Values pulled in %(seconds).1f s."),
    target_url=_pull_url,
))
