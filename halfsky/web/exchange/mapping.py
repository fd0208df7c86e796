"""Editing an indicator's mapping to its parent plan's indicator (``maps_to``).

The mapping lives in the stored plan file (``Plan.document``), where the
exchange reads it; an edit is checked like the plan file itself (the parent
plan must be one of the plan's ``parents``, the factor a positive number, two
indicators never mapped to one parent indicator). Loading the plan file again
replaces edits made here — the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from halfsky.domain.plan import Aggregation
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import domain_plan


@dataclass(frozen=True)
class MappingRow:
    code: str
    name: str
    unit: str
    aggregation: Aggregation
    parent_plan: str
    parent_indicator: str
    factor: float | None


def mapping_rows(plan: Plan) -> list[MappingRow]:
    domain = domain_plan(plan)
    return [MappingRow(
        code=i.code, name=i.name, unit=i.unit, aggregation=i.aggregation_rule,
        parent_plan=i.maps_to.plan if i.maps_to else "",
        parent_indicator=i.maps_to.indicator if i.maps_to else "",
        factor=i.maps_to.factor if i.maps_to else None) for i in domain.indicators]


def parent_plans(plan: Plan) -> list[str]:
    return list(plan.document.get("plan", {}).get("parents", []))
