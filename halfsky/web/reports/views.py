"""Report pages: the list, a report (texts, generation, state, downloads, changes since),
evaluation rounds and their items (department accounts, evidence, the group's ratings).

Reading: coordinator, statistics bureau, leadership, viewer, administrator.
Writing texts, generating, publishing: coordinator (and administrator).
Departments open only the evaluation items their department leads.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from halfsky.domain import workflow
from halfsky.web.core.access import check, deny, permission_required
from halfsky.web.core.errors import ActionError
from halfsky.web.core.text import sentence
from halfsky.web.jobs import runner as job_runner
from halfsky.web.jobs.models import JobState
from halfsky.web.jobs.queries import done_text
from halfsky.web.jobs.views import progress_context
from halfsky.web.orgs.permissions import department_of, is_department_bound, may, moves
from halfsky.web.plans.queries import get_plan
from halfsky.web.reports import actions
from halfsky.web.reports import inputs as report_inputs
from halfsky.web.reports.forms import (
    EvidenceForm,
    ItemForm,
    NewReportForm,
    OpenEvaluationForm,
    ReviewForm,
    TextsForm,
)
from halfsky.web.reports.models import EvaluationItem, EvaluationRound, Evidence, Report

GENERATE = "report.generate"  # the kind of background job that generates a report
CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@login_required
@permission_required("orgs.use_site")
def index(request: HttpRequest, plan: str) -> HttpResponse:
    return _index(request, get_plan(plan))


def _index(request: HttpRequest, plan: Any) -> HttpResponse:
    if request.method == "POST":  # asked before the form is read
        check(request.user, "reports.write_reports")
    rounds = list(EvaluationRound.objects.filter(plan=plan))
    if is_department_bound(request.user):
        return render(request, "reports/index.html", {"plan": plan, "rounds": rounds,
                                                      "department_only": True})
    if request.method == "POST":
        check(request.user, "reports.write_reports")
        if "kind" in request.POST:
            evaluation = OpenEvaluationForm(request.POST)
            if evaluation.is_valid():
                try:
                    round_ = actions.do_open_evaluation(plan, evaluation.cleaned_data["kind"],
                                                        request.user)
                except ActionError as error:
                    messages.error(request, sentence(error.code, error.params))
                else:
                    messages.success(request, _("Evaluation opened."))
                    return redirect("reports:round", plan=plan.code, pk=round_.pk)
        else:
            form = NewReportForm(request.POST)
            if form.is_valid():
                try:
                    report = actions.do_create_report(plan, "annual", form.cleaned_data["year"],
                                                      request.user)
                except ActionError as error:
                    messages.error(request, sentence(error.code, error.params))
                else:
                    return redirect("reports:report", plan=plan.code, pk=report.pk)
        return redirect("reports:index", plan=plan.code)
    return render(request, "reports/index.html", {
        "plan": plan, "rounds": rounds, "reports": Report.objects.filter(plan=plan),
        "evaluation_form": OpenEvaluationForm(),
        "years": range(plan.baseline_year + 1, plan.end_year + 1)})


@login_required
@permission_required("reports.read_reports")
def report_detail(request: HttpRequest, plan: str, pk: int) -> HttpResponse:
    report = get_object_or_404(Report.objects.select_related("plan", "generated_by")
                               .defer("plan__document"), pk=pk,
                               plan__code=plan)
    fields = actions.text_fields(report.kind)
    form = TextsForm(fields, initial=report.texts)
    if request.method == "POST":
        check(request.user, "reports.write_report")
        form = TextsForm(fields, request.POST)
        if form.is_valid():
            try:
                actions.do_save_texts(report, form.cleaned_data, request.user)
            except ActionError as error:
                messages.error(request, sentence(error.code, error.params))
            else:
                messages.success(request, _("Sections saved."))
            return redirect("reports:report", plan=plan, pk=report.pk)
        # not saved: the page again, each error beside its section, the text as typed
    changed = None
    if report.inputs:
        changed = report_inputs.changes(
            report.inputs, report_inputs.collect(report.plan, report.year))
    report_moves = moves(request.user, workflow.REPORT, report.state)
    steps = [(step, workflow.REPORT.transition(step).targets[0]) for step in report_moves
             if step in actions.STEPS]
    return render(request, "reports/report.html", {
        "plan": report.plan, "report": report, "form": form, "moves": report_moves,
        "steps": steps, "changed": changed,
        **_generation(request, report, "generate" in report_moves)},
        status=422 if form.is_bound else 200)


def _generation(request: HttpRequest, report: Report, can_write: bool) -> dict[str, Any]:
    """The report's generation job while it runs (with its progress), or the last one
    if it failed after the report was last generated."""
    job = job_runner.latest_job(GENERATE, report)
    if job is None:
        return {}
    if job.is_active:
        return {"generating": progress_context(job, poll=may(request.user, "jobs.view_job", job))}
    failed_since = report.generated_at is None or (
        job.finished_at is not None and job.finished_at > report.generated_at)
    if can_write and job.state == JobState.FAILED and failed_since:
        return {"failed_job": progress_context(job, poll=False)}
    return {}


@require_POST
@login_required
@permission_required("reports.generate_report")
def generate(request: HttpRequest, plan: str, pk: int) -> HttpResponse:
    """Start generating in the background; the report page shows its progress.
    Refused while the report is being generated already."""
    report = get_object_or_404(Report, pk=pk, plan__code=plan)
    try:
        job = job_runner.submit(GENERATE, report, request.user)
    except ActionError as error:
        messages.error(request, _("The report is being generated already; wait until it "
                                  "has finished.") if error.code == "job.running"
                       else sentence(error.code, error.params))
        return redirect("reports:report", plan=plan, pk=pk)
    if job.state == JobState.DONE:  # ran inline (HALFSKY_JOBS_INLINE)
        messages.success(request, done_text(job))
        report.refresh_from_db()
        if report.pdf_problem:
            messages.warning(request, sentence(report.pdf_problem))
    return redirect("reports:report", plan=plan, pk=pk)


@require_POST
@login_required
@permission_required("orgs.use_site")
def transition(request: HttpRequest, plan: str, pk: int, step: str) -> HttpResponse:
    report = get_object_or_404(Report, pk=pk, plan__code=plan)
    do = {"review": actions.do_review_report, "approve": actions.do_approve_report,
          "publish": actions.do_publish_report}.get(step)
    if do is None:
        raise Http404(step)
    try:
        do(report, request.user)
    except ActionError as error:
        if error.code == "report.forbidden":
            deny(error.code)
        messages.error(request, sentence(error.code, error.params))
    else:
        messages.success(request, _("Report state changed."))
    return redirect("reports:report", plan=plan, pk=pk)


@login_required
@permission_required("reports.read_reports")
def download(request: HttpRequest, plan: str, pk: int, fmt: str) -> FileResponse:
    report = get_object_or_404(Report.objects.select_related("plan").defer("plan__document"),
                               pk=pk, plan__code=plan)
    if fmt not in CONTENT_TYPES or not getattr(report, fmt):
        raise Http404(fmt)
    name = f"{report.plan.code}-{report.kind}-{report.year}.{fmt}"
    return FileResponse(getattr(report, fmt).open("rb"), as_attachment=True, filename=name,
                        content_type=CONTENT_TYPES[fmt])


def _items_for(request: HttpRequest, round_: EvaluationRound) -> Any:
    items = round_.items.select_related("goal__domain", "measure__domain", "department")
    if is_department_bound(request.user):
        department = department_of(request.user)
        return items.filter(department=department) if department else items.none()
    check(request.user, "reports.read_reports")
    return items


@login_required
@permission_required("orgs.use_site")
def round_detail(request: HttpRequest, plan: str, pk: int) -> HttpResponse:
    round_ = get_object_or_404(EvaluationRound.objects.select_related("plan")
                               .defer("plan__document"), pk=pk,
                               plan__code=plan)
    items = _items_for(request, round_)
    report = Report.objects.filter(plan=round_.plan, kind=round_.kind, year=round_.year).first()
    if request.method == "POST":
        check(request.user, "reports.write_reports")
        try:
            report = actions.do_create_report(round_.plan, round_.kind, round_.year,
                                              request.user)
        except ActionError as error:
            messages.error(request, sentence(error.code, error.params))
            return redirect("reports:round", plan=plan, pk=pk)
        return redirect("reports:report", plan=plan, pk=report.pk)
    return render(request, "reports/round.html", {
        "plan": round_.plan, "round": round_, "goals": [i for i in items if i.goal_id],
        "measures": [i for i in items if i.measure_id], "report": report})


@login_required
@permission_required("orgs.use_site")
def item_detail(request: HttpRequest, plan: str, pk: int) -> HttpResponse:
    item = get_object_or_404(EvaluationItem.objects.select_related(
        "round__plan", "goal__domain", "measure__domain", "department")
        .defer("round__plan__document"), pk=pk, round__plan__code=plan)
    check(request.user, "reports.view_evaluation_item", item)
    item_moves = moves(request.user, workflow.EVALUATION_ITEM, workflow.evaluation_item_state(
        item.text, item.self_rating, item.review_rating), item)
    form = ItemForm(initial={"text": item.text, "self_rating": item.self_rating})
    upload = EvidenceForm()
    review = ReviewForm(item.is_goal, initial={"rating": item.review_rating,
                                               "comment": item.review_comment})
    if request.method == "POST":
        what = request.POST.get("action")
        try:
            if what == "write" and "write" in item_moves:
                form = ItemForm(request.POST)
                if form.is_valid():
                    actions.do_write_item(item, form.cleaned_data["text"],
                                          form.cleaned_data["self_rating"], request.user)
                    messages.success(request, _("Self-evaluation saved."))
                    return redirect("reports:item", plan=plan, pk=pk)
            elif what == "evidence" and "write" in item_moves:
                upload = EvidenceForm(request.POST, request.FILES)
                if upload.is_valid():
                    file = upload.cleaned_data["file"]
                    actions.do_add_evidence(item, file.name, file.read(), request.user)
                    messages.success(request, _("File attached."))
                    return redirect("reports:item", plan=plan, pk=pk)
            elif what == "review" and "rate" in item_moves:
                review = ReviewForm(item.is_goal, request.POST)
                if review.is_valid():
                    actions.do_review_item(item, review.cleaned_data["rating"],
                                           review.cleaned_data["comment"], request.user)
                    messages.success(request, _("Rating saved."))
                    return redirect("reports:item", plan=plan, pk=pk)
            elif what not in {"write", "evidence", "review"}:
                messages.error(request, sentence("input.bad_choice", {"field": "action"}))
            else:
                deny("evaluation")
        except ActionError as error:
            messages.error(request, sentence(error.code, error.params))
    return render(request, "reports/item.html", {
        "plan": item.round.plan, "item": item, "form": form, "upload": upload, "review": review,
        "moves": item_moves,
        "evidence": item.evidence.all()}, status=400 if request.method == "POST" else 200)


@login_required
@permission_required("orgs.use_site")
def evidence_file(request: HttpRequest, plan: str, pk: int) -> FileResponse:
    evidence = get_object_or_404(Evidence.objects.select_related("item__round"), pk=pk,
                                 item__round__plan__code=plan)
    check(request.user, "reports.view_evaluation_item", evidence.item)
    return FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.name)
