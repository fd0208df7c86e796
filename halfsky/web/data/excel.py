"""The Excel template of a task: what goes into it, and what an upload becomes.

The file itself is written and read by ``halfsky.formats.excel_template`` /
``excel_upload``; this module supplies the rows and the Chinese (or English)
labels, and turns problems into sentences.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from halfsky.formats.excel_layout import TemplateIdentity, TemplateRow, TemplateSpec
from halfsky.formats.uploads import FileProblem
from halfsky.web.data.models import Task
from halfsky.web.data.words import sentence
from halfsky.web.plans.labels import breakdown_label
from halfsky.web.plans.queries import target_views

PROBLEMS = {
    "excel.corrupt": gettext_noop("The file is not an Excel workbook (.xlsx) or it is damaged."),
    "excel.not_xlsx": gettext_noop("The file is not an Excel workbook (.xlsx) or it is damaged."),
    "excel.too_large": gettext_noop("The file is too large (at most %(limit_mb)s MB)."),
    "excel.missing_metadata": gettext_noop("This is not a HalfSky template (its hidden information sheet is missing)."),
    "excel.wrong_version": gettext_noop("The template is of an older version: download a new one."),
    "excel.wrong_round": gettext_noop("The template is for another round (%(found)s): download this year's template."),
    "excel.wrong_department": gettext_noop("The template belongs to another department (%(found)s)."),
    "excel.layout_changed": gettext_noop("Rows, columns or headers of the template were changed: download a new template and copy the values into it."),
    "excel.outdated": gettext_noop("The task's rows have changed since the template was downloaded: download a new template."),
    "excel.formula": gettext_noop("A formula is not allowed; type the number."),
    "excel.not_a_number": gettext_noop("“%(value)s” is not a number."),
    "excel.bad_flag": gettext_noop("“%(value)s” is not one of the flags in the list."),
    "excel.duplicate_row": gettext_noop("The same row appears twice."),
    "excel.locked_value": gettext_noop("This value is submitted or approved; it cannot be changed by an upload."),
    "upload.no_file": gettext_noop("Choose a file to upload."),
    "history.too_large": gettext_noop("The file is too large (at most %(limit_mb)s MB)."),
    "history.empty": gettext_noop("The file holds no rows."),
    "history.not_xlsx": gettext_noop("The file is not a CSV or Excel (.xlsx) file, or it is damaged."),
    "history.bad_encoding": gettext_noop("The file's text encoding is not recognised: save it as UTF-8 CSV or as .xlsx."),
    "history.corrupt": gettext_noop("The file is not a CSV or Excel (.xlsx) file, or it is damaged."),
    "history.missing_columns": gettext_noop("Columns are missing: %(missing)s."),
    "history.formula": gettext_noop("A formula is not allowed; type the number."),
    "history.missing_field": gettext_noop("A required field is empty."),
    "history.duplicate_row": gettext_noop("The same indicator, area, year and group appear again (first on %(first)s)."),
    "history.not_a_number": gettext_noop("“%(value)s” is not a number."),
    "history.bad_year": gettext_noop("“%(value)s” is not a year of the plan."),
    "history.unknown_indicator": gettext_noop("There is no indicator “%(indicator)s” in the plan."),
    "history.unknown_area": gettext_noop("There is no area with the code “%(area)s”."),
    "history.unknown_breakdown": gettext_noop("The indicator %(indicator)s has no group “%(breakdown)s”."),
    "history.conflict": gettext_noop("%(indicator)s %(year)s already has the value %(current)s; the file says %(new)s. Correct the stored value through its round, or the file."),
    "sdmx.bad_encoding": gettext_noop("The SDMX file is not UTF-8 text; nothing was stored."),
    "sdmx.not_sdmx": gettext_noop("The file looks like SDMX but is damaged or cut short, or it is not an SDMX-CSV 2.0 or SDMX-JSON 2.0 data message; nothing was stored."),
    "sdmx.unsupported_version": gettext_noop("The file is SDMX-JSON %(version)s; HalfSky reads SDMX-JSON 2.0 and SDMX-CSV 2.0. Nothing was stored."),
    "sdmx.foreign_structure": gettext_noop("The SDMX file was written for another data structure, not HalfSky's (HALFSKY:DF_WOMEN); nothing was stored."),
    "sdmx.unsupported_action": gettext_noop("The SDMX file asks to “%(action)s” values; HalfSky imports only values to store, never deletions. Nothing was stored."),
    "sdmx.unknown_dimension": gettext_noop("The SDMX file has the component “%(column)s”, which HalfSky's data structure does not have (a file of another structure?); nothing was stored."),
    "sdmx.missing_dimension": gettext_noop("The SDMX file lacks the dimension %(dimension)s; nothing was stored."),
    "sdmx.missing_column": gettext_noop("The SDMX file lacks the column %(column)s; nothing was stored."),
    "sdmx.duplicate_column": gettext_noop("The SDMX file has the column %(column)s twice; nothing was stored."),
    "sdmx.bad_row": gettext_noop("This row of the SDMX file has %(found)s fields instead of %(expected)s (is the file cut short?); nothing was stored."),
    "sdmx.bad_key": gettext_noop("An observation of the SDMX file points to a dimension value that is not listed; nothing was stored."),
    "sdmx.duplicate_key": gettext_noop("The SDMX file gives the same observation (%(key)s) twice; nothing was stored."),
    "sdmx.bad_value": gettext_noop("The SDMX file's %(component)s is not a number or text as expected; nothing was stored."),
    "sdmx.missing_value": gettext_noop("An observation of the SDMX file has no %(component)s; nothing was stored."),
    "sdmx.unknown_code": gettext_noop("“%(code)s” is not a code of %(dimension)s in HalfSky's data structure; nothing was stored."),
    "sdmx.bad_indicator": gettext_noop("“%(indicator)s” is not an indicator code; nothing was stored."),
    "sdmx.bad_area": gettext_noop("“%(area)s” is not an area code (GB/T 2260, or a township code); nothing was stored."),
    "sdmx.bad_period": gettext_noop("“%(period)s” is not a year; HalfSky exchanges yearly values. Nothing was stored."),
    "sdmx.bad_breakdown": gettext_noop("The group “%(breakdown)s” cannot be written in SDMX."),
    "sdmx.bad_status": gettext_noop("The status “%(status)s” cannot be written in SDMX."),
    "sdmx.unknown_unit": gettext_noop("The unit “%(unit)s” has no SDMX code."),
}


def problem_sentences() -> dict[str, str]:
    """The problems in the user's language (evaluated per request)."""
    return {code: _(text) for code, text in PROBLEMS.items()}


