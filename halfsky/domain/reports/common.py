"""Pieces the annual and evaluation reports share: counts, 达标率, problems, tables, charts."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from halfsky.domain.assessment import CHINA_STATUSES, WARNINGS, attainment_rates
from halfsky.domain.plan import Domain, Plan
from halfsky.domain.reports.document import Chart, ChartPanel, Paragraph, Table
from halfsky.domain.reports.indicators import (
    IndicatorFacts,
    status_counts,
    status_name,
    target_cell,
)
from halfsky.domain.reports.inputs import IndicatorData, ReportInfo, WarningInput
from halfsky.domain.reports.messages import Join, Message, Param, Text
from halfsky.domain.reports.numbers import display_unit, format_percent


@dataclass(frozen=True)
class Overall:
    """Counts per status and 达标率 over a set of indicators.

    ``rate_all`` counts every indicator (含无数据指标), ``rate_monitored`` only
    those with data; ratios (0.458), NaN when there is nothing to count.
    """

    total: int
    counts: Mapping[str, int]  # every china status, zeros included
    met: int
    monitored: int
    rate_all: float
    rate_monitored: float


def overall(facts: Sequence[IndicatorFacts]) -> Overall:
    statuses = [f.status for f in facts]
    counts = {status: statuses.count(status) for status in CHINA_STATUSES}
    if not statuses:
        return Overall(0, counts, 0, 0, math.nan, math.nan)
    rate = attainment_rates(statuses)[0]
    return Overall(rate.total, counts, rate.met, rate.monitored, rate.rate_all,
                   rate.rate_monitored)


def percent(ratio: float) -> str:
    return format_percent(ratio) if math.isfinite(ratio) else "—"


def overall_paragraphs(summary: Overall, facts: Sequence[IndicatorFacts],
                       year: int) -> tuple[Paragraph, ...]:
    """"2024年，59项监测指标中，已达标…" and the 达标率 sentence."""
    counts = status_counts([f.status for f in facts])
    first = Message("report.overall", {"year": str(year), "total": str(summary.total),
                                       "counts": counts})
    if not summary.monitored:
        return Paragraph(first), Paragraph(Message("report.attainment_none"))
    rates = Message("report.attainment", {
        "met": str(summary.met), "total": str(summary.total),
        "monitored": str(summary.monitored), "rate_all": percent(summary.rate_all),
        "rate_monitored": percent(summary.rate_monitored)})
    return Paragraph(first), Paragraph(rates)


def domain_paragraph(domain: Domain, facts: Sequence[IndicatorFacts]) -> Paragraph:
    summary = overall(facts)
    return Paragraph(Message("report.domain_summary", {
        "domain": domain.name, "total": str(summary.total),
        "counts": status_counts([f.status for f in facts]),
        "rate_all": percent(summary.rate_all)}))


def domain_table(plan: Plan, facts: Sequence[IndicatorFacts], caption: Text) -> Table:
    """Counts per status and 达标率 per domain, with a total row."""
    header: list[Text] = [Message("table.domain"), Message("table.indicators")]
    header += [status_name(s) for s in CHINA_STATUSES]
    header.append(Message("table.rate"))
    rows: list[tuple[Text, ...]] = []
    groups: list[tuple[Text, list[IndicatorFacts]]] = [
        (d.name, [f for f in facts if f.domain == d.code]) for d in plan.domains]
    groups.append((Message("table.total"), list(facts)))
    for label, items in groups:
        summary = overall(items)
        rows.append((label, str(summary.total),
                     *(str(summary.counts[s]) for s in CHINA_STATUSES),
                     percent(summary.rate_all)))
    size = len(header)
    return Table(caption=caption, header=tuple(header), rows=tuple(rows),
                 widths=(2.6, 1.0, *([1.0] * len(CHINA_STATUSES)), 1.1),
                 align=("left", *(["center"] * (size - 1))),
                 note=Message("table.rate_note"))


def problem_paragraphs(facts: Sequence[IndicatorFacts], warnings: Iterable[WarningInput],
                       year: int) -> tuple[Paragraph, ...]:
    """One paragraph per warned indicator (its findings), then the department's response.

    Finding codes are ``warning.<code>`` with ``year``, ``target`` (the
    target in words) and ``target_year``; the problem is ``report.problem``
    (indicator, year, value, unit, findings) or ``report.problem_no_value``;
    the response ``report.response`` (department, cause, action — a missing
    part is ``report.not_given``) or ``report.no_response`` (department).
    """
    order = {f.code: i for i, f in enumerate(facts)}
    by_code = {f.code: f for f in facts}
    items = sorted((w for w in warnings if w.indicator in by_code),
                   key=lambda w: order[w.indicator])
    out: list[Paragraph] = []
    for number, warning in enumerate(items, start=1):
        unknown = [code for code in warning.codes if code not in WARNINGS]
        if unknown:
            raise ValueError(f"unknown warning code {unknown[0]!r}")
        item = by_code[warning.indicator]
        target_year = max((t.year for t in item.indicator.targets if t.year), default=year)
        findings = Join(tuple(
            Message(f"warning.{code}", {"year": str(year), "target": target_cell(item),
                                        "target_year": str(target_year)})
            for code in warning.codes))
        params: dict[str, Param] = {"number": str(number), "indicator": item.indicator.name,
                                    "findings": findings, "year": str(year)}
        if item.value is not None:
            params.update(value=item.number(item.value), unit=display_unit(item.indicator.unit))
            out.append(Paragraph(Message("report.problem", params), "item"))
        else:
            out.append(Paragraph(Message("report.problem_no_value", params), "item"))
        department = warning.department or Message("report.department_unknown")
        if warning.cause or warning.action:
            not_given = Message("report.not_given")
            out.append(Paragraph(Message("report.response", {
                "department": department, "cause": warning.cause or not_given,
                "action": warning.action or not_given})))
        else:
            out.append(Paragraph(Message("report.no_response", {"department": department})))
    return tuple(out)


def year_header(year: int, baseline_year: int) -> Text:
    if year == baseline_year:
        return Message("table.baseline_year", {"year": str(year)})
    return Message("table.year", {"year": str(year)})


def appendix_table(facts: Sequence[IndicatorFacts], years: Sequence[int], baseline_year: int,
                   caption: Text) -> Table:
    """Every indicator: unit, the baseline and each year, the target words, the status."""
    header: list[Text] = [Message("table.number"), Message("table.indicator"),
                          Message("table.unit")]
    header += [year_header(y, baseline_year) for y in years]
    header += [Message("table.target"), Message("table.status")]
    rows = tuple(
        (str(i), f.indicator.name, f.indicator.unit,
         *(f.number(f.values.get(y)) or "—" for y in years),
         target_cell(f), status_name(f.status))
        for i, f in enumerate(facts, start=1))
    return Table(
        caption=caption, header=tuple(header), rows=rows,
        widths=(0.5, 3.0, 0.7, *([0.95] * len(years)), 1.9, 1.3),
        align=("center", "left", "center", *(["right"] * len(years)), "left", "center"),
        note=Message("table.missing_note"))


def domain_chart(domain: Domain, facts: Sequence[IndicatorFacts], years: Sequence[int],
                 number: int) -> Chart | None:
    """The domain's figure: a panel per indicator with values (None without any)."""
    panels = tuple(
        ChartPanel(code=f.code, name=f.indicator.name, unit=f.indicator.unit,
                   years=tuple(years), values=tuple(f.values.get(y) for y in years),
                   target=f.level_target, decimals=f.decimals)
        for f in facts if any(y in f.values for y in years))
    if not panels:
        return None
    caption = Message("report.chart_caption", {"number": str(number), "domain": domain.name})
    return Chart(key=domain.code, caption=caption, panels=panels)


def title_block(kind: str, plan: Plan, year: int, info: ReportInfo,
                sample: bool) -> tuple[Message, tuple[Text, ...], Text]:
    """The title message, the subtitle lines (issuer, date) and the sample-data notice."""
    title = Message(f"report.{kind}.title", {"plan": plan.title, "year": str(year),
                                             "region": info.region_name})
    subtitle = tuple(line for line in (info.issuer, info.date) if line)
    notice: Text = Message("report.sample_notice") if sample or info.sample else ""
    return title, subtitle, notice


def any_sample(series: Mapping[str, IndicatorData]) -> bool:
    return any(data.sample for data in series.values())


def index_series(series: Iterable[IndicatorData] | Mapping[str, IndicatorData],
                 ) -> dict[str, IndicatorData]:
    if isinstance(series, Mapping):
        return dict(series)
    return {data.code: data for data in series}
