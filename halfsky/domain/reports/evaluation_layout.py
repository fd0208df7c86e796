"""Sections of the evaluation reports: progress table, goals and measures per domain."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from halfsky.domain.reports.common import domain_chart, percent
from halfsky.domain.reports.document import Block, Paragraph, Section, Table, paragraphs
from halfsky.domain.reports.indicators import IndicatorFacts, status_name, target_cell
from halfsky.domain.reports.inputs import DepartmentYearReport
from halfsky.domain.reports.messages import ENUMERATION, Join, Message, Param, Text
from halfsky.domain.target_checks import meets
from halfsky.domain.targets import TargetKind

if TYPE_CHECKING:
    from halfsky.domain.reports.evaluation import GoalJudgement, MeasureJudgement


_DISTANCE_KINDS = (TargetKind.THRESHOLD, TargetKind.APPROXIMATE, TargetKind.FULL_COVERAGE)


def _has_distance(facts: IndicatorFacts) -> bool:
    """实现程度 means something: a level to reach that the baseline did not reach."""
    target = next((t for t in facts.indicator.targets if t.kind in _DISTANCE_KINDS), None)
    if target is None or not facts.values:
        return False
    return not meets(target, facts.values[min(facts.values)])


def progress_section(facts: Sequence[IndicatorFacts], year: int, number: int) -> Section:
    """实现程度 against 时间进度 for every indicator with a level to reach (threshold,
    approximate, full coverage) that its baseline had not reached."""
    rows: list[tuple[Text, ...]] = []
    ahead, behind = 0, []
    for f in facts:
        achievement, elapsed = f.best("achievement"), f.best("time_elapsed")
        if achievement is None or elapsed is None or not _has_distance(f):
            continue
        if achievement >= elapsed:
            ahead += 1
        else:
            behind.append(f.indicator.name)
        baseline = f.values.get(min(f.values)) if f.values else None
        current = f.values.get(f.latest_year) if f.latest_year is not None else None
        rows.append((str(len(rows) + 1), f.indicator.name, f.indicator.unit,
                     f.number(baseline) or "—", f.number(current) or "—", target_cell(f),
                     status_name("met") if f.status == "met" else percent(achievement),
                     percent(elapsed), status_name(f.status)))
    params: dict[str, Param] = {"year": str(year), "total": str(len(rows)),
                                "ahead": str(ahead), "behind": str(len(behind))}
    blocks: list[Block] = []
    if not rows:
        blocks.append(Paragraph(Message("report.eval.progress_none")))
    else:
        blocks.append(Paragraph(Message("report.eval.progress_summary", params)))
        if behind:
            blocks.append(Paragraph(Message("report.eval.progress_behind",
                                            {"indicators": Join(tuple(behind), ENUMERATION)})))
        header: tuple[Text, ...] = (
            Message("table.number"), Message("table.indicator"), Message("table.unit"),
            Message("table.baseline"), Message("table.current"), Message("table.target"),
            Message("table.achievement"), Message("table.time_elapsed"), Message("table.status"))
        blocks.append(Table(
            caption=Message("report.table.progress", {"number": "1", "year": str(year)}),
            header=header, rows=tuple(rows),
            widths=(0.55, 3.0, 0.8, 1.0, 1.0, 1.8, 1.1, 1.1, 1.15),
            align=("center", "left", "center", "right", "right", "left", "right", "right",
                   "center"),
            note=Message("table.progress_note")))
    return Section("progress", Message("report.eval.progress"), number, tuple(blocks))


def goal_sections(goals: Sequence[GoalJudgement], facts: Sequence[IndicatorFacts] = (),
                  years: Sequence[int] = ()) -> tuple[Section, ...]:
    """Per domain, every goal with its verdict and what it rests on, then the domain's chart
    of its indicators (as the annual report draws it), numbered across the report."""
    sections = []
    domains = list(dict.fromkeys(g.domain for g in goals))
    figures = 0
    for number, domain in enumerate(domains, start=1):
        blocks: list[Block] = []
        for judgement in (g for g in goals if g.domain == domain):
            if judgement.by_rating:
                basis: Message = Message("report.eval.basis_rating")
            else:
                basis = Message("report.eval.basis_indicators", {"indicators": Join(tuple(
                    Message("report.eval.indicator_met_small_numbers"
                            if f.met_with_small_numbers else "report.eval.indicator_status", {
                                "indicator": f.indicator.name, "status": status_name(f.status)})
                    for f in judgement.indicators), ENUMERATION)})
            blocks.append(Paragraph(Message("report.eval.goal", {
                "number": str(judgement.goal.number), "text": judgement.goal.text,
                "verdict": Message(f"goal_verdict.{judgement.verdict}"), "basis": basis}),
                "item"))
            if judgement.rating:  # the group rated otherwise than the data say: it says why
                blocks.append(Paragraph(Message("report.eval.rating_differs", {
                    "rating": Message(f"goal_verdict.{judgement.rating}"),
                    "reason": judgement.comment or Message("report.eval.no_reason")})))
            elif judgement.comment:
                blocks.append(Paragraph(Message("report.eval.comment",
                                                {"comment": judgement.comment})))
        chart = domain_chart(domain, [f for f in facts if f.domain == domain.code], years,
                             figures + 1) if years else None
        if chart is not None:
            figures += 1
            blocks.append(chart)
        sections.append(Section(f"goals.{domain.code}", domain.name, number, tuple(blocks)))
    return tuple(sections)


def unreported_measures(measures: Sequence[MeasureJudgement]) -> tuple[MeasureJudgement, ...]:
    return tuple(m for m in measures if not m.evaluations)


def measures_unreported_paragraph(measures: Sequence[MeasureJudgement],
                                  table: str) -> Paragraph | None:
    """One sentence for the measures without a self-evaluation (the list is annex ``table``)."""
    missing = unreported_measures(measures)
    if not missing:
        return None
    code = ("report.eval.measures_none_reported" if len(missing) == len(measures)
            else "report.eval.measures_unreported")
    return Paragraph(Message(code, {"count": str(len(missing)), "total": str(len(measures)),
                                    "table": table}))


def unreported_table(measures: Sequence[MeasureJudgement], table: str) -> Table | None:
    """附表: the measures without a self-evaluation, with their lead department."""
    missing = unreported_measures(measures)
    if not missing:
        return None
    rows: tuple[tuple[Text, ...], ...] = tuple(
        (str(n), m.domain.name, f"{m.measure.number}. {m.measure.title}",
         m.lead or Message("report.department_unknown"))
        for n, m in enumerate(missing, start=1))
    return Table(
        caption=Message("report.table.unreported_measures", {"number": table}),
        header=(Message("table.number"), Message("table.domain"), Message("table.measure"),
                Message("table.lead")),
        rows=rows, widths=(0.55, 1.6, 5.2, 2.4), align=("center", "left", "left", "left"))


def measure_sections(measures: Sequence[MeasureJudgement]) -> tuple[Section, ...]:
    """Per domain, the measures with the departments' self-evaluations (those without one are
    counted once and listed in an annex table: ``unreported_table``)."""
    sections = []
    reported = [m for m in measures if m.evaluations]
    domains = list(dict.fromkeys(m.domain for m in reported))
    for number, domain in enumerate(domains, start=1):
        blocks: list[Block] = []
        for item in (m for m in reported if m.domain == domain):
            blocks.append(Paragraph(Message("report.eval.measure", {
                "number": str(item.measure.number), "title": item.measure.title,
                "lead": item.lead or Message("report.department_unknown"),
                "verdict": Message(f"measure_verdict.{item.verdict}")}), "item"))
            if not item.evaluations:
                blocks.append(Paragraph(Message("report.eval.no_self_evaluation")))
            for evaluation in item.evaluations:
                params: dict[str, Param] = {
                    "department": evaluation.department,
                    "rating": Message(f"measure_verdict.{evaluation.self_rating}"),
                    "text": evaluation.text or Message("report.not_given")}
                code = "report.eval.self_evaluation"
                if evaluation.review_rating:
                    params["review"] = Message(f"measure_verdict.{evaluation.review_rating}")
                    code = "report.eval.self_evaluation_reviewed"
                blocks.append(Paragraph(Message(code, params)))
        sections.append(Section(f"measures.{domain.code}", domain.name, number, tuple(blocks)))
    return tuple(sections)


def year_report_section(reports: Sequence[DepartmentYearReport], year: int,
                        number: int) -> Section:
    """各成员单位年度落实情况: every department's yearly reports up to ``year``, quoted
    by year (规划落实情况, then 下一年工作安排), departments in the order given."""
    filed = sorted((r for r in reports if r.year <= year), key=lambda r: r.year)
    departments = list(dict.fromkeys(r.department for r in reports if r.year <= year))
    blocks: list[Block] = []
    if not filed:
        blocks.append(Paragraph(Message("report.eval.year_reports_none")))
    else:
        blocks.append(Paragraph(Message("report.eval.year_reports_summary", {
            "departments": str(len(departments)), "reports": str(len(filed)),
            "years": Join(tuple(str(y) for y in sorted({r.year for r in filed})),
                          ENUMERATION)})))
    subsections = []
    for n, department in enumerate(departments, start=1):
        body: list[Block] = []
        for report in (r for r in filed if r.department == department):
            body.append(Paragraph(Message("report.eval.year_report.implementation",
                                          {"year": str(report.year)}), "item"))
            body += paragraphs(report.implementation) or (
                Paragraph(Message("report.not_given")),)
            body.append(Paragraph(Message("report.eval.year_report.next_year",
                                          {"year": str(report.year + 1)}), "item"))
            body += paragraphs(report.next_year) or (Paragraph(Message("report.not_given")),)
        subsections.append(Section(f"year_reports.{n}", department, n, tuple(body)))
    return Section("year_reports", Message("report.eval.year_reports"), number, tuple(blocks),
                   tuple(subsections))
