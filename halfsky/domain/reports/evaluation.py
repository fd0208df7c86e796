"""The mid-term and final evaluation reports (中期评估报告, 终期评估报告).

``build_evaluation_report`` assembles an ``EvaluationReport``; its
``document()`` lays it out:

一、总体评价 (editable summary, then indicators, goals and measures in
numbers) · 二、评估工作开展情况 (editable, then the self-evaluations received)
· 三、监测指标实现程度 (实现程度 against 时间进度 for every indicator with a
level target) · 四、主要目标实现情况 (every goal judged, per domain) ·
五、策略措施落实情况 (the departments' self-evaluations, per domain, then
各成员单位年度落实情况: each department's submitted yearly reports
(规划落实情况和下一年工作安排) up to the evaluation year, by year) ·
六、存在的问题及原因 (from warnings, then the editable problems and causes) ·
七、对策建议 (editable) · 附表 (every indicator, and the goals' verdicts).

Goals are judged (``goal_verdict``) from their indicators' statuses (an
indicator whose latest value meets its target counts as met even when small
numbers leave its status at 证据不足 — the basis says so) — all met: ``met``;
all met or expected to meet: ``expected_to_meet``; some met or expected to
meet: ``partly_met``; none: ``at_risk`` at the mid-term and ``not_met`` at the
end; no indicator with data: ``no_data`` —
and qualitative goals (and goals without indicators) by the evaluators'
rating (``met`` / ``partly_met`` / ``not_met``; ``not_rated`` without one).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from halfsky.domain.plan import Domain, Goal, GoalKind, Measure, Plan
from halfsky.domain.reports.common import (
    Overall,
    any_sample,
    appendix_table,
    index_series,
    overall,
    overall_paragraphs,
    problem_paragraphs,
    title_block,
)
from halfsky.domain.reports.document import Block, Document, Paragraph, Section, paragraphs
from halfsky.domain.reports.evaluation_layout import (
    goal_sections,
    measure_sections,
    measures_unreported_paragraph,
    progress_section,
    unreported_table,
    year_report_section,
)
from halfsky.domain.reports.indicators import IndicatorFacts, indicator_facts
from halfsky.domain.reports.inputs import (
    GOAL_RATINGS,
    MEASURE_RATINGS,
    EvaluationInput,
    IndicatorAssessment,
    IndicatorData,
    MeasureEvaluation,
    ReportInfo,
)
from halfsky.domain.reports.messages import Join, Message

KINDS = ("midterm", "final")
GOAL_VERDICTS = ("met", "expected_to_meet", "partly_met", "at_risk", "not_met", "no_data",
                 "not_rated")
MEASURE_VERDICTS = (*MEASURE_RATINGS, "not_reported")


@dataclass(frozen=True)
class GoalJudgement:
    domain: Domain
    goal: Goal
    indicators: tuple[IndicatorFacts, ...]
    verdict: str  # one of GOAL_VERDICTS
    by_rating: bool  # judged by the evaluators' rating, not by data
    comment: str = ""
    rating: str = ""  # the evaluators' rating of a goal judged by data, when it differs


@dataclass(frozen=True)
class MeasureJudgement:
    domain: Domain
    measure: Measure
    lead: str  # the lead department's name
    evaluations: tuple[MeasureEvaluation, ...]
    verdict: str  # one of MEASURE_VERDICTS: the group's rating of the lead, else its self-rating


@dataclass(frozen=True)
class EvaluationReport:
    kind: str  # midterm | final
    plan: Plan
    year: int
    years: tuple[int, ...]
    info: ReportInfo
    inputs: EvaluationInput
    indicators: tuple[IndicatorFacts, ...]
    overall: Overall
    goals: tuple[GoalJudgement, ...]
    measures: tuple[MeasureJudgement, ...]
    problems: tuple[Paragraph, ...]
    sample: bool

    @staticmethod
    def counts(verdicts: Sequence[str], order: Sequence[str], prefix: str) -> Join:
        """"已实现5项，部分实现2项" (``report.verdict_count``) for the verdicts that occur."""
        return Join(tuple(Message("report.verdict_count", {"verdict": Message(f"{prefix}.{v}"),
                                                           "count": str(verdicts.count(v))})
                          for v in order if verdicts.count(v)))

    def document(self) -> Document:
        title, subtitle, notice = title_block(self.kind, self.plan, self.year, self.info,
                                              self.sample)
        texts = self.inputs.texts
        goal_verdicts = [g.verdict for g in self.goals]
        measure_verdicts = [m.verdict for m in self.measures]
        summary: list[Block] = list(paragraphs(texts.summary))
        summary += overall_paragraphs(self.overall, self.indicators, self.year)
        summary.append(Paragraph(Message("report.eval.goals_summary", {
            "total": str(len(self.goals)),
            "counts": self.counts(goal_verdicts, GOAL_VERDICTS, "goal_verdict")})))
        counts = self.counts(measure_verdicts, MEASURE_RATINGS, "measure_verdict").items
        missing = measure_verdicts.count("not_reported")
        if missing:  # "未报送自评" is said once, in 五, with the list in an annex table
            counts += (Message("report.eval.without_self_evaluation", {"count": str(missing)}),)
        summary.append(Paragraph(Message("report.eval.measures_summary", {
            "total": str(len(self.measures)), "counts": Join(counts)})))
        departments = {e.department for e in self.inputs.measures}
        process: list[Block] = list(paragraphs(texts.process))
        process.append(Paragraph(Message("report.eval.process_counts", {
            "departments": str(len(departments)), "reports": str(len(self.inputs.measures)),
            "measures": str(sum(1 for m in self.measures if m.evaluations))})))
        problems: list[Block] = [*self.problems, *paragraphs(texts.problems)]
        if not problems:
            problems.append(Paragraph(Message("report.no_problems")))
        causes = paragraphs(texts.causes)
        if causes:
            problems += [Paragraph(Message("report.eval.causes"), "item"), *causes]
        suggestions = paragraphs(texts.suggestions) or (Paragraph(Message("report.text_missing")),)
        caption = Message("report.table.appendix", {"number": "1", "year": str(self.year)})
        appendix: list[Block] = [
            appendix_table(self.indicators, self.years, self.plan.baseline_year, caption)]
        unreported = unreported_table(self.measures, "2")
        if unreported is not None:
            appendix.append(unreported)
        measures = measure_sections(self.measures)
        measure_blocks: list[Block] = []
        unreported_note = measures_unreported_paragraph(self.measures, "2")
        if unreported_note is not None:
            measure_blocks.append(unreported_note)
        sections = (
            Section("summary", Message("report.eval.summary"), 1, tuple(summary)),
            Section("process", Message("report.eval.process"), 2, tuple(process)),
            progress_section(self.indicators, self.year, 3),
            Section("goals", Message("report.eval.goals"), 4,
                    subsections=goal_sections(self.goals, self.indicators, self.years)),
            Section("measures", Message("report.eval.measures"), 5, tuple(measure_blocks),
                    subsections=(*measures, year_report_section(
                        self.inputs.year_reports, self.year, len(measures) + 1))),
            Section("problems", Message("report.eval.problems"), 6, tuple(problems)),
            Section("suggestions", Message("report.eval.suggestions"), 7, suggestions),
            Section("appendix", Message("report.appendix"), None, tuple(appendix)),
        )
        return Document(kind=self.kind, title=title, subtitle=subtitle, notice=notice,
                        sections=sections)


def goal_verdict(statuses: Sequence[str], final: bool) -> str:
    """A goal's verdict from its indicators' statuses (see the module docstring)."""
    known = [s for s in statuses if s != "no_data"]
    if not known:
        return "no_data"
    met = sum(1 for s in known if s == "met")
    good = sum(1 for s in known if s in ("met", "expected_to_meet"))
    if met == len(known):
        return "met"
    if good == len(known):
        return "expected_to_meet"
    if good:
        return "partly_met"
    return "not_met" if final else "at_risk"


def _judge_goals(plan: Plan, facts: Sequence[IndicatorFacts], ratings: Mapping[
        tuple[str, int], tuple[str, str]], final: bool) -> list[GoalJudgement]:
    out = []
    for domain, goal in plan.goals():
        own = tuple(f for f in facts if f.indicator.goal.domain == domain.code
                    and f.indicator.goal.goal == goal.number)
        rating, comment = ratings.get((domain.code, goal.number), ("", ""))
        if goal.kind is GoalKind.QUALITATIVE or not own:
            verdict = rating or "not_rated"
            out.append(GoalJudgement(domain, goal, own, verdict, True, comment))
        else:
            verdict = goal_verdict([f.status for f in own], final)
            differs = rating if rating and rating != verdict else ""
            out.append(GoalJudgement(domain, goal, own, verdict, False, comment, differs))
    return out


def _judge_measures(plan: Plan, evaluations: Iterable[MeasureEvaluation],
                    ) -> list[MeasureJudgement]:
    by_measure: dict[tuple[str, int], list[MeasureEvaluation]] = {}
    for item in evaluations:
        if item.self_rating not in MEASURE_RATINGS or (
                item.review_rating and item.review_rating not in MEASURE_RATINGS):
            raise ValueError(f"unknown measure rating in {item.domain}.{item.measure}")
        by_measure.setdefault((item.domain, item.measure), []).append(item)
    names = {d.code: d.name for d in plan.departments}
    out = []
    for domain, measure in plan.measures():
        lead = names.get(measure.responsibility.lead or "", measure.responsibility.lead or "")
        own = tuple(by_measure.get((domain.code, measure.number), ()))
        first = next((e for e in own if e.department == lead), own[0] if own else None)
        verdict = (first.review_rating or first.self_rating) if first else "not_reported"
        out.append(MeasureJudgement(domain, measure, lead, own, verdict))
    return out


def build_evaluation_report(
    plan: Plan,
    series: Iterable[IndicatorData] | Mapping[str, IndicatorData],
    assessments: Iterable[IndicatorAssessment],
    year: int,
    evaluation: EvaluationInput | None = None,
    *,
    kind: str | None = None,
    info: ReportInfo | None = None,
) -> EvaluationReport:
    """A mid-term (``kind="midterm"``) or final (``"final"``) evaluation as of ``year``.

    ``kind`` defaults to ``final`` when ``year`` is the plan's end year, else
    ``midterm``.
    """
    kind = kind or ("final" if year >= plan.end_year else "midterm")
    if kind not in KINDS:
        raise ValueError(f"unknown evaluation kind {kind!r}")
    evaluation = evaluation or EvaluationInput()
    for rating in evaluation.goal_ratings:
        if rating.rating not in GOAL_RATINGS:
            raise ValueError(f"unknown goal rating {rating.rating!r}")
    data = index_series(series)
    facts = tuple(indicator_facts(plan, data, assessments, year))
    ratings = {(r.domain, r.goal): (r.rating, r.comment) for r in evaluation.goal_ratings}
    return EvaluationReport(
        kind=kind, plan=plan, year=year, years=tuple(range(plan.baseline_year, year + 1)),
        info=info or ReportInfo(), inputs=evaluation, indicators=facts, overall=overall(facts),
        goals=tuple(_judge_goals(plan, facts, ratings, kind == "final")),
        measures=tuple(_judge_measures(plan, evaluation.measures)),
        problems=problem_paragraphs(facts, evaluation.warnings, year), sample=any_sample(data))
