"""The kinds of background job: what each runs and the words of its steps and errors.

``KINDS`` maps a kind to its ``Kind``. ``run(job, report_progress)`` does the work,
calling ``report_progress(percent, step_code)`` as it goes, and returns the address
of the result; it raises ``ActionError`` to refuse (the job fails with that code)
and must write its results at the end, in one transaction, so that a failure leaves
nothing half-written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from halfsky.web.assessments import background
from halfsky.web.data.actions.errors import ActionError
from halfsky.web.data.actions.history import do_apply_history
from halfsky.web.data.words import SENTENCES as DATA_SENTENCES
from halfsky.web.exchange.sync import pull_from_child, push_to_parent
from halfsky.web.exchange.words import SENTENCES as EXCHANGE_SENTENCES
from halfsky.web.reports import actions as report_actions
from halfsky.web.reports.messages import MESSAGES as REPORT_MESSAGES
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
    texts: Mapping[str, Any]  # the words of its step and error codes (lazy texts)
    follow_up: Callable[[Job], None] | None = None  # run once the job has finished


def _generate_report(job: Job, report_progress: Progress) -> str:
    report = Report.objects.get(pk=job.target_pk)
    report_actions.do_generate_report(report, job.created_by, progress=report_progress)
    return reverse("reports:report", args=[report.pk])


REPORT_STEPS = {
    "report.step.values": _("Collecting the values, assessments and warnings"),
    "report.step.word": _("Writing the Word file and drawing its charts"),
    "report.step.compendium": _("Writing the statistical compendium (Excel)"),
    "report.step.pdf": _("Converting the report to PDF with LibreOffice"),
    "report.step.saving": _("Saving the files"),
}


def _recompute(job: Job, report_progress: Progress) -> str:
    return background.run_job(job.target_pk, job.created_by, report_progress)


def _push(job: Job, report_progress: Progress) -> str:
    from halfsky.web.plans.models import Plan

    run = push_to_parent(Plan.objects.get(pk=job.target_pk), job.created_by,
                         progress=report_progress)
    if run.error:  # the run keeps how far it got; the job fails with the reason
        raise ActionError(run.error, **run.error_params)
    return reverse("exchange:index")


def _pull(job: Job, report_progress: Progress) -> str:
    from halfsky.web.orgs.models import Area

    report_progress(10, "exchange.step.pull")
    pull_from_child(Area.objects.get(pk=job.target_pk), job.created_by)
    return reverse("exchange:index")


def _apply_history(job: Job, report_progress: Progress) -> str:
    from halfsky.web.data.models import HistoryImport

    report_progress(10, "history.step.apply")
    do_apply_history(HistoryImport.objects.get(pk=job.target_pk), job.created_by)
    return reverse("data:history")


EXCHANGE_TEXTS = {
    **EXCHANGE_SENTENCES,
    "exchange.step.push": _("Sending the approved values to the parent instance"),
    "exchange.step.pull": _("Fetching and storing the child instance's values"),
}

KINDS: dict[str, Kind] = {
    "report.generate": Kind(
        run=_generate_report,
        title=_("Generating the report…"),
        done=_("Report generated in %(seconds).1f s."),
        target_url=lambda job: reverse("reports:report", args=[job.target_pk]),
        texts={**REPORT_STEPS, **REPORT_MESSAGES},
    ),
    background.KIND: Kind(
        run=_recompute,
        title=_("Reassessing the plan…"),
        done=_("Plan reassessed in %(seconds).1f s."),
        target_url=lambda job: reverse("assessments:index"),
        texts={"assessment.step.recompute": _("Reassessing the years with new values")},
        follow_up=lambda job: background.follow_up(job.target_pk),
    ),
    "exchange.push": Kind(
        run=_push,
        title=_("Pushing the approved values to the parent instance…"),
        done=_("Approved values pushed in %(seconds).1f s."),
        target_url=lambda job: reverse("exchange:index"),
        texts=EXCHANGE_TEXTS,
    ),
    "exchange.pull": Kind(
        run=_pull,
        title=_("Pulling the values of a child instance…"),
        done=_("Values pulled in %(seconds).1f s."),
        target_url=lambda job: reverse("exchange:index"),
        texts=EXCHANGE_TEXTS,
    ),
    "history.apply": Kind(
        run=_apply_history,
        title=_("Importing the values of earlier years…"),
        done=_("Values of earlier years imported in %(seconds).1f s; the assessments of "
               "the years concerned are being recomputed in the background."),
        target_url=lambda job: reverse("data:history_preview", args=[job.target_pk]),
        texts={**DATA_SENTENCES,
               "history.step.apply": _("Checking every row again and storing the values")},
    ),
}
