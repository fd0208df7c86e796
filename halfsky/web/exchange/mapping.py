"""Editing an indicator's mapping to its parent plan's indicator (``maps_to``).

The mapping lives in the stored plan file (``Plan.document``), where the
exchange reads it; an edit is checked like the plan file itself (the parent
plan must be one of the plan's ``parents``, the factor a positive number, two
indicators never mapped to one parent indicator). Loading the plan file again
replaces edits made here — the page says so.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from halfsky.domain.plan import Aggregation
from halfsky.formats.plan_file import PlanFileError, plan_from_dict
from halfsky.web.audit.records import record
from halfsky.web.core.errors import ActionError
from halfsky.web.exchange.access import require_admin
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


@transaction.atomic
def do_set_mapping(plan: Plan, code: str, parent_plan: str, parent_indicator: str,
                   factor: float, actor: Any) -> Plan:
    """Map the indicator ``code`` to ``parent_indicator`` of ``parent_plan``; "" removes it."""
    require_admin(actor)
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    document = copy.deepcopy(plan.document)
    entry = next((i for i in document.get("indicators", []) if i.get("code") == code), None)
    if entry is None:
        raise ActionError("exchange.unknown_indicator", indicator=code)
    parent_indicator = parent_indicator.strip()
    before = entry.get("maps_to")
    if not parent_indicator:
        entry["maps_to"] = None
    else:  # checked below, with the whole plan, exactly as a plan file is
        entry["maps_to"] = {"plan": parent_plan, "indicator": parent_indicator[:200],
                            "factor": int(factor) if float(factor).is_integer() else factor}
    try:
        plan_from_dict(document)
    except PlanFileError as error:
        raise ActionError("exchange.bad_mapping", reason=str(error.params.get("reason", "")),
                          **{k: v for k, v in error.params.items() if k != "reason"}) from None
    plan.document = document
    plan.save(update_fields=["document", "loaded_at"])
    record("exchange.mapping", "indicator", f"{plan.code} {code}", actor, before=before,
           after=entry["maps_to"])
    return plan
