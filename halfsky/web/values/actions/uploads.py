"""An uploaded Excel template becomes the task's draft — all of it, or nothing.

Its values are checked as the web form checks them (``checks.refusals``): a value the
checks refuse (a negative count, a percentage above 100, 0 岁 of a life expectancy that
the row's 备注 does not explain …) refuses the file, naming its cell, with the web form's
message. A row's 备注 explains an unusual value or a jump since last year: it is stored
as the value's explanation.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from halfsky.domain.validation import Severity, compute_rate
from halfsky.formats.excel_layout import LETTERS
from halfsky.formats.excel_upload import UploadedRow
from halfsky.formats.uploads import FileProblem
from halfsky.web.core.errors import ActionError
from halfsky.web.values.actions.store import Audit, Change, store_values
from halfsky.web.values.actions.values import (
    EDITABLE_TASK_STATES,
    EDITABLE_VALUE_STATES,
    require_step,
)
from halfsky.web.values.checks import check, refusals
from halfsky.web.values.models import Observation, Task, TaskState


class UploadRejected(ActionError):
    def __init__(self, problems: list[FileProblem]) -> None:
        super().__init__("upload.rejected", count=len(problems))
        self.problems = problems


def _changed(observation: Observation, row: UploadedRow) -> dict[str, Any]:
    wanted: dict[str, Any] = {"value": row.value, "numerator": row.numerator,
                              "denominator": row.denominator, "flag": row.flag, "note": row.note}
    if row.numerator is not None and row.denominator and observation.indicator.per:
        wanted["value"] = compute_rate(row.numerator, row.denominator, observation.indicator.per)
    changed = {k: v for k, v in wanted.items() if getattr(observation, k) != v}
    if changed.keys() & set(NUMBERS):  # an explanation belongs to the value it explained
        changed["explanation"] = row.note
    return changed


NUMBERS = ("value", "numerator", "denominator")


def _checked(changes: Sequence[tuple[Observation, dict[str, Any]]],
             rows: Mapping[str, UploadedRow], data_sheet: str) -> list[FileProblem]:
    """The problems of the values as they would be stored (the web form's checks); a row
    whose 备注 explains no warning keeps no explanation."""
    future = []
    for observation, changed in changes:
        after = copy.copy(observation)
        for name, value in changed.items():
            setattr(after, name, value)
        future.append(after)
    findings = check(future)
    warned = {f.key for f in findings if f.severity == Severity.WARNING}
    for observation, changed in changes:
        if "explanation" in changed and str(observation.pk) not in warned:
            changed["explanation"] = ""
    by_pk = {str(o.pk): o.key for o, _ in changes}
    problems = []
    for finding in refusals(findings, partial=True):
        field = str(finding.params.get("field", "value"))
        column = LETTERS[field if field in NUMBERS else "value"]
        problems.append(FileProblem(finding.code, data_sheet,
                                    f"{column}{rows[by_pk[finding.key]].row}",
                                    params=dict(finding.params)))
    return problems


@transaction.atomic
def do_apply_upload(task: Task, rows: Mapping[str, UploadedRow], actor: Any,
                    data_sheet: str = "") -> int:
    """Store the uploaded values as drafts; a row that would change a locked value rejects all."""
    require_step(actor, "value", "edit", task)
    if task.state not in EDITABLE_TASK_STATES:
        raise ActionError("task.not_editable", state=task.state)
    observations = {o.key: o for o in task.observations.select_for_update(of=("self",)).select_related(
        "indicator", "area")}
    changes: list[tuple[Observation, dict[str, Any]]] = []
    problems: list[FileProblem] = []
    for key, row in rows.items():
        observation = observations.get(key)
        if observation is None:
            problems.append(FileProblem("excel.outdated", data_sheet, f"{LETTERS['key']}{row.row}"))
            continue
        changed = _changed(observation, row)
        if not changed:
            continue
        if observation.status not in EDITABLE_VALUE_STATES:
            problems.append(FileProblem("excel.locked_value", data_sheet, f"{LETTERS['value']}{row.row}"))
            continue
        changes.append((observation, changed))
    if not problems:
        problems = _checked(changes, rows, data_sheet)
    if problems:
        raise UploadRejected(problems)
    stored = []
    for observation, changed in changes:
        stored.append(Change(observation, observation.snapshot()))
        for name, value in changed.items():
            setattr(observation, name, value)
        observation.is_sample = False  # typed by a person: no longer a demo value (示例数据)
    store_values(stored, "upload", actor,
                 audit=Audit("task.upload", "task", str(task), {"changed": len(changes)}))
    if changes and task.state in {TaskState.NOT_STARTED, TaskState.RETURNED}:
        task.state = TaskState.IN_PROGRESS
        task.save(update_fields=["state", "updated_at"])
    return len(changes)
