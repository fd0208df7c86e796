"""Departments' yearly reports (规划落实情况和下一年工作安排): the only code that writes them.

- ``do_save_year_report``: the department's reporter or head writes the two
  texts (a draft; a returned report stays returned until it is submitted again).
- ``do_submit_year_report``: the department head submits it (the coordinator is
  notified); both texts must be written.
- ``do_return_year_report``: the coordinator (statistics bureau, administrator)
  returns a submitted report with a comment; the department's users are notified.

Each is one transaction with an audit record; refusals raise ``ActionError``
(codes ``year_report.*``) and change nothing. Submitted reports feed the
evaluation reports (``submitted_reports``).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from halfsky.domain import workflow
from halfsky.web.audit.records import record
from halfsky.web.core.errors import ActionError
from halfsky.web.core.notifications import notify
from halfsky.web.orgs.models import Department
from halfsky.web.orgs.permissions import DEPARTMENT_ROLES, may_take
from halfsky.web.orgs.queries import users_with
from halfsky.web.orgs.roles import Role
from halfsky.web.plans.models import Goal, Indicator, Measure, Plan
from halfsky.web.reports.models import DepartmentYearReport, YearReportState


def plan_departments(plan: Plan) -> QuerySet[Department]:
    """The member departments of the plan: those leading or supporting a goal, a measure
    or an indicator of it."""
    goals = Goal.objects.filter(domain__plan=plan)
    measures = Measure.objects.filter(domain__plan=plan)
    indicators = Indicator.objects.filter(plan=plan)
    members = Q()  # one id subquery each: a join of all six would multiply the rows
    for rows in (goals, measures, indicators):
        members |= Q(pk__in=rows.values("lead")) | Q(pk__in=rows.values("supporting"))
    return Department.objects.filter(members)


def plan_years(plan: Plan) -> range:
    return range(plan.baseline_year + 1, plan.end_year + 1)


def _link(report: DepartmentYearReport) -> str:
    return reverse("reports:year_report", args=[report.plan.code, report.year,
                                                 report.department.code])


def _check_year(plan: Plan, year: int) -> None:
    if year not in plan_years(plan):
        raise ActionError("year_report.year", year=year, start=plan.baseline_year + 1,
                          end=plan.end_year)


@transaction.atomic
def do_save_year_report(plan: Plan, department: Department, year: int, implementation: str,
                        next_year: str, actor: Any, *, sample: bool = False
                        ) -> DepartmentYearReport:
    """Write the department's report of ``year`` (created on the first save)."""
    if not may_take(actor, "year_report", "write", department):
        raise ActionError("year_report.forbidden")
    _check_year(plan, year)
    report, created = DepartmentYearReport.objects.get_or_create(
        plan=plan, department=department, year=year)
    report = DepartmentYearReport.objects.select_for_update().get(pk=report.pk)
    if refusal := workflow.YEAR_REPORT.refusal("write", report.state):
        raise ActionError(refusal, state=report.state)
    report.implementation, report.next_year = implementation.strip(), next_year.strip()
    report.updated_at, report.updated_by = timezone.now(), actor
    report.is_sample = sample
    report.save()
    record("year_report.save", "year_report", str(report.pk), actor, department=department.code,
           year=year, created=created)
    return report


@transaction.atomic
def do_submit_year_report(report: DepartmentYearReport, actor: Any) -> DepartmentYearReport:
    """The department head submits the report; the coordinator is notified."""
    if not may_take(actor, "year_report", "submit", report.department):
        raise ActionError("year_report.forbidden")
    report = DepartmentYearReport.objects.select_for_update(of=("self",)).select_related(
        "department").get(pk=report.pk)
    if refusal := workflow.YEAR_REPORT.refusal("submit", report.state):
        raise ActionError(refusal, state=report.state)
    if not report.implementation or not report.next_year:
        raise ActionError("year_report.incomplete")
    now = timezone.now()
    report.state = YearReportState.SUBMITTED
    report.submitted_at, report.submitted_by = now, actor
    report.updated_at, report.updated_by = now, actor
    report.save()
    notify(users_with([Role.COORDINATOR]), "year_report.submitted", _link(report),
           department=report.department.name, year=report.year)
    record("year_report.submit", "year_report", str(report.pk), actor,
           department=report.department.code, year=report.year)
    return report


@transaction.atomic
def do_return_year_report(report: DepartmentYearReport, comment: str, actor: Any
                          ) -> DepartmentYearReport:
    """The coordinator returns a submitted report with a comment; the department is told."""
    if not may_take(actor, "year_report", "return"):
        raise ActionError("year_report.forbidden")
    if not comment.strip():
        raise ActionError("year_report.comment_required")
    report = DepartmentYearReport.objects.select_for_update(of=("self",)).select_related(
        "department").get(pk=report.pk)
    if refusal := workflow.YEAR_REPORT.refusal("return", report.state):
        raise ActionError(refusal, state=report.state)
    report.state, report.return_comment = YearReportState.RETURNED, comment.strip()
    report.updated_at, report.updated_by = timezone.now(), actor
    report.save()
    notify(users_with(DEPARTMENT_ROLES, report.department),
           "year_report.returned", _link(report), department=report.department.name,
           year=report.year)
    record("year_report.return", "year_report", str(report.pk), actor,
           department=report.department.code, year=report.year, comment=report.return_comment)
    return report


def submitted_reports(plan: Plan, up_to: int) -> list[dict[str, Any]]:
    """The submitted reports of the plan's years up to ``up_to``, as JSON for a report's
    stored inputs: departments by name, each department's years in order."""
    rows = (DepartmentYearReport.objects
            .filter(plan=plan, state=YearReportState.SUBMITTED, year__lte=up_to,
                    year__gt=plan.baseline_year)
            .select_related("department").order_by("department__name", "year"))
    return [{"department": r.department.name, "year": r.year,
             "implementation": r.implementation, "next_year": r.next_year} for r in rows]
