"""Words for the plan import's message codes and change records."""

from __future__ import annotations

from collections.abc import Mapping

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ERRORS = {
    "plan_import.too_large": gettext_lazy(
        "The file is too large (%(size)s); the limit is %(limit)s."),
    "plan_import.empty": gettext_lazy("The file is empty."),
    "plan_import.binary": gettext_lazy(
        "The file is not a text document. Upload the plan as .docx, .pdf, .html, .md or .txt."),
    "plan_import.unsupported_format": gettext_lazy(
        "This format (%(format)s) cannot be read. Save the document as .docx or PDF and upload "
        "it again."),
    "plan_import.unreadable": gettext_lazy("The %(format)s file is damaged and cannot be read."),
    "plan_import.encrypted": gettext_lazy("The PDF is encrypted; upload an unprotected copy."),
    "plan_import.no_text_layer": gettext_lazy(
        "The PDF holds no text (is it a scan?). Upload the Word document or a PDF with text."),
    "plan_import.too_long": gettext_lazy("The document is too long to be a plan."),
    "plan_import.not_a_plan": gettext_lazy(
        "This does not look like a development plan: no domain with main goals (主要目标) "
        "was found."),
    "plan_import.no_period": gettext_lazy(
        "The plan period was not found in the title, e.g. （2021—2025年） or “十四五”."),
    "plan_import.invalid_plan": gettext_lazy("The imported plan is not valid: %(problem)s"),
    "plan_import.no_file": gettext_lazy("Choose a plan document to upload."),
    "import.publish.invalid": gettext_lazy(
        "The plan cannot be published: the value at %(location)s is not valid (%(problem)s). "
        "Correct it on this page, then publish again."),
    "plan_load.indicator_has_values": gettext_lazy(
        "The plan cannot be published under this code: it would remove indicators that "
        "already have values (%(codes)s). Choose another plan code."),
}

# Problems of an import (formats/plan_import/problems.py): what happened and what to do.
PROBLEMS = {
    "duplicate_number": gettext_lazy(
        "The number %(number)s repeats the item before; its words were added to item "
        "%(previous)s. Check the numbering against the document."),
    "unreadable_target": gettext_lazy(
        "“%(text)s” has a number but no target was read from it. Add the target here, or "
        "confirm that it states none."),
    "year_outside_period": gettext_lazy(
        "The target year %(year)s lies outside the plan period %(start)s–%(end)s; %(end)s was "
        "used. Check the target's year."),
    "no_goals": gettext_lazy(
        "No numbered main goals were read for the domain %(domain)s. Check that the document "
        "numbers its goals."),
    "unknown_department": gettext_lazy(
        "“%(name)s” is not among the usual member units; it was added as a new department. "
        "Check its name, or choose an existing department."),
    "invalid_target": gettext_lazy(
        "The target read from “%(text)s” cannot be stored in a plan and was left out. Add it "
        "here by hand."),
    "unmatched_row": gettext_lazy(
        "The responsibility table's “%(text)s” matches no goal of the text; it was added as "
        "goal %(number)s of %(domain)s. Check it."),
}
LEFT_OUT = {"furniture": gettext_lazy("page furniture"),
            "page_number": gettext_lazy("page number"),
            "running_header": gettext_lazy("running header"),
            "hyphen": gettext_lazy("hyphen at a line end")}

WHAT = {"goal": gettext_lazy("Goal"), "measure": gettext_lazy("Measure"),
        "target": gettext_lazy("Target")}
CHANGE = {"added": gettext_lazy("added"), "removed": gettext_lazy("removed"),
          "changed": gettext_lazy("changed")}
SECTION = {"goal": gettext_lazy("goal"), "measure": gettext_lazy("measure")}


def error_message(code: str, params: Mapping[str, object]) -> str:
    values = dict(params)
    for key in ("size", "limit"):
        if isinstance(values.get(key), int):
            values[key] = filesizeformat(values[key])
    template = ERRORS.get(code)
    if template is None:
        return _("The document cannot be imported (%(code)s).") % {"code": code}
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return str(template)


def problem_place(problem: Mapping[str, object]) -> str:
    """'Line 12 (妇女与健康 · goal 2)': where a problem is."""
    line, domain, number = problem.get("line"), problem.get("domain"), problem.get("number")
    place = _("Line %(line)s") % {"line": line} if line else _("In a table")
    if domain and number:
        section = SECTION.get(str(problem.get("section")), "")
        return _("%(place)s (%(domain)s · %(section)s %(number)s)") % {
            "place": place, "domain": domain, "section": section, "number": number}
    if domain:
        return _("%(place)s (%(domain)s)") % {"place": place, "domain": domain}
    return place


def problem_message(problem: Mapping[str, object]) -> str:
    """The problem in a sentence: what happened and what to do."""
    params = problem.get("params")
    values = {"text": problem.get("text", ""), "domain": problem.get("domain", ""),
              "number": problem.get("number", ""), **(params if isinstance(params, dict) else {})}
    template = PROBLEMS.get(str(problem.get("code")))
    if template is None:
        return _("“%(text)s” needs checking.") % values
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return str(template)
