"""Pages of the departments' yearly reports (规划落实情况和下一年工作安排).

- ``year_index``: the entry point; a department user goes to the department's
  report of the latest plan year, the coordinator to the list of that year.
- ``year_list``: every member department of the plan with its report's state,
  who submitted it when, and "submitted N / M" (coordinator, statistics bureau,
  administrator; a department user is sent to the department's own report).
- ``year_report``: one department's report of a year: the two texts, save and
  submit (the department), return with a comment (the coordinator).

Other roles, and other departments, get 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from halfsky.domain import workflow
from halfsky.web.core.access import check, deny, permission_required
from halfsky.web.core.errors import ActionError
from halfsky.web.core.text import sentence
from halfsky.web.core.text.reports import YEAR_REPORT_STATE
from halfsky.web.orgs.permissions import department_of, is_department_bound, moves
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import get_plan
from halfsky.web.reports import year_reports as actions
from halfsky.web.reports.forms import ReturnYearReportForm, YearReportForm
from halfsky.web.reports.models import DepartmentYearReport, YearReportState


def _year(plan: Plan, year: int) -> int:
    if year not in actions.plan_years(plan):
        raise Http404("year")
    return year


def default_year(plan: Plan) -> int:
    """The latest plan year that has ended (the plan's first year before that)."""
    years = actions.plan_years(plan)
    return min(max(timezone.localdate().year - 1, years[0]), years[-1])


@login_required
@permission_required("orgs.use_site")
def year_index(request: HttpRequest, plan: str) -> HttpResponse:
    stored = get_plan(plan)
    year = default_year(stored)
    department = department_of(request.user)
    if is_department_bound(request.user) and department is not None:
        return redirect("reports:year_report", plan=plan, year=year, department=department.code)
    check(request.user, "reports.read_year_report")
    return redirect("reports:year_reports", plan=plan, year=year)


@login_required
@permission_required("orgs.use_site")
def year_list(request: HttpRequest, plan: str, year: int) -> HttpResponse:
    stored = get_plan(plan)
    year = _year(stored, year)
    department = department_of(request.user)
    if is_department_bound(request.user) and department is not None:
        return redirect("reports:year_report", plan=plan, year=year, department=department.code)
    check(request.user, "reports.read_year_report")
    filed = {r.department_id: r for r in DepartmentYearReport.objects.filter(
        plan=stored, year=year).select_related("submitted_by")}
    rows = []
    for each in actions.plan_departments(stored).order_by("name"):
        report = filed.get(each.pk)
        state = report.state if report else ""
        rows.append({"department": each, "report": report, "state": state or "none",
                     "state_label": YEAR_REPORT_STATE[state]})
    submitted = sum(1 for row in rows if row["state"] == YearReportState.SUBMITTED)
    return render(request, "reports/year_list.html", {
        "plan": stored, "year": year, "years": actions.plan_years(stored), "rows": rows,
        "submitted": submitted, "total": len(rows),
        "sample": any(r.is_sample for r in filed.values())})


def _act(request: HttpRequest, plan: Plan, department: Any, year: int,
         report: DepartmentYearReport | None) -> tuple[bool, Any, Any]:
    """Carry out the POSTed action; (done, the texts form, the return form)."""
    what = request.POST.get("action")
    form, back = YearReportForm(request.POST), ReturnYearReportForm()
    if what in ("save", "submit"):
        check(request.user, "reports.write_year_report", department)
        if not form.is_valid():
            return False, form, back
        report = actions.do_save_year_report(
            plan, department, year, form.cleaned_data["implementation"],
            form.cleaned_data["next_year"], request.user)
        if what == "submit":
            actions.do_submit_year_report(report, request.user)
            messages.success(request, _("The report was submitted to the coordinator."))
        else:
            messages.success(request, _("The report was saved."))
        return True, form, back
    if what == "return":
        check(request.user, "reports.return_year_report")
        if report is None:
            deny("year report")
        back = ReturnYearReportForm(request.POST)
        if not back.is_valid():
            return False, YearReportForm(initial=_initial(report)), back
        actions.do_return_year_report(report, back.cleaned_data["comment"], request.user)
        messages.success(request, _("The report was returned to the department."))
        return True, form, back
    deny("year report")


def _initial(report: DepartmentYearReport | None) -> dict[str, str]:
    if report is None:
        return {}
    return {"implementation": report.implementation, "next_year": report.next_year}


@login_required
@permission_required("orgs.use_site")
def year_report(request: HttpRequest, plan: str, year: int, department: str) -> HttpResponse:
    return _year_report(request, get_plan(plan), year, department)


def _year_report(request: HttpRequest, plan: Plan, year: int, department: str) -> HttpResponse:
    year = _year(plan, year)
    unit = get_object_or_404(actions.plan_departments(plan), code=department)
    check(request.user, "reports.read_year_report", unit)
    report = (DepartmentYearReport.objects.filter(plan=plan, department=unit, year=year)
              .select_related("submitted_by", "updated_by").first())
    form, back = YearReportForm(initial=_initial(report)), ReturnYearReportForm()
    status = 200
    if request.method == "POST":
        try:
            done, form, back = _act(request, plan, unit, year, report)
        except ActionError as error:
            messages.error(request, sentence(error.code, error.params))
            done, status = False, 400
        if done:
            return redirect("reports:year_report", plan=plan.code, year=year,
                            department=unit.code)
        status = 400
        report = DepartmentYearReport.objects.filter(pk=getattr(report, "pk", None)).first()
    state = report.state if report else ""
    return render(request, "reports/year_report.html", {
        "plan": plan, "year": year, "years": actions.plan_years(plan), "department": unit,
        "report": report, "state": state or "none", "state_label": YEAR_REPORT_STATE[state],
        "form": form, "back": back,
        "moves": moves(request.user, workflow.YEAR_REPORT, state or YearReportState.DRAFT, unit)},
        status=status)
