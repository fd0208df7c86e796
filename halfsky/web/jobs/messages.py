"""The words of the jobs' step and error codes (translated when shown)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from halfsky.web.jobs.kinds import KINDS
from halfsky.web.jobs.models import Job, JobState
from halfsky.web.jobs.runner import workers_running

MESSAGES = {
    "job.step.queued": _("Waiting to start…"),
    "job.step.started": _("Starting…"),
    "job.step.retry": _("Its worker stopped while it ran; waiting to start it again…"),
    "job.step.no_worker": _("Waiting: no background worker is running. Ask the "
                            "administrator to start one (halfsky worker)."),
    "job.step.done": _("Finished."),
    "job.failed": _("It stopped because of an unexpected error and nothing was changed. "
                    "Try again; if it happens again, tell the administrator."),
    "job.interrupted": _("It was interrupted because the server stopped, and nothing was "
                         "changed. Start it again."),
    "job.lost": _("It was not finished: the background worker running it stopped "
                  "(%(attempts)s attempts), and nothing was changed. Start it again; if it "
                  "happens again, tell the administrator."),
    "job.running": _("This is already running; wait until it has finished."),
    "job.kind": _("Unknown kind of background job."),
    "job.state": _("This job has already started."),
}


def text_of(code: str, params: dict[str, Any] | None = None, kind: str = "") -> str:
    """The words of a job's code: its kind's own, else the jobs' ones, else the code."""
    known = KINDS.get(kind)
    text = (known.texts.get(code) if known else None) or MESSAGES.get(code)
    if text is None:
        return code
    try:
        return str(text) % params if params else str(text)
    except (KeyError, TypeError, ValueError):
        return str(text)


def title_of(job: Job) -> str:
    known = KINDS.get(job.kind)
    return str(known.title) if known else str(_("Background job"))


def done_text(job: Job) -> str:
    known = KINDS.get(job.kind)
    if known is None:
        return str(MESSAGES["job.step.done"])
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
    if job.state == JobState.QUEUED and not workers_running():
        step = "job.step.no_worker"
    return {"title": title_of(job), "headline": headline,
            "step": text_of(step, kind=job.kind),
            "error": text_of(job.error_code, job.error_params, job.kind) if job.error_code
            else ""}
