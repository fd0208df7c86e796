"""History import: earlier years' values in bulk, checked in full, applied all or nothing.

The file is parsed by ``halfsky.formats.earlier_years``; this module checks
every row against the plan (indicator, area, breakdown, year), the
validation rules and the values already stored, and builds the preview.
A stored value that differs and is not sample data is a conflict, shown to
the coordinator and never overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from halfsky.domain.validation import Entry, Severity, validate
from halfsky.formats.earlier_years import HistoryRow
from halfsky.formats.uploads import FileProblem
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.values.checks import rules_for
from halfsky.web.values.models import Observation
from halfsky.web.values.scope import breakdowns


@dataclass
class PreviewItem:
    row: HistoryRow
    indicator: Indicator
    area: Area
    action: str  # "new", "replace_sample", "unchanged"
    current: float | None = None


@dataclass
class HistoryPreview:
    items: list[PreviewItem] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)

    @property
    def changes(self) -> list[PreviewItem]:
        return [item for item in self.items if item.action != "unchanged"]


def _problem(code: str, row: HistoryRow, **params: object) -> FileProblem:
    return FileProblem(code, line=row.line, params={"indicator": row.indicator, **params})


def preview(plan: Plan, rows: Sequence[HistoryRow]) -> HistoryPreview:
    indicators = {i.code: i for i in plan.indicators.all()}
    areas = {a.code: a for a in Area.objects.all()}
    result = HistoryPreview()
    existing = {
        (o.indicator_id, o.area_id, o.year, o.breakdown): o
        for o in Observation.objects.filter(indicator__plan=plan,
                                            year__in={r.year for r in rows})
    }
    entries: list[Entry] = []
    allowed: dict[int, frozenset[str]] = {}  # indicator → its breakdowns, once each
    for row in rows:
        indicator, area = indicators.get(row.indicator), areas.get(row.area)
        if indicator is None:
            result.problems.append(_problem("history.unknown_indicator", row))
            continue
        if area is None:
            result.problems.append(_problem("history.unknown_area", row, area=row.area))
            continue
        if indicator.pk not in allowed:
            allowed[indicator.pk] = frozenset(breakdowns(indicator))
        if row.breakdown not in allowed[indicator.pk]:
            result.problems.append(_problem("history.unknown_breakdown", row,
                                            breakdown=row.breakdown))
            continue
        if not 2000 <= row.year <= plan.end_year:
            result.problems.append(_problem("history.bad_year", row, year=row.year))
            continue
        found = existing.get((indicator.pk, area.pk, row.year, row.breakdown))
        action = "new"
        if found is not None:
            if found.value == row.value:
                action = "unchanged"
            elif found.is_sample:
                action = "replace_sample"
            else:
                result.problems.append(_problem("history.conflict", row, year=row.year,
                                                current=found.value or "", new=row.value or ""))
                continue
        result.items.append(PreviewItem(row, indicator, area, action,
                                        found.value if found else None))
        entries.append(Entry(key=str(row.line), indicator=row.indicator, breakdown=row.breakdown,
                             value=row.value, numerator=row.numerator,
                             denominator=row.denominator, per=indicator.per,
                             not_applicable=row.flag == "not_applicable",
                             group=f"{row.area}|{row.year}"))
    for finding in validate(entries, rules_for(plan)):
        if finding.severity == Severity.ERROR:
            result.problems.append(FileProblem(finding.code, line=int(finding.key),
                                               params=dict(finding.params)))
    return result
