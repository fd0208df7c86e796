"""History import: earlier years' values in bulk, checked in full, applied all or nothing.

The file is parsed by ``halfsky.formats.earlier_years``; this module checks
every row against the plan (indicator, area, breakdown, year), the
validation rules and the values already stored, and builds the preview.
A stored value that differs and is not sample data is a conflict, shown to
the coordinator and never overwritten.

The import writes only the plan's region and the areas below it (never the
city or province above a county plan), and only years before the earliest
open round: the values of an open round go through the round (entered,
submitted, confirmed, reviewed), and a value of a round's task that is not
approved is never replaced. Such rows are problems naming their line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from halfsky.domain.breakdowns import declared
from halfsky.domain.validation import Entry, validate
from halfsky.formats.earlier_years import HistoryRow
from halfsky.formats.uploads import FileProblem
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.values.checks import refusals, rules_for
from halfsky.web.values.models import Observation, Round, ValueStatus
from halfsky.web.values.scope import combinations


class PreviewItem(NamedTuple):
    """A row that passed, with what the import does with it (a plain tuple: one per row)."""

    row: HistoryRow
    indicator: Indicator
    area: Area
    action: str  # "new", "replace_sample", "unchanged"
    current: float | None = None


@dataclass
class HistoryPreview:
    items: list[PreviewItem] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)
    encoding: str = ""  # a CSV's encoding as recognised from its content

    @property
    def changes(self) -> list[PreviewItem]:
        return [item for item in self.items if item.action != "unchanged"]


def _problem(code: str, row: HistoryRow, **params: object) -> FileProblem:
    return FileProblem(code, line=row.line, params={"indicator": row.indicator, **params})


def region_areas(plan: Plan, every: Sequence[Area] | None = None) -> dict[str, Area]:
    """The plan's region and every area below it, by code (of ``every`` area, when read)."""
    children: dict[int | None, list[Area]] = {}
    for area in Area.objects.all() if every is None else every:
        children.setdefault(area.parent_id, []).append(area)
    found, todo = {}, [plan.region]
    while todo:
        area = todo.pop()
        if area.code not in found:
            found[area.code] = area
            todo.extend(children.get(area.pk, []))
    return found


def first_open_year(plan: Plan) -> int | None:
    """The data year of the earliest open round that covers the plan (None when none is
    open): its values go through the round, not through an import."""
    years = Round.objects.filter(closed_at__isnull=True, year__gte=plan.baseline_year,
                                 year__lte=plan.end_year).values_list("year", flat=True)
    return min(years, default=None)


def preview(plan: Plan, rows: Sequence[HistoryRow], *, rules: bool = True) -> HistoryPreview:
    """Every row checked against the plan, the stored values and (with ``rules``) the
    validation rules. The apply of a staged file, whose rows passed the rules when it was
    staged, checks again only what the database may have changed since (``rules=False``)."""
    indicators = {i.code: i for i in plan.indicators.all()}
    indicators.update({i.name: i for i in indicators.values() if i.name not in indicators})
    series = {i.id: i.series_id for i in indicators.values()}  # read once, not per row
    every = list(Area.objects.all())  # read once
    all_areas = {a.code: a for a in every}
    all_areas.update({a.name: a for a in every if a.name not in all_areas})
    areas = region_areas(plan, every)  # by code, and by name (地区 may name it)
    areas.update({a.name: a for a in list(areas.values()) if a.name not in areas})
    open_year = first_open_year(plan)
    result = HistoryPreview()
    years = {r.year for r in rows}
    # the stored values of the file's years (and, for the rules, the year before), read
    # with one query for the whole file
    existing = {
        (o.indicator_id, o.area_id, o.year, o.breakdown): o
        for o in Observation.objects.for_plan(plan).filter(
            year__in=years | {y - 1 for y in years} if rules else years).order_by().values_list(
            "indicator_id", "area_id", "year", "breakdown", "task_id", "status", "value",
            "is_sample", named=True)
    }
    in_file = {(r.indicator, r.area, r.year, r.breakdown): r.value for r in rows} if rules else {}
    entries: list[Entry] = []
    allowed: dict[int, tuple[tuple[str, ...], ...]] = {}  # indicator → its combinations
    approved = ValueStatus.APPROVED.value
    items, problems = result.items, result.problems
    for row in rows:
        indicator, area = indicators.get(row.indicator), areas.get(row.area)
        if indicator is None:
            problems.append(_problem("history.unknown_indicator", row))
            continue
        if area is None and row.area in all_areas:
            problems.append(_problem("history.outside_region", row, area=row.area,
                                     region=plan.region.name))
            continue
        if area is None:
            problems.append(_problem("history.unknown_area", row, area=row.area))
            continue
        combos = allowed.get(indicator.id)
        if combos is None:
            combos = allowed[indicator.id] = combinations(indicator)
        if not declared(row.breakdown, combos):
            problems.append(_problem("history.unknown_breakdown", row, breakdown=row.breakdown))
            continue
        year = row.year
        if not 2000 <= year <= plan.end_year:
            problems.append(_problem("history.bad_year", row, year=year))
            continue
        if open_year is not None and year >= open_year:
            problems.append(_problem("history.open_round", row, year=year, round=open_year))
            continue
        found = existing.get((series[indicator.id], area.id, year, row.breakdown))
        if found is None:
            items.append(PreviewItem(row, indicator, area, "new"))
        elif found.task_id is not None and found.status != approved:
            problems.append(_problem("history.in_round", row, year=year))
            continue
        elif found.value == row.value:
            items.append(PreviewItem(row, indicator, area, "unchanged", found.value))
        elif found.is_sample:
            items.append(PreviewItem(row, indicator, area, "replace_sample", found.value))
        else:
            problems.append(_problem("history.conflict", row, year=year,
                                     current=found.value or "", new=row.value or ""))
            continue
        if not rules:
            continue
        earlier = existing.get((series[indicator.id], area.id, year - 1, row.breakdown))
        previous = in_file.get((row.indicator, row.area, year - 1, row.breakdown),
                               earlier.value if earlier else None)
        entries.append(Entry(key=str(row.line), indicator=indicator.code, breakdown=row.breakdown,
                             value=row.value, numerator=row.numerator,
                             denominator=row.denominator, per=indicator.per,
                             not_applicable=row.flag == "not_applicable",
                             explanation=row.note, previous=previous,
                             group=f"{row.area}|{year}"))
    # the web form's checks, alike (``checks.refusals``): an error refuses the row; so does a
    # value outside the indicator's usual range (0 岁 of a life expectancy) unless the row's
    # note (备注) explains it. (A jump since last year is common in earlier small-number
    # series: it is judged by the assessment's intervals, not refused here.)
    if not rules:
        return result
    for finding in refusals(validate(entries, rules_for(plan))):
        result.problems.append(FileProblem(finding.code, line=int(finding.key),
                                           params=dict(finding.params)))
    return result
