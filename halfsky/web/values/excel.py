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
from halfsky.web.plans.models import Indicator
from halfsky.web.plans.queries import target_views
from halfsky.web.values.models import Task
from halfsky.web.values.scope import readers


def round_id(task: Task) -> str:
    return f"round/{task.round.year}"


def identity(task: Task) -> TemplateIdentity:
    keys = [o.key for o in task.observations.select_related("indicator", "area").order_by("pk")]
    return TemplateIdentity(round_id=round_id(task), department_code=task.department.code,
                            row_keys=keys)


def spec(task: Task, previous: dict[int, list[float | None]], years: list[int]) -> TemplateSpec:
    """The template of ``task``; ``previous`` maps observation ids to last years' values."""
    rows = []
    targets: dict[int, str] = {}
    observations = list(task.observations.select_related("indicator", "area").order_by("pk"))
    using = readers({o.indicator_id for o in observations}, task.round.plans)
    for o in observations:
        if o.indicator_id not in targets:
            targets[o.indicator_id] = _targets(o.indicator, using.get(o.indicator_id, []))
        rows.append(TemplateRow(
            key=o.key, indicator_code=o.indicator.code, indicator_name=o.indicator.name,
            unit=o.indicator.unit, definition=o.indicator.definition, area_name=o.area.name,
            breakdown_label=breakdown_label(o.breakdown, _for_children(using.get(o.indicator_id))),
            is_rate=bool(o.indicator.per),
            per=o.indicator.per, previous=dict(zip(years, previous.get(o.pk, []), strict=False)),
            target=targets[o.indicator_id], value=o.value, numerator=o.numerator,
            denominator=o.denominator, flag=o.flag, note=o.note,
        ))
    return TemplateSpec(
        round_id=round_id(task), data_year=task.round.year,
        department_code=task.department.code, department_name=task.department.name,
        plan_title=join_clauses(plan.title for plan in task.round.plans), deadline=task.round.deadline.isoformat(), rows=rows,
    )


def _for_children(using: list[Indicator] | None) -> bool:
    """Whether a row's words are a children's plan's (女童): its first plan's, as on the page."""
    return bool(using) and using[0].plan.is_children_plan


def _targets(indicator: Indicator, using: list[Indicator]) -> str:
    """The targets of the value: of each plan using it, named by the plan, when several do."""
    if len(using) < 2:
        return join_clauses(v.words for v in target_views(using[0] if using else indicator))
    return "\n".join(f"{i.plan.title}: " + join_clauses(v.words for v in target_views(i))
                     for i in using)
