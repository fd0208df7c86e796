"""The statistical compendium (统计监测资料): every indicator × year, per domain.

``build_compendium`` gives one ``CompendiumSheet`` per domain; each
indicator has a row for the county total (with its target, status and the
national reference value nearest to the report year, with its year and
source) followed by a row per breakdown (sex, urban/rural, age band,
township) in the order given.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from halfsky.domain.plan import Plan
from halfsky.domain.reports.common import any_sample, index_series
from halfsky.domain.reports.indicators import (
    group_message,
    indicator_facts,
    status_name,
    target_cell,
)
from halfsky.domain.reports.inputs import (
    IndicatorAssessment,
    IndicatorData,
    NationalFigure,
    ReportInfo,
)
from halfsky.domain.reports.messages import Message, Text, msg
from halfsky.domain.reports.numbers import indicator_decimals, is_finite


@dataclass(frozen=True)
class CompendiumRow:
    code: str
    indicator: str
    unit: str
    group: Text  # ``group.total`` for the county total, else the breakdown's name
    values: tuple[float | None, ...]  # one per year of ``Compendium.years``
    decimals: int
    is_total: bool
    target: Text = ""
    status: Text = ""
    national: float | None = None
    national_year: int | None = None
    national_source: Text = ""  # report.national_source: the publication in the language


@dataclass(frozen=True)
class CompendiumSheet:
    key: str  # domain code
    name: str  # domain name
    rows: tuple[CompendiumRow, ...]


@dataclass(frozen=True)
class Compendium:
    title: Message
    plan_title: str
    year: int
    years: tuple[int, ...]
    baseline_year: int
    info: ReportInfo
    sheets: tuple[CompendiumSheet, ...]
    sample: bool


def _finite(value: float | None) -> float | None:
    return float(value) if value is not None and is_finite(value) else None


def nearest_figure(figures: Iterable[NationalFigure], name: str,
                   year: int) -> NationalFigure | None:
    """The national figure of ``name`` nearest to ``year`` (the later one on a tie, never after
    the year when an earlier one exists; the first source listed for a year)."""
    candidates = [f for f in figures if f.indicator == name and name]
    if not candidates:
        return None
    earlier = [f for f in candidates if f.year <= year] or candidates
    return min(earlier, key=lambda f: (abs(f.year - year), -f.year))


def build_compendium(
    plan: Plan,
    series: Iterable[IndicatorData] | Mapping[str, IndicatorData],
    assessments: Iterable[IndicatorAssessment],
    year: int,
    national: Iterable[NationalFigure] = (),
    *,
    info: ReportInfo | None = None,
) -> Compendium:
    data = index_series(series)
    figures = list(national)
    years = tuple(range(plan.baseline_year, year + 1))
    facts = indicator_facts(plan, data, assessments, year)
    sheets = []
    for domain in plan.domains:
        rows: list[CompendiumRow] = []
        for f in (f for f in facts if f.domain == domain.code):
            figure = nearest_figure(figures, f.indicator.national_reference, year)
            rows.append(CompendiumRow(
                code=f.code, indicator=f.indicator.name, unit=f.indicator.unit,
                group=Message("group.total"), values=tuple(f.values.get(y) for y in years),
                decimals=f.decimals, is_total=True, target=target_cell(f),
                status=status_name(f.status),
                national=figure.value if figure else None,
                national_year=figure.year if figure else None,
                national_source=msg("report.national_source", source=figure.source,
                                    source_en=figure.source_en or figure.source)
                if figure else ""))
            own = data.get(f.code)
            for group in own.groups if own else ():
                values = tuple(_finite(group.values.get(y)) for y in years)
                rows.append(CompendiumRow(
                    code=f.code, indicator=f.indicator.name, unit=f.indicator.unit,
                    group=group.label or group_message(group.group, plan), values=values,
                    decimals=indicator_decimals(f.indicator, (v for v in values if v is not None)),
                    is_total=False))
        sheets.append(CompendiumSheet(domain.code, domain.name, tuple(rows)))
    title = Message("report.compendium.title", {"plan": plan.title, "year": str(year)})
    return Compendium(title=title, plan_title=plan.title, year=year, years=years,
                      baseline_year=plan.baseline_year, info=info or ReportInfo(),
                      sheets=tuple(sheets), sample=any_sample(data))
