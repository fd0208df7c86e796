"""Importing earlier years' values: all rows or none.

A file is kept (``EarlierYearsImport``) only when it passes every check: a refused file
is never stored. Its content is removed once it is applied, and a staged file not
applied within ``KEEP_STAGED`` (7 days) is deleted (``purge_staged_history``: at every
upload and when a worker starts).
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from halfsky.formats.earlier_years import HistoryRow, read_history
from halfsky.web.core.bulk import paused_gc
from halfsky.web.core.errors import ActionError
from halfsky.web.orgs.permissions import may
from halfsky.web.plans.models import Plan
from halfsky.web.values.actions.store import Audit, Change, NewValue, store_values
from halfsky.web.values.earlier_years import HistoryPreview, preview
from halfsky.web.values.models import EarlierYearsImport, Observation, ValueStatus

IMPORTED_FIELDS = ("value", "numerator", "denominator", "flag", "note", "source", "is_sample",
                   "status")
KEEP_STAGED = timedelta(days=7)


def _require_importer(actor: Any) -> None:
    if not may(actor, "data.import_earlier_years"):
        raise ActionError("workflow.not_allowed")


class HistoryRefused(ActionError):
    """The file has problems (``preview.problems``): it is refused and not stored."""

    def __init__(self, preview: HistoryPreview) -> None:
        super().__init__("history.has_problems", {"count": len(preview.problems)})
        self.preview = preview


@transaction.atomic
def do_stage_history(plan: Plan, filename: str, content: bytes, actor: Any
                     ) -> EarlierYearsImport:
    """Check an uploaded history file and keep it for its preview when it passes (nothing is
    imported yet); a file with any problem is ``HistoryRefused`` and not stored."""
    _require_importer(actor)
    purge_staged_history()
    result = check_content(plan, filename, content)
    if result.problems:
        raise HistoryRefused(result)
    return EarlierYearsImport.objects.create(
        plan=plan, filename=filename[:200], content=content,
        sha256=hashlib.sha256(content).hexdigest(), created_by=actor,
        rows=[tuple(item.row) for item in result.items])  # read back as HistoryRow._make


def check_content(plan: Plan, filename: str, content: bytes, *, rules: bool = True
                  ) -> HistoryPreview:
    parsed = read_history(content, filename)
    if parsed.problems:
        return HistoryPreview(problems=list(parsed.problems), encoding=parsed.encoding)
    result = preview(plan, parsed.rows, rules=rules)
    result.encoding = parsed.encoding
    return result


def check_staged(staged: EarlierYearsImport, *, rules: bool = True) -> HistoryPreview:
    return check_content(staged.plan, staged.filename, bytes(staged.content), rules=rules)


def purge_staged_history(now: Any = None) -> int:
    """Delete the staged files not applied within ``KEEP_STAGED``; empty the content of
    applied ones (the record of the import stays). The number of files removed."""
    now = now or timezone.now()
    old = EarlierYearsImport.objects.filter(applied_at__isnull=True,
                                            created_at__lt=now - KEEP_STAGED)
    removed, _ = old.delete()
    emptied = EarlierYearsImport.objects.filter(applied_at__isnull=False).exclude(
        content=b"").update(content=b"", rows=[])
    return removed + emptied


@transaction.atomic
def do_apply_history(staged: EarlierYearsImport, actor: Any) -> int:
    """Apply a staged file, all or nothing: every row is checked again against the database
    as it is now (conflicts, open rounds, areas; the validation rules were passed when the
    file was staged); one problem and nothing is stored."""
    _require_importer(actor)
    with paused_gc():  # tens of thousands of short-lived rows, from the staged ones on
        return _apply(staged, actor)


def _apply(staged: EarlierYearsImport, actor: Any) -> int:
    # the file itself is not read (its rows are): loaded only if asked for
    staged = EarlierYearsImport.objects.select_for_update().defer("content").get(pk=staged.pk)
    if staged.applied_at is not None:
        raise ActionError("history.applied_already")
    # the plan's document is not needed (loaded only if asked for): the rules were checked
    staged.plan = Plan.objects.defer("document").select_related("region").get(pk=staged.plan_id)
    if staged.rows:  # as read when staged: the file is not read again
        result = preview(staged.plan, [HistoryRow._make(row) for row in staged.rows],
                         rules=False)
    else:
        result = check_staged(staged, rules=False)
    if result.problems:
        raise ActionError("history.has_problems", count=len(result.problems))
    _store(result, staged, actor)
    staged.applied_at = timezone.now()
    staged.applied_count = len(result.changes)
    staged.content, staged.rows = b"", []  # applied: the file is not kept (its sha256 and
    staged.save(update_fields=["applied_at", "applied_count", "content", "rows"])  # count are)
    return len(result.changes)


def _store(result: HistoryPreview, staged: EarlierYearsImport, actor: Any) -> None:
    """Write the changes in bulk (``store_values``): new rows inserted as plain rows, sample
    rows replaced, a history step each; the years from the earliest one on are reassessed."""
    replaced = [item for item in result.changes if item.action == "replace_sample"]
    existing = {
        (o.indicator_id, o.area_id, o.year, o.breakdown): o
        for o in Observation.objects.for_plan(staged.plan).filter(
            year__in={i.row.year for i in replaced})
    } if replaced else {}
    changes: list[Change] = []
    for item in replaced:
        row = item.row
        found = existing[(item.indicator.series_id, item.area.pk, row.year, row.breakdown)]
        changes.append(Change(found, found.snapshot(), staged.filename))
        found.value, found.numerator = row.value, row.numerator
        found.denominator, found.note = row.denominator, row.note
        found.flag = row.flag
        found.source = (row.source or staged.filename)[:200]
        found.is_sample, found.status = False, ValueStatus.APPROVED
    approved = ValueStatus.APPROVED.value
    filename = staged.filename[:200]
    new_rows = [NewValue(indicator.same_as_id or indicator.id, area.id, row.year, row.breakdown,
                         row.value, row.numerator, row.denominator, row.flag, row.note,
                         row.source[:200] if row.source else filename, approved,
                         comment=staged.filename)
                for row, indicator, area, action, _current in result.items if action == "new"]
    store_values(changes, "import", actor, fields=IMPORTED_FIELDS, new_rows=new_rows,
                 audit=Audit("history.import", "history_import", staged.filename,
                             {"rows": len(result.changes), "sha256": staged.sha256}))
