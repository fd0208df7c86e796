"""What the pages show of a job: its title, its headline, its step and its error in words."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from halfsky.web.core.text import sentence
from halfsky.web.jobs.kinds import KINDS
from halfsky.web.jobs.models import Job, JobState
from halfsky.web.jobs.runner import workers_running


def title_of(job: Job) -> str:
    known = KINDS.get(job.kind)
    return str(known.title) if known else str(_("Background job"))


def done_text(job: Job) -> str:
    known = KINDS.get(job.kind)
    if known is None:
        return sentence("job.step.done")
    return str(known.done) % {"seconds": job.seconds or 0.0}


def shown(job: Job) -> dict[str, str]:
    """What a page shows of a job: its headline (what it does while it runs, the kind's
    message once done), its current step and, if it failed, why."""
    if job.is_active:
        headline = title_of(job)
    elif job.state == JobState.DONE:
        headline = done_text(job)
    else:
        headline = str(_("Not finished"))
    step = job.step
    if job.state == JobState.DONE:
        step = "job.step.done"  # 已完成, not the last step it ran ("saving the files")
    elif job.state == JobState.QUEUED and not workers_running():
        step = "job.step.no_worker"
    return {"title": title_of(job), "headline": headline,
            "step": sentence(step),
            "error": sentence(job.error_code, job.error_params) if job.error_code
            else ""}