def describe(problem: FileProblem) -> tuple[str, str]:
    """(where, what): ("数据!L7", "“七十八”不是数字。")."""
    params = dict(problem.params)
    text = problem_sentences().get(problem.code)
    if text is None:  # a validation finding
        return problem.where, sentence(problem.code, params)
    if "limit" in params:
        params.setdefault("limit_mb", int(params["limit"]) // 1_000_000)
    try:
        text = text % params
    except (KeyError, TypeError, ValueError):
        pass
    return problem.where, text


def labels() -> dict[str, str]:
    return {
        "sheet.instructions": _("Instructions"),
        "sheet.data": _("Data"),
        "title": _("{plan_title} · {department} · data for {year}"),
        "info.plan": _("Plan"), "info.department": _("Department"),
        "info.year": _("Data year"), "info.deadline": _("Deadline"),
        "instructions": "\n".join([
            _("Fill in the yellow cells of the data sheet: the value, or for a rate its numerator and denominator (the rate is computed)."),
            _("Mark a value provisional or estimated in the flag column; choose “not applicable” when the work was not carried out, and leave the numbers empty."),
            _("Type numbers only: no formulas, units or dashes."),
            _("Do not add, delete or move rows, columns or sheets: the upload would be refused."),
            _("Upload the file on the task page; the server checks every value again. The values become a draft you review before submitting."),
        ]),
        "column.key": _("Key"), "column.code": _("Code"), "column.indicator": _("Indicator"),
        "column.unit": _("Unit"), "column.area": _("Area"), "column.breakdown": _("Group"),
        "column.definition": _("Definition"), "column.previous": "{year}",
        "column.target": _("Target"), "column.value": _("Value"),
        "column.numerator": _("Numerator"), "column.denominator": _("Denominator"),
        "column.flag": _("Flag"), "column.note": _("Note"),
        "breakdown.total": _("Total"),
        "flag.provisional": _("provisional"), "flag.estimated": _("estimated"),
        "flag.not_applicable": _("not applicable"),
        "validation.title": _("Check the value"),
        "validation.number": _("Enter a number of at least 0."),
        "validation.percent": _("Enter a number from 0 to 100."),
        "validation.flag": _("Choose a flag from the list, or leave the cell empty."),
    }


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
            targets[o.indicator_id] = "；".join(v.words for v in target_views(o.indicator))
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
