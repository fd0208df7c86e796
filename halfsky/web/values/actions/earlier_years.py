"""Importing earlier years' values: all rows or none."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db import transaction
from django.utils import timezone

from halfsky.formats.earlier_years import read_history
from halfsky.web.core.errors import ActionError
from halfsky.web.orgs.permissions import may
from halfsky.web.plans.models import Plan
from halfsky.web.values.actions.store import Audit, Change, store_values
from halfsky.web.values.earlier_years import HistoryPreview, preview
from halfsky.web.values.models import EarlierYearsImport, Observation, ValueStatus

# A file that cannot be read at all is refused at the upload: nothing is kept of it.
UNREADABLE = frozenset({"history.too_large", "history.not_xlsx", "history.corrupt",
                        "history.bad_encoding", "sdmx.too_deep", "sdmx.bad_encoding"})

IMPORTED_FIELDS = ("value", "numerator", "denominator", "flag", "note", "source", "is_sample",
                   "status")


def _require_importer(actor: Any) -> None:
    if not may(actor, "data.import_earlier_years"):
        raise ActionError("workflow.not_allowed")


@transaction.atomic
def do_stage_history(plan: Plan, filename: str, content: bytes, actor: Any) -> EarlierYearsImport:
    """Keep an uploaded history file for its preview (nothing is imported yet); a file
    that cannot be read (damaged, a zip bomb, nested too deep) is refused and not kept."""
    _require_importer(actor)
    for problem in read_history(content, filename).problems:
        if problem.code in UNREADABLE or problem.code.startswith("zip."):
            raise ActionError(problem.code, problem.params)
    return EarlierYearsImport.objects.create(plan=plan, filename=filename[:200], content=content,
                                        sha256=hashlib.sha256(content).hexdigest(),
                                        created_by=actor)


def check_staged(staged: EarlierYearsImport) -> HistoryPreview:
    parsed = read_history(bytes(staged.content), staged.filename)
    if parsed.problems:
        return HistoryPreview(problems=list(parsed.problems))
    return preview(staged.plan, parsed.rows)


@transaction.atomic
def do_apply_history(staged: EarlierYearsImport, actor: Any) -> int:
    """Apply a staged file: every row is checked again; one problem and nothing is stored."""
    _require_importer(actor)
    staged = EarlierYearsImport.objects.select_for_update().get(pk=staged.pk)
    if staged.applied_at is not None:
        raise ActionError("history.applied_already")
    result = check_staged(staged)
    if result.problems:
        raise ActionError("history.has_problems", count=len(result.problems))
    _store(result, staged, actor)
    staged.applied_at = timezone.now()
    staged.applied_count = len(result.changes)
    staged.save(update_fields=["applied_at", "applied_count"])
    return len(result.changes)


def _store(result: HistoryPreview, staged: EarlierYearsImport, actor: Any) -> None:
    """Write the changes in bulk (``store_values``): new rows created, sample rows replaced,
    a history step each; the years from the earliest one on are reassessed."""
    existing = {
        (o.indicator_id, o.area_id, o.year, o.breakdown): o
        for o in Observation.objects.for_plan(staged.plan).filter(
            year__in={i.row.year for i in result.changes})
    }
    changes: list[Change] = []
    for item in result.changes:
        row = item.row
        found = existing.get((item.indicator.series_id, item.area.pk, row.year, row.breakdown))
        observation = found or Observation(indicator=item.indicator, area=item.area,
                                           year=row.year, breakdown=row.breakdown)
        changes.append(Change(observation, found.snapshot() if found else {}, staged.filename))
        observation.value, observation.numerator = row.value, row.numerator
        observation.denominator, observation.note = row.denominator, row.note
        observation.flag = row.flag
        observation.source = (row.source or staged.filename)[:200]
        observation.is_sample, observation.status = False, ValueStatus.APPROVED
    store_values(changes, "import", actor, fields=IMPORTED_FIELDS, audit=Audit(
        "history.import", "history_import", staged.filename,
        {"rows": len(result.changes), "sha256": staged.sha256}))
