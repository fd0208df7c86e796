"""The annual monitoring report (年度监测报告) for one data year.

``build_annual_report`` assembles an ``AnnualReport`` from the plan, the
county values, the engine's results for the year, the editable texts and
the warnings with the departments' responses. ``AnnualReport.document()``
lays it out:

一、基本情况 (editable, then the plan's scope) · 二、总体情况 (counts per
status, 达标率, a table per domain) · 三、分领域情况 (per domain: a summary,
one sentence per indicator, a chart) · 四、存在的问题 (from warnings and the
departments' responses, then the editable text) · 五、对策建议 (editable) ·
附表 (every indicator: unit, baseline, each year, target, status).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from halfsky.domain.plan import Domain, Plan
from halfsky.domain.reports.common import (
    Overall,
    any_sample,
    appendix_table,
    domain_chart,
    domain_paragraph,
    domain_table,
    index_series,
    overall,
    overall_paragraphs,
    problem_paragraphs,
    title_block,
)
from halfsky.domain.reports.document import (
    Block,
    Chart,
    Document,
    Paragraph,
    Section,
    missing_text,
    paragraphs,
)
from halfsky.domain.reports.indicators import IndicatorFacts, indicator_facts
from halfsky.domain.reports.inputs import (
    AnnualTexts,
    IndicatorAssessment,
    IndicatorData,
    ReportInfo,
    WarningInput,
)
from halfsky.domain.reports.messages import Message


@dataclass(frozen=True)
class DomainPart:
    """三、分领域情况 for one domain."""

    domain: Domain
    facts: tuple[IndicatorFacts, ...]
    overall: Overall
    chart: Chart | None


@dataclass(frozen=True)
class AnnualReport:
    plan: Plan
    year: int
    years: tuple[int, ...]  # the baseline year to the report year
    info: ReportInfo
    texts: AnnualTexts
    indicators: tuple[IndicatorFacts, ...]
    overall: Overall
    domains: tuple[DomainPart, ...]
    problems: tuple[Paragraph, ...]
    sample: bool

    kind = "annual"

    def document(self) -> Document:
        title, subtitle, notice = title_block("annual", self.plan, self.year, self.info,
                                              self.sample)
        return Document(kind="annual", title=title, subtitle=subtitle, notice=notice,
                        sections=(self._context(), self._overall(), self._domains(),
                                  self._problems(), self._suggestions(), self._appendix()))

    def _context(self) -> Section:
        plan = self.plan
        scope = Message("report.plan_scope", {
            "plan": plan.title, "domains": str(len(plan.domains)),
            "goals": str(sum(1 for _ in plan.goals())),
            "measures": str(sum(1 for _ in plan.measures())),
            "indicators": str(len(plan.indicators)), "year": str(self.year)})
        blocks: tuple[Block, ...] = paragraphs(self.texts.context) or (missing_text(),)
        return Section("context", Message("report.annual.context"), 1,
                       (*blocks, Paragraph(scope)))

    def _overall(self) -> Section:
        caption = Message("report.table.domains", {"number": "1", "year": str(self.year)})
        return Section("overall", Message("report.annual.overall"), 2, (
            *overall_paragraphs(self.overall, self.indicators, self.year),
            domain_table(self.plan, self.indicators, caption)))

    def _domains(self) -> Section:
        subsections = []
        for number, part in enumerate(self.domains, start=1):
            blocks: list[Block] = [domain_paragraph(part.domain, part.facts)]
            blocks += [Paragraph(f.sentence) for f in part.facts]
            if part.chart is not None:
                blocks.append(part.chart)
            subsections.append(Section(f"domain.{part.domain.code}", part.domain.name, number,
                                       tuple(blocks)))
        return Section("domains", Message("report.annual.domains"), 3,
                       subsections=tuple(subsections))

    def _problems(self) -> Section:
        blocks: tuple[Block, ...] = (*self.problems, *paragraphs(self.texts.problems))
        return Section("problems", Message("report.annual.problems"), 4,
                       blocks or (Paragraph(Message("report.no_problems")),))

    def _suggestions(self) -> Section:
        blocks: tuple[Block, ...] = paragraphs(self.texts.suggestions) or (missing_text(),)
        return Section("suggestions", Message("report.annual.suggestions"), 5, blocks)

    def _appendix(self) -> Section:
        caption = Message("report.table.appendix", {"number": "1", "year": str(self.year)})
        table = appendix_table(self.indicators, self.years, self.plan.baseline_year, caption)
        return Section("appendix", Message("report.appendix"), None, (table,))


def build_annual_report(
    plan: Plan,
    series: Iterable[IndicatorData] | Mapping[str, IndicatorData],
    assessments: Iterable[IndicatorAssessment],
    year: int,
    texts: AnnualTexts | None = None,
    warnings: Iterable[WarningInput] = (),
    *,
    info: ReportInfo | None = None,
) -> AnnualReport:
    """The annual report of ``year`` from plain inputs (values after ``year`` are ignored)."""
    if year < plan.baseline_year:
        raise ValueError(f"the report year {year} is before the baseline {plan.baseline_year}")
    data = index_series(series)
    facts = tuple(indicator_facts(plan, data, assessments, year))
    years = tuple(range(plan.baseline_year, year + 1))
    parts: list[DomainPart] = []
    for domain in plan.domains:
        own = tuple(f for f in facts if f.domain == domain.code)
        charts = sum(1 for part in parts if part.chart is not None)
        parts.append(DomainPart(domain, own, overall(own),
                                domain_chart(domain, own, years, charts + 1)))
    return AnnualReport(
        plan=plan, year=year, years=years, info=info or ReportInfo(),
        texts=texts or AnnualTexts(), indicators=facts, overall=overall(facts),
        domains=tuple(parts), problems=problem_paragraphs(facts, warnings, year),
        sample=any_sample(data))
