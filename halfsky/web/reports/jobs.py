"""The reports' background job: generating a report's files."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from halfsky.web.jobs.kinds import Kind, Progress, register
from halfsky.web.jobs.models import Job
from halfsky.web.reports import actions as report_actions
from halfsky.web.reports.models import Report


def _generate_report(job: Job, report_progress: Progress) -> str:
    report = Report.objects.select_related("plan").get(pk=job.target_pk)
    report_actions.do_generate_report(report, job.created_by, progress=report_progress)
    return _report_url(job)


def _report_url(job: Job) -> str:
    report = Report.objects.select_related("plan").get(pk=job.target_pk)
    return reverse("reports:report", args=[report.plan.code, report.pk])


register("report.generate", Kind(
    run=_generate_report,
    title=_("Generating the report…"),
    done=_("Report generated in %(seconds).1f s."),
    target_url=_report_url,
))
