"""What the exchange pages show: children's delivery state, counties side by side, conflicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, QuerySet

from halfsky.web.exchange.models import (
    AggregateValue,
    ChildAccess,
    ChildSource,
    Conflict,
    ConflictState,
    Delivery,
)
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.values.models import Observation, ValueStatus


@dataclass
class ChildRow:
    area: Area
    values: int  # the year's values of this plan's indicators held for the child
    last_delivery: Any = None
    tokens: list[ChildAccess] = field(default_factory=list)
    source: ChildSource | None = None
    conflicts: int = 0

    @property
    def has_sent(self) -> bool:
        return self.values > 0


def children_status(plan: Plan, year: int) -> list[ChildRow]:
    """Every child area of the plan's region: what it has sent for ``year``, and how."""
    children = list(Area.objects.filter(parent=plan.region).order_by("code"))
    counts = dict(Observation.objects.for_plan(plan).filter(
        area__in=children, year=year, status=ValueStatus.APPROVED)
        .values("area").annotate(n=Count("pk")).values_list("area", "n"))
    last = dict(Delivery.objects.filter(area__in=children).values("area")
                .annotate(at=Max("received_at")).values_list("area", "at"))
    conflicts = dict(Conflict.objects.filter(state=ConflictState.OPEN,
                                             observation__area__in=children)
                     .values("observation__area").annotate(n=Count("pk"))
                     .values_list("observation__area", "n"))
    tokens: dict[int, list[ChildAccess]] = {}
    for access in ChildAccess.objects.filter(area__in=children, revoked_at__isnull=True):
        tokens.setdefault(access.area_id, []).append(access)
    sources = {s.area_id: s for s in ChildSource.objects.filter(area__in=children)}
    return [ChildRow(area=a, values=counts.get(a.pk, 0), last_delivery=last.get(a.pk),
                     tokens=tokens.get(a.pk, []), source=sources.get(a.pk),
                     conflicts=conflicts.get(a.pk, 0)) for a in children]


@dataclass
class CompareTable:
    years: list[int]
    rows: list[tuple[Area, list[Observation | None]]]
    aggregates: list[AggregateValue | None]
    region_values: list[Observation | None]

    @property
    def empty(self) -> bool:
        return not any(any(cells) for _, cells in self.rows)


def compare_table(plan: Plan, indicator: Indicator, breakdown: str = "") -> CompareTable:
    """The indicator for each child area by year, with the aggregate and the region's value."""
    years = list(range(plan.baseline_year, plan.end_year + 1))
    children = list(Area.objects.filter(parent=plan.region).order_by("code"))
    cells: dict[tuple[int, int], Observation] = {
        (o.area_id, o.year): o for o in Observation.objects.for_indicator(
            indicator).filter(area__in=children, breakdown=breakdown,
            status=ValueStatus.APPROVED)}
    aggregates = {a.year: a for a in AggregateValue.objects.filter(
        indicator=indicator, area=plan.region, breakdown=breakdown)}
    region = {o.year: o for o in Observation.objects.for_indicator(indicator).approved().filter(
        area=plan.region, breakdown=breakdown)}
    return CompareTable(
        years=years,
        rows=[(a, [cells.get((a.pk, y)) for y in years]) for a in children],
        aggregates=[aggregates.get(y) for y in years],
        region_values=[region.get(y) for y in years])


def chart_data(table: CompareTable, year: int) -> dict[str, Any]:
    """One bar per child area for ``year`` (empty bars for the ones without a value)."""
    index = table.years.index(year) if year in table.years else -1
    return {"areas": [area.name for area, _ in table.rows],
            "values": [cells[index].value if index >= 0 and cells[index] else None
                       for _, cells in table.rows],
            "year": year}


def _conflicts(plan: Plan | None) -> QuerySet[Conflict]:
    """Conflicts over the values of a plan's indicators (of every plan when None)."""
    rows = Conflict.objects.all()
    return rows if plan is None else rows.filter(observation__indicator__plan=plan)


def open_conflict_count(plan: Plan | None = None) -> int:
    return _conflicts(plan).filter(state=ConflictState.OPEN).count()


def open_conflicts(plan: Plan | None = None) -> list[Conflict]:
    return list(_conflicts(plan).filter(state=ConflictState.OPEN).select_related(
        "received__indicator", "received__area", "received__delivery", "observation"))


def recent_conflicts(plan: Plan | None = None, limit: int = 20) -> list[Conflict]:
    return list(_conflicts(plan).exclude(state=ConflictState.OPEN).select_related(
        "received__indicator", "received__area", "resolved_by")[:limit])
