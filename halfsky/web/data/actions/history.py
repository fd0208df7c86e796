"""Importing earlier years' values: all rows or none."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from halfsky.formats.history_import import read_history
from halfsky.web.assessments.background import request_recompute
from halfsky.web.audit.records import record
from halfsky.web.data.actions.errors import ActionError
from halfsky.web.data.history import HistoryPreview, preview
from halfsky.web.data.models import HistoryImport, Observation, ValueChange, ValueStatus
from halfsky.web.orgs.permissions import may
from halfsky.web.plans.models import Plan


def _require_importer(actor: Any) -> None:
    if not may(actor, "data.import_history"):
        raise ActionError("workflow.not_allowed")


@transaction.atomic
def do_stage_history(plan: Plan, filename: str, content: bytes, actor: Any) -> HistoryImport:
    """Keep an uploaded history file for its preview (nothing is imported yet)."""
    _require_importer(actor)
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
    _require_importer(actor)
    staged = HistoryImport.objects.select_for_update().get(pk=staged.pk)
    if staged.applied_at is not None:
        raise ActionError("history.applied_already")
    result = check_staged(staged)
    if result.problems:
        raise ActionError("history.has_problems", count=len(result.problems))
    _store(result, staged, actor)
    request_recompute(staged.plan, _years_to_reassess(staged, result), actor)
    staged.applied_at = timezone.now()
    staged.applied_count = len(result.changes)
    staged.save(update_fields=["applied_at", "applied_count"])
    record("history.import", "history_import", staged.filename, actor,
           rows=len(result.changes), sha256=staged.sha256)
    return len(result.changes)


def _store(result: HistoryPreview, staged: HistoryImport, actor: Any) -> None:
    """Write the changes in bulk: new rows created, sample rows replaced, a history step each."""
    existing = {
        (o.indicator_id, o.area_id, o.year, o.breakdown): o
        for o in Observation.objects.filter(
            indicator__plan=staged.plan, year__in={i.row.year for i in result.changes})
    }
    created: list[Observation] = []
    updated: list[tuple[Observation, dict[str, object]]] = []
    for item in result.changes:
        row = item.row
        found = existing.get((item.indicator.pk, item.area.pk, row.year, row.breakdown))
        observation = found or Observation(indicator=item.indicator, area=item.area,
                                           year=row.year, breakdown=row.breakdown)
        before = found.snapshot() if found else {}
        observation.value, observation.numerator = row.value, row.numerator
        observation.denominator, observation.note = row.denominator, row.note
        observation.flag = row.flag
        observation.source = (row.source or staged.filename)[:200]
        observation.is_sample, observation.status = False, ValueStatus.APPROVED
        if found:
            observation.version += 1
            updated.append((observation, before))
        else:
            created.append(observation)
    Observation.objects.bulk_create(created, batch_size=2000)
    Observation.objects.bulk_update(
        [o for o, _ in updated], ["value", "numerator", "denominator", "flag", "note",
                                  "source", "is_sample", "status", "version"], batch_size=2000)
    user = actor if getattr(actor, "pk", None) else None
    ValueChange.objects.bulk_create(
        [ValueChange(observation=o, actor=user, action="import", before={}, after=o.snapshot(),
                     comment=staged.filename) for o in created]
        + [ValueChange(observation=o, actor=user, action="import", before=before,
                       after=o.snapshot(), comment=staged.filename) for o, before in updated],
        batch_size=2000)


def _years_to_reassess(staged: HistoryImport, result: HistoryPreview) -> range:
    """A value of year Y changes the assessments of Y and of every later plan year."""
    plan = staged.plan
    years = {item.row.year for item in result.changes}
    if not years:
        return range(0)
    return range(max(min(years), plan.baseline_year), plan.end_year + 1)
