"""Report and evaluation actions: the only code that changes their state.

- ``do_create_report``: the coordinator starts an annual or evaluation report.
- ``do_save_texts``: the editable sections, while the report is a draft.
- ``do_generate_report``: reads the inputs (``inputs.collect``, with the
  stored assessments of the year, reassessed first when stale; a published
  report uses its stored inputs), builds the domain's report model, renders
  .docx, PDF (when LibreOffice is installed) and the compendium .xlsx and
  stores them with the inputs used. Generating again returns a reviewed or
  approved report to draft.
- ``do_review_report`` (coordinator, statistics bureau), ``do_approve_report``
  (leadership), ``do_publish_report`` (coordinator): one step each.
- ``do_open_evaluation``: a mid-term or final round with an item per goal and measure.
- ``do_write_item`` / ``do_add_evidence``: the lead department's account,
  self-rating and files; ``do_review_item``: the evaluation group's rating.

Each is one transaction with an audit record; refusals raise ``ActionError``
(codes ``report.*``, ``evaluation.*``, ``evidence.*``) and change nothing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from halfsky.domain import workflow
from halfsky.domain.reports import (
    AnnualTexts,
    DepartmentYearReport,
    EvaluationInput,
    EvaluationTexts,
    GoalRating,
    MeasureEvaluation,
    ReportInfo,
    build_annual_report,
    build_compendium,
    build_evaluation_report,
)
from halfsky.formats.reports import (
    PdfConversionError,
    convert_to_pdf,
    packaged_font,
    render_compendium_xlsx,
    render_docx,
)
from halfsky.web.assessments.ratings import do_rate_goal
from halfsky.web.assessments.reassess import ensure_assessed
from halfsky.web.audit.records import record
from halfsky.web.core.errors import ActionError
from halfsky.web.core.text.report_phrases import report_phrases
from halfsky.web.orgs.permissions import (
    may,
    may_take,
    transition_permission,
)
from halfsky.web.plans.models import Goal, Measure, Plan
from halfsky.web.plans.queries import domain_plan
from halfsky.web.reports import inputs as report_inputs
from halfsky.web.reports.evidence import EvidenceError, check_evidence
from halfsky.web.reports.models import (
    EvaluationItem,
    EvaluationRound,
    Evidence,
    GoalRatingChoice,
    Report,
    ReportKind,
    ReportState,
    SelfRating,
)
from halfsky.web.reports.rendering import chart_cache, chart_language
from halfsky.web.reports.year_reports import submitted_reports

ANNUAL_TEXTS = ("issuer", "context", "problems", "suggestions")
EVALUATION_TEXTS = ("issuer", "summary", "process", "problems", "causes", "suggestions")
EVALUATION_YEARS = {ReportKind.MIDTERM: 2023, ReportKind.FINAL: 2025}


def _require(user: Any, permission: str, code: str = "report.forbidden") -> None:
    if not may(user, permission):
        raise ActionError(code)


def text_fields(kind: str) -> tuple[str, ...]:
    return ANNUAL_TEXTS if kind == ReportKind.ANNUAL else EVALUATION_TEXTS


@transaction.atomic
def do_create_report(plan: Plan, kind: str, year: int, actor: Any) -> Report:
    _require(actor, "reports.write_reports")
    if kind not in ReportKind.values:
        raise ActionError("report.kind")
    if not plan.baseline_year < year <= plan.end_year:
        raise ActionError("report.year", year=year)
    report, created = Report.objects.get_or_create(plan=plan, kind=kind, year=year)
    if created:
        record("report.create", "report", str(report.pk), actor, kind=kind, year=year)
    return report


@transaction.atomic
def do_save_texts(report: Report, texts: dict[str, str], actor: Any) -> Report:
    _require(actor, transition_permission("report", "write"))
    report = Report.objects.select_for_update().get(pk=report.pk)
    if refusal := workflow.REPORT.refusal("write", report.state):
        raise ActionError(refusal)
    report.texts = {name: texts.get(name, "").strip() for name in text_fields(report.kind)}
    report.save(update_fields=["texts"])
    record("report.texts", "report", str(report.pk), actor)
    return report


def _info(plan: Plan, texts: dict[str, str], issued: str, sample: bool) -> ReportInfo:
    """The title block; ``issued`` (YYYY-MM) is kept with the inputs, so a published
    report regenerated later carries its first date."""
    year, _sep, month = issued.partition("-")
    date = gettext("%(month)s/%(year)s") % {"year": year, "month": int(month)}
    return ReportInfo(region_name=plan.region.name, issuer=texts.get("issuer", ""),
                      date=date, sample=sample)


def evaluation_input(report: Report) -> dict[str, Any]:
    """The ratings and self-evaluations of the report's evaluation round, and the
    departments' submitted yearly reports up to the report's year, as JSON."""
    year_reports = submitted_reports(report.plan, report.year)
    round_ = EvaluationRound.objects.filter(plan=report.plan, kind=report.kind).first()
    if round_ is None:
        return {"goal_ratings": [], "measures": [], "year_reports": year_reports}
    items = (round_.items.select_related("goal__domain", "measure__domain", "department")
             .prefetch_related("evidence"))
    goals, measures = [], []
    for item in items:
        if item.goal is not None and item.review_rating:
            goals.append({"domain": item.goal.domain.code, "goal": item.goal.number,
                          "rating": item.review_rating, "comment": item.review_comment})
        elif item.measure is not None and item.self_rating:
            measures.append({
                "domain": item.measure.domain.code, "measure": item.measure.number,
                "department": item.department.name if item.department else "",
                "self_rating": item.self_rating, "text": item.text,
                "review_rating": item.review_rating,
                "evidence": [e.name for e in item.evidence.all()]})
    return {"goal_ratings": goals, "measures": measures, "year_reports": year_reports}


def _no_progress(percent: int, step: str) -> None:
    pass


def build_files(report: Report, data: dict[str, Any],
                progress: Callable[[int, str], None] = _no_progress
                ) -> tuple[dict[str, bytes], str, dict[str, float]]:
    """The files of a report built from its inputs (JSON): docx, pdf (if any), xlsx;
    ``progress(percent, step)`` hears of each step (``report.step.*``)."""
    plan = domain_plan(report.plan)
    texts = report.texts or {}
    started = time.perf_counter()
    built = report_inputs.from_json(data)
    sample = any(s.sample for s in built.series)
    issued = data.get("issued") or f"{timezone.localtime():%Y-%m}"
    info = _info(report.plan, texts, issued, sample)
    model: Any
    if report.kind == ReportKind.ANNUAL:
        model = build_annual_report(
            plan, built.series, built.assessments, report.year,
            AnnualTexts(texts.get("context", ""), texts.get("problems", ""),
                        texts.get("suggestions", "")), built.warnings, info=info)
    else:
        evaluation = data.get("evaluation", {"goal_ratings": [], "measures": []})
        model = build_evaluation_report(
            plan, built.series, built.assessments, report.year, EvaluationInput(
                texts=EvaluationTexts(*(texts.get(n, "") for n in EVALUATION_TEXTS[1:])),
                goal_ratings=tuple(GoalRating(**g) for g in evaluation["goal_ratings"]),
                measures=tuple(MeasureEvaluation(**{**m, "evidence": tuple(m["evidence"])})
                               for m in evaluation["measures"]),
                warnings=tuple(built.warnings),
                year_reports=tuple(DepartmentYearReport(**r)
                                   for r in evaluation.get("year_reports", []))),
            kind=report.kind, info=info)
    phrases = report_phrases()
    progress(15, "report.step.word")  # the charts are drawn while the Word file is written
    files = {"docx": render_docx(model, phrases, font_path=packaged_font(),
                                 chart_cache=chart_cache(), language=chart_language())}
    seconds = {"docx": time.perf_counter() - started}
    progress(60, "report.step.compendium")
    compendium = build_compendium(plan, built.series, built.assessments, report.year,
                                  built.national, info=info)
    files["xlsx"] = render_compendium_xlsx(compendium, phrases)
    problem = ""
    progress(65, "report.step.pdf")
    started = time.perf_counter()
    try:
        files["pdf"] = convert_to_pdf(files["docx"])
        seconds["pdf"] = time.perf_counter() - started
    except PdfConversionError as error:
        problem = error.code
    return files, problem, seconds


def do_generate_report(report: Report, actor: Any,
                       progress: Callable[[int, str], None] = _no_progress) -> Report:
    """Build and store the report's files (outside the transaction: PDF takes seconds).

    ``progress(percent, step)`` hears of each step: ``report.step.values``, ``.word``
    (with the charts), ``.compendium``, ``.pdf``, ``.saving``; the files are stored
    at the end, in one transaction."""
    _require(actor, transition_permission("report", "generate"))
    report = Report.objects.select_related("plan__region").get(pk=report.pk)
    progress(5, "report.step.values")
    if report.state == ReportState.PUBLISHED and report.inputs:
        data = report.inputs
        if data.get("assessments") is None:  # kept before reports read stored assessments only
            ensure_assessed(report.plan, report.year, actor)
            data = {**data, "assessments": report_inputs.stored_assessments(
                report.plan, report.year)}
    else:
        ensure_assessed(report.plan, report.year, actor)
        data = report_inputs.collect(report.plan, report.year)
        data["issued"] = f"{timezone.localtime():%Y-%m}"
        if report.kind != ReportKind.ANNUAL:
            data["evaluation"] = evaluation_input(report)
    files, problem, seconds = build_files(report, data, progress)
    progress(95, "report.step.saving")
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.state != report.state:
            raise ActionError("report.changed")
        stem = f"{report.plan.code}-{report.kind}-{report.year}"
        replaced = []  # the earlier files, deleted only once the new ones are committed
        for field in ("docx", "pdf", "xlsx"):
            old = getattr(locked, field)
            if old:
                replaced.append(old.name)
            if field in files:
                getattr(locked, field).save(f"{stem}.{field}", ContentFile(files[field]),
                                            save=False)
            else:
                setattr(locked, field, "")
        locked.inputs = data
        locked.pdf_problem = problem
        locked.seconds = {k: round(v, 2) for k, v in seconds.items()}
        locked.generated_at = timezone.now()
        locked.generated_by = actor if getattr(actor, "is_authenticated", False) else None
        if locked.state in (ReportState.REVIEWED, ReportState.APPROVED):
            locked.state = ReportState.DRAFT
        locked.save()
        record("report.generate", "report", str(locked.pk), actor, seconds=locked.seconds,
               pdf_problem=problem)
        storage = locked.docx.storage
        transaction.on_commit(lambda: [storage.delete(name) for name in replaced])
    return locked


STEPS = ("review", "approve", "publish")  # the report's transitions that need its files


@transaction.atomic
def _move(report: Report, step: str, actor: Any) -> Report:
    _require(actor, transition_permission("report", step))
    report = Report.objects.select_for_update().get(pk=report.pk)
    if refusal := workflow.REPORT.refusal(step, report.state):
        raise ActionError(refusal, state=report.state)
    after = workflow.REPORT.transition(step).targets[0]
    if not report.docx:
        raise ActionError("report.not_generated")
    report.state = after
    report.save(update_fields=["state"])
    record(f"report.{step}", "report", str(report.pk), actor, state=after)
    return report


def do_review_report(report: Report, actor: Any) -> Report:
    return _move(report, "review", actor)


def do_approve_report(report: Report, actor: Any) -> Report:
    return _move(report, "approve", actor)


def do_publish_report(report: Report, actor: Any) -> Report:
    return _move(report, "publish", actor)


@transaction.atomic
def do_open_evaluation(plan: Plan, kind: str, actor: Any) -> EvaluationRound:
    _require(actor, "reports.write_reports")
    if kind not in EVALUATION_YEARS:
        raise ActionError("evaluation.kind")
    if EvaluationRound.objects.filter(plan=plan, kind=kind).exists():
        raise ActionError("evaluation.exists")
    round_ = EvaluationRound.objects.create(plan=plan, kind=kind, year=EVALUATION_YEARS[kind],
                                            opened_by=actor)
    items = [EvaluationItem(round=round_, goal=goal, department_id=goal.lead_id)
             for goal in Goal.objects.filter(domain__plan=plan)]
    items += [EvaluationItem(round=round_, measure=measure, department_id=measure.lead_id)
              for measure in Measure.objects.filter(domain__plan=plan)]
    EvaluationItem.objects.bulk_create(items)
    record("evaluation.open", "evaluation_round", str(round_.pk), actor, kind=kind,
           year=round_.year, items=len(items))
    return round_


@transaction.atomic
def do_write_item(item: EvaluationItem, text: str, self_rating: str, actor: Any
                  ) -> EvaluationItem:
    if not may_take(actor, "evaluation_item", "write", item):
        raise ActionError("evaluation.forbidden")
    if self_rating not in SelfRating.values:
        raise ActionError("evaluation.rating")
    item = EvaluationItem.objects.select_for_update().get(pk=item.pk)
    item.text, item.self_rating, item.updated_at = text.strip(), self_rating, timezone.now()
    item.save(update_fields=["text", "self_rating", "updated_at"])
    record("evaluation.write", "evaluation_item", str(item.pk), actor, self_rating=self_rating)
    return item


@transaction.atomic
def do_add_evidence(item: EvaluationItem, name: str, content: bytes, actor: Any) -> Evidence:
    if not may_take(actor, "evaluation_item", "write", item):
        raise ActionError("evaluation.forbidden")
    try:
        kind = check_evidence(name, content)
    except EvidenceError as error:
        raise ActionError(error.code, {**error.params, "name": name}) from None
    evidence = Evidence(item=item, name=name[-200:], kind=kind, size=len(content),
                        uploaded_by=actor)
    evidence.file.save(f"{item.round_id}/{item.pk}/{kind}.{name.rsplit('.', 1)[-1].lower()}",
                       ContentFile(content), save=False)
    evidence.save()
    record("evaluation.evidence", "evaluation_item", str(item.pk), actor, name=name,
           size=len(content), kind=kind)
    return evidence


@transaction.atomic
def do_review_item(item: EvaluationItem, rating: str, comment: str, actor: Any
                   ) -> EvaluationItem:
    _require(actor, transition_permission("evaluation_item", "rate"), "evaluation.forbidden")
    allowed = GoalRatingChoice.values if item.is_goal else SelfRating.values
    if rating not in allowed:
        raise ActionError("evaluation.rating")
    item = EvaluationItem.objects.select_for_update().get(pk=item.pk)
    item.review_rating, item.review_comment = rating, comment.strip()
    item.updated_at = timezone.now()
    item.save(update_fields=["review_rating", "review_comment", "updated_at"])
    record("evaluation.review", "evaluation_item", str(item.pk), actor, rating=rating)
    if item.is_goal:  # qualitative targets take the rating from the round's year on
        do_rate_goal(item.goal, item.round.year, rating, actor)
    return item
