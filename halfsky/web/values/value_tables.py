"""An indicator's stored values as the pages show them: tables by breakdown and area."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q

from halfsky.domain import breakdowns
from halfsky.domain.reports.numbers import unit_decimals
from halfsky.web.orgs.area_view import AreaView
from halfsky.web.plans.models import Indicator
from halfsky.web.values.models import Observation, ReferenceValue


@dataclass
class ValueTable:
    """Values of one indicator and area by breakdown (rows) and year (columns)."""

    years: list[int] = field(default_factory=list)
    rows: list[tuple[str, list[Observation | None]]] = field(default_factory=list)
    is_sample: bool = False
    decimals: int = 1  # every value prints with these (reports.numbers.unit_decimals)

    @property
    def empty(self) -> bool:
        return not self.rows

    @property
    def has_unapproved(self) -> bool:
        """Some cell holds a value not yet approved (shown to those who work on it)."""
        return any(c.state_label for _label, row in self.rows for c in row if c is not None)

    @property
    def all_sample(self) -> bool:
        """Every value is a demo value: one badge says so; else each sample value is marked."""
        cells = [c for _label, row in self.rows for c in row if c is not None]
        return bool(cells) and all(c.is_sample for c in cells)


def _decimals(observations: list[Observation], indicator: Indicator) -> int:
    if not observations:
        return 1
    return unit_decimals(indicator.unit, indicator.per,
                         (o.value for o in observations if o.value is not None))


def value_table(observations: list[Observation], indicator: Indicator) -> ValueTable:
    years = sorted({o.year for o in observations})
    by_breakdown: dict[str, dict[int, Observation]] = defaultdict(dict)
    for observation in observations:
        by_breakdown[observation.breakdown][observation.year] = observation
    rows = [(b, [by_breakdown[b].get(y) for y in years]) for b in sorted(by_breakdown, key=_order)]
    return ValueTable(years, rows, any(o.is_sample for o in observations),
                      _decimals(observations, indicator))


def _order(breakdown: str) -> tuple[int, str]:
    """The total, then one-dimension breakdowns, then crossed ones."""
    try:
        return (len(breakdowns.parse(breakdown)), breakdown)
    except breakdowns.BreakdownError:
        return (len(breakdowns.DIMENSIONS) + 1, breakdown)


def indicator_values(indicator: Indicator, areas: AreaView,
                     unapproved: bool = False) -> dict[str, Any]:
    """The shown area's values by breakdown, and its children's totals by area — only those
    rows are read (not every area's values of a province-wide plan). Approved values only;
    with ``unapproved`` (those who work on them) also the values not yet approved, each cell
    showing its state (``Observation.status``)."""
    focus = areas.focus.pk
    stored = Observation.objects.for_indicator(indicator)
    if not unapproved:
        stored = stored.approved()
    observations = list(
        stored.filter(Q(area_id=focus) | Q(area_id__in=areas.ids[1:], breakdown=""))
        .order_by("year")
    )
    names = {area.pk: area.name for area in areas.children}
    county = [o for o in observations if o.area_id == focus]
    townships: dict[str, list[Observation]] = defaultdict(list)
    for observation in observations:
        if observation.area_id != focus:
            townships[names[observation.area_id]].append(observation)
    return {
        "county": value_table(county, indicator),
        "townships": value_table_by_area(townships, indicator),
        "reference": list(
            ReferenceValue.objects.filter(indicator_name=indicator.national_reference)
        ) if indicator.national_reference else [],
    }


def value_table_by_area(by_area: dict[str, list[Observation]], indicator: Indicator
                        ) -> ValueTable:
    years = sorted({o.year for values in by_area.values() for o in values})
    rows = []
    for name in sorted(by_area):
        by_year = {o.year: o for o in by_area[name]}
        rows.append((name, [by_year.get(y) for y in years]))
    samples = any(o.is_sample for values in by_area.values() for o in values)
    return ValueTable(years, rows, samples,
                      _decimals([o for values in by_area.values() for o in values], indicator))


def latest_totals(indicators: list[Indicator]) -> dict[int, Observation]:
    """The latest approved total value of each indicator in its plan's region."""
    latest: dict[int, Observation] = {}
    own = {i.series_id: i.pk for i in indicators}
    rows = Observation.objects.for_indicators(indicators).approved().filter(
        breakdown="", area_id__in={i.plan.region_id for i in indicators}
    ).order_by("indicator_id", "year")
    for observation in rows:
        latest[own[observation.indicator_id]] = observation
    return latest
