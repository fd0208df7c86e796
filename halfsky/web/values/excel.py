"""The Excel template of a task: what goes into it, and what an upload becomes.

The file itself is written and read by ``halfsky.formats.excel_template`` /
``excel_upload``; this module supplies the rows. Its labels are
``halfsky.web.core.text.files.excel_template_labels``; a problem of an upload is
put in words by ``sentence``.
"""

from __future__ import annotations

from halfsky.formats.excel_layout import TemplateIdentity, TemplateRow, TemplateSpec
from halfsky.web.core.text import join_clauses
from halfsky.web.core.text.plans import breakdown_label
from halfsky.web.plans.queries import target_views
from halfsky.web.values.models import Task


def round_id(task: Task) -> str:
    return f"{task.round.plan.code}/{task.round.year}"


def identity(task: Task) -> TemplateIdentity:
    keys = [o.key for o in task.observations.select_related("indicator", "area").order_by("pk")]
    return TemplateIdentity(round_id=round_id(task), department_code=task.department.code,
                            row_keys=keys)


def spec(task: Task, previous: dict[int, list[float | None]], years: list[int]) -> TemplateSpec:
    """The template of ``task``; ``previous`` maps observation ids to last years' values."""
    rows = []
    targets: dict[int, str] = {}
    for o in task.observations.select_related("indicator", "area").order_by("pk"):
        if o.indicator_id not in targets:
            targets[o.indicator_id] = join_clauses(v.words for v in target_views(o.indicator))
        rows.append(TemplateRow(
            key=o.key, indicator_code=o.indicator.code, indicator_name=o.indicator.name,
            unit=o.indicator.unit, definition=o.indicator.definition, area_name=o.area.name,
            breakdown_label=breakdown_label(o.breakdown), is_rate=bool(o.indicator.per),
            per=o.indicator.per, previous=dict(zip(years, previous.get(o.pk, []), strict=False)),
            target=targets[o.indicator_id], value=o.value, numerator=o.numerator,
            denominator=o.denominator, flag=o.flag, note=o.note,
        ))
    return TemplateSpec(
        round_id=round_id(task), data_year=task.round.year,
        department_code=task.department.code, department_name=task.department.name,
        plan_title=task.round.plan.title, deadline=task.round.deadline.isoformat(), rows=rows,
    )
