"""The page of a background job, the progress fragment it polls, and its state as JSON.

Only the user who started a job and the administrative roles may read it
(``jobs.view_job``). Reading a job whose runner is gone fails it as interrupted (``runner.reap``).
The fragment polls itself every second while the job is queued or running; when it
has finished, an htmx request is sent on to the result (with the kind's message) and
when it has failed the page reloads, showing why.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from halfsky.web.core.access import check
from halfsky.web.jobs.kinds import KINDS
from halfsky.web.jobs.models import Job, JobState
from halfsky.web.jobs.queries import done_text, shown
from halfsky.web.jobs.runner import reap


def _job(request: HttpRequest, pk: int) -> Job:
    job = get_object_or_404(Job.objects.select_related("created_by"), pk=pk)
    check(request.user, "jobs.view_job", job)
    return reap(job)


def progress_context(job: Job, poll: bool) -> dict[str, Any]:
    """What ``jobs/_progress.html`` needs (other pages include it with this)."""
    return {"job": job, "shown": shown(job), "poll": poll and job.is_active}


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    kind = KINDS.get(job.kind)
    return render(request, "jobs/job.html", {
        **progress_context(job, poll=True),
        "target_url": kind.target_url(job) if kind else ""})


@login_required
def progress(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    response = render(request, "jobs/_progress.html", progress_context(job, poll=True))
    if request.headers.get("HX-Request") and not job.is_active:
        if job.state == JobState.DONE and job.result_url:
            messages.success(request, done_text(job))
            response["HX-Redirect"] = job.result_url
        else:
            response["HX-Refresh"] = "true"
    return response


@login_required
def status(request: HttpRequest, pk: int) -> JsonResponse:
    job = _job(request, pk)
    words = shown(job)
    return JsonResponse({
        "id": job.pk, "kind": job.kind, "state": job.state, "progress": job.progress,
        "step": job.step, "step_text": words["step"], "error_code": job.error_code,
        "error_params": job.error_params, "error": words["error"],
        "result_url": job.result_url})
