"""Editing an indicator's mapping to its parent plan's indicator (see ``exchange.mapping``)."""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction

from halfsky.formats.plan_file import PlanFileError, plan_from_dict
from halfsky.web.audit.records import record
from halfsky.web.core.errors import ActionError
from halfsky.web.exchange.actions.access import require_admin
from halfsky.web.plans.models import Plan


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
