"""The kinds of background job: what each runs, its title and its message when done.

``KINDS`` maps a kind to its ``Kind``. ``run(job, report_progress)`` does the work,
calling ``report_progress(percent, step_code)`` as it goes, and returns the address
of the result; it raises ``ActionError`` to refuse (the job fails with that code)
and must write its results at the end, in one transaction, so that a failure leaves
nothing half-written. The words of the step and error codes are in
``halfsky.web.core.text`` (``system.JOB_MESSAGES`` and the subject they belong to).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from halfsky.web.assessments import background
from halfsky.web.reports import actions as report_actions
from halfsky.web.reports.models import Report

if TYPE_CHECKING:
    from halfsky.web.jobs.models import Job

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class Kind:
    run: Callable[[Job, Progress], str]
    title: Any  # what the job does, shown while it runs (lazy text)
    done: Any  # shown when it has finished; may use %(seconds).1f (lazy text)
    target_url: Callable[[Job], str]  # the page of the object it works on
    follow_up: Callable[[Job], None] | None = None  # run once the job has finished


def _generate_report(job: Job, report_progress: Progress) -> str:
    report = Report.objects.get(pk=job.target_pk)
    report_actions.do_generate_report(report, job.created_by, progress=report_progress)
    return reverse("reports:report", args=[report.pk])


def _recompute(job: Job, report_progress: Progress) -> str:
    return background.run_job(job.target_pk, job.created_by, report_progress)


KINDS: dict[str, Kind] = {
    "report.generate": Kind(
        run=_generate_report,
        title=_("Generating the report…"),
        done=_("Report generated in %(seconds).1f s."),
        target_url=lambda job: reverse("reports:report", args=[job.target_pk]),
    ),
    background.KIND: Kind(
        run=_recompute,
        title=_("Reassessing the plan…"),
        done=_("Plan reassessed in %(seconds).1f s."),
        target_url=lambda job: reverse("assessments:index"),
        follow_up=lambda job: background.follow_up(job.target_pk),
    ),
}
