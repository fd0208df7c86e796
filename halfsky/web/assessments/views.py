"""The assessment page of a plan year, the warnings list and a warning's page.

Every role reads the assessment; a department reporter or head sees the rows
of the department's indicators (and the 达标率 of the plan, its domains and
the own department), and only the department's warnings. The department
answers its warnings; the coordinator (or the administrator) accepts or
sends back the answers; the coordinator, the statistics bureau and the
administrator may recompute a year.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from halfsky.domain import workflow
from halfsky.web.assessments import queries
from halfsky.web.assessments.actions import (
    do_accept_warning,
    do_answer_warning,
    do_recompute,
    do_send_back_warning,
)
from halfsky.web.assessments.forms import AnswerForm, DecisionForm
from halfsky.web.assessments.models import AssessmentResult, Warning, WarningState
from halfsky.web.core.access import check, deny, may, permission_required
from halfsky.web.core.errors import ActionError
from halfsky.web.core.text import sentence
from halfsky.web.core.text.counts import counted
from halfsky.web.orgs.permissions import department_of, is_department_bound, moves
from halfsky.web.plans import queries as plan_queries

STATE_FILTERS = ("awaiting", *(state.value for state in WarningState))
WARNINGS_PER_PAGE = 50


@login_required
@permission_required("orgs.use_site")
def index(request: HttpRequest, plan: str) -> HttpResponse:
    stored = plan_queries.get_plan(plan)
    years = queries.assessed_years(stored)
    return redirect("assessments:plan", plan=stored.code,
                    year=years[-1] if years else stored.end_year)


@login_required
@permission_required("orgs.use_site")
def plan_year(request: HttpRequest, plan: str, year: int) -> HttpResponse:
    stored = plan_queries.get_plan(plan)
    if not stored.baseline_year <= year <= stored.end_year:
        raise Http404(year)
    years = queries.assessed_years(stored)
    context: dict[str, Any] = {"plan": stored, "year": year, "years": years,
                               "department_only": is_department_bound(request.user)}
    if year in years:
        context["data"] = queries.plan_assessment(stored, year, request.user)
    return render(request, "assessments/plan.html", context)


@require_POST
@login_required
@permission_required("assessments.recompute")
def recompute(request: HttpRequest, plan: str, year: int) -> HttpResponse:
    stored = plan_queries.get_plan(plan)
    if not stored.baseline_year <= year <= stored.end_year:
        raise Http404(year)
    summary = do_recompute(stored, year, request.user)
    messages.success(request, _("Recomputed %(results)s in %(seconds)s s; %(raised)s.") % {
        "results": counted("result", summary.results), "seconds": f"{summary.seconds:.2f}",
        "raised": counted("new_warning", summary.raised)})
    return redirect("assessments:plan", plan=stored.code, year=year)


@login_required
@permission_required("orgs.use_site")
def warning_list(request: HttpRequest, plan: str) -> HttpResponse:
    stored = plan_queries.get_plan(plan)
    department_only = is_department_bound(request.user)
    state = request.GET.get("state", "")
    state = state if state in STATE_FILTERS else ""
    first = ([WarningState.OPEN, WarningState.SENT_BACK] if department_only
             else [WarningState.ANSWERED])
    rows = queries.warnings_for(request.user, plan=stored, state=state).annotate(
        urgency=Case(*(When(state=s, then=Value(0)) for s in first), default=Value(1),
                     output_field=IntegerField()),
    ).order_by("urgency", "-year", "indicator__position", "area__code", "kind")
    counts = queries.state_counts(request.user, stored)
    tabs = [("", _("All"), sum(counts.values())),
            ("awaiting", _("Open or sent back"),
             counts[WarningState.OPEN] + counts[WarningState.SENT_BACK])]
    tabs += [(s.value, s.label, counts[s.value]) for s in WarningState]
    page = Paginator(rows, WARNINGS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "assessments/warning_list.html", {
        "plan": stored, "warnings": page.object_list, "page": page, "query": f"state={state}",
        "state": state, "tabs": tabs,
        "department": department_of(request.user) if department_only else None,
    })


def _visible_warning(request: HttpRequest, plan: str, pk: int) -> Warning:
    """A warning of this plan the user may read; 404 under another plan's address."""
    warning = get_object_or_404(Warning.objects.select_related(
        "indicator__plan", "indicator__lead", "area", "department", "plan")
        .defer("indicator__plan__document", "plan__document"), pk=pk, plan__code=plan)
    check(request.user, "assessments.view_warning", warning)
    return warning


def _detail(request: HttpRequest, warning: Warning, answer_form: AnswerForm | None = None,
            decision_form: DecisionForm | None = None, status: int = 200) -> HttpResponse:
    warning_moves = moves(request.user, workflow.WARNING, warning.state, warning)
    results = list(AssessmentResult.objects.filter(
        plan=warning.plan, year=warning.year, indicator=warning.indicator, area=warning.area,
        breakdown=""))
    queries.attach_target_words(results, warning.indicator)
    return render(request, "assessments/warning_detail.html", {
        "plan": warning.plan, "warning": warning, "steps": warning.steps.select_related("actor"),
        "results": results, "moves": warning_moves,
        "answer_form": answer_form or AnswerForm(initial={
            "cause_analysis": warning.cause_analysis,
            "corrective_actions": warning.corrective_actions}),
        "decision_form": decision_form or DecisionForm(),
    }, status=status)


@login_required
@permission_required("orgs.use_site")
def warning_detail(request: HttpRequest, plan: str, pk: int) -> HttpResponse:
    return _detail(request, _visible_warning(request, plan, pk))


@require_POST
@login_required
@permission_required("orgs.use_site")
def answer_warning(request: HttpRequest, plan: str, pk: int) -> HttpResponse:
    warning = _visible_warning(request, plan, pk)
    check(request.user, "assessments.answer_warning", warning)  # before the form is read
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _detail(request, warning, answer_form=form, status=400)
    try:
        do_answer_warning(warning, form.cleaned_data["cause_analysis"],
                          form.cleaned_data["corrective_actions"], request.user)
    except ActionError as error:
        if error.code in {"warning.not_allowed", "warning.other_department"}:
            deny(error.code)
        messages.error(request, sentence(error.code, error.params))
    else:
        messages.success(request, _("Answer sent to the coordinator."))
    return redirect("assessments:warning", plan=plan, pk=pk)


@require_POST
@login_required
@permission_required("orgs.use_site")
def decide_warning(request: HttpRequest, plan: str, pk: int) -> HttpResponse:
    warning = _visible_warning(request, plan, pk)
    if not (may(request.user, "assessments.accept_warning", warning)
            or may(request.user, "assessments.send_back_warning", warning)):
        deny("assessments.accept_warning")  # before the form is read
    form = DecisionForm(request.POST)
    decision = request.POST.get("decision")
    if not form.is_valid() or decision not in {"accept", "send_back"}:
        return _detail(request, warning, decision_form=form, status=400)
    comment = form.cleaned_data["comment"]
    try:
        if decision == "accept":
            do_accept_warning(warning, request.user, comment)
        else:
            do_send_back_warning(warning, request.user, comment)
    except ActionError as error:
        if error.code == "warning.not_allowed":
            deny(error.code)
        messages.error(request, sentence(error.code, error.params))
    else:
        messages.success(request, _("Answer accepted.") if decision == "accept"
                         else _("Answer sent back to the department."))
    return redirect("assessments:warning", plan=plan, pk=pk)
