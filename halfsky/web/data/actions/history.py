"""Importing earlier years' values: all rows or none."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from halfsky.formats.history_import import read_history
from halfsky.web.audit.records import record
from halfsky.web.data.actions.errors import ActionError
from halfsky.web.data.actions.values import log_change, require_role
from halfsky.web.data.history import HistoryPreview, preview
from halfsky.web.data.models import HistoryImport, Observation, ValueStatus
from halfsky.web.orgs.roles import Role
from halfsky.web.plans.models import Plan

IMPORTERS = {Role.COORDINATOR, Role.ADMINISTRATOR}


@transaction.atomic
def do_stage_history(plan: Plan, filename: str, content: bytes, actor: Any) -> HistoryImport:
    """Keep an uploaded history file for its preview (nothing is imported yet)."""
    require_role(actor, IMPORTERS)
    return HistoryImport.objects.create(plan=plan, filename=filename[:200], content=content,
                                        sha256=hashlib.sha256(content).hexdigest(),
                                        created_by=actor)


def check_staged(staged: HistoryImport) -> HistoryPreview:
    parsed = read_history(bytes(staged.content), staged.filename)
    if parsed.problems:
        return HistoryPreview(problems=list(parsed.problems))
    return preview(staged.plan, parsed.rows)


@transaction.atomic
def do_apply_history(staged: HistoryImport, actor: Any) -> int:
    """Apply a staged file: every row is checked again; one problem and nothing is stored."""
    require_role(actor, IMPORTERS)
    staged = HistoryImport.objects.select_for_update().get(pk=staged.pk)
    if staged.applied_at is not None:
        raise ActionError("history.applied_already")
    result = check_staged(staged)
    if result.problems:
        raise ActionError("history.has_problems", count=len(result.problems))
    source = f"{staged.filename}"
    for item in result.changes:
        row = item.row
        observation, created = Observation.objects.get_or_create(
            indicator=item.indicator, area=item.area, year=row.year, breakdown=row.breakdown,
            defaults={"status": ValueStatus.APPROVED})
        before = {} if created else observation.snapshot()
        observation.value, observation.numerator = row.value, row.numerator
        observation.denominator, observation.note = row.denominator, row.note
        observation.source = (row.source or source)[:200]
        observation.is_sample = False
        observation.status = ValueStatus.APPROVED
        observation.version = observation.version + (0 if created else 1)
        observation.save()
        log_change(observation, "import", actor, before, staged.filename)
    staged.applied_at = timezone.now()
    staged.applied_count = len(result.changes)
    staged.save(update_fields=["applied_at", "applied_count"])
    record("history.import", "history_import", staged.filename, actor,
           rows=len(result.changes), sha256=staged.sha256)
    return len(result.changes)
