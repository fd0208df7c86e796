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
    "plan_document.no_goals": gettext_lazy("The domain %(domain)s has no numbered main goals."),
    "plan_document.duplicate_number": gettext_lazy(
        "The domain %(domain)s uses the number %(number)s twice."),
    "plan_import.no_file": gettext_lazy("Choose a plan document to upload."),
    "import.publish.invalid": gettext_lazy(
        "The plan cannot be published: the value at %(location)s is not valid (%(problem)s). "
        "Correct it on this page, then publish again."),
    "plan_load.indicator_has_values": gettext_lazy(
        "The plan cannot be published under this code: it would remove indicators that "
        "already have values (%(codes)s). Choose another plan code."),
}

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
