"""Words of the plan: its codes (polarity, period, cadence, groups, breakdowns) and the
plan import's refusals and change records."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

POLARITY = {
    "higher": _("higher is better"),
    "lower": _("lower is better"),
    "neutral": _("no preferred direction"),
}
PERIOD = {
    "calendar_year": _("calendar year (1 January – 31 December)"),
    "health_year": _("health statistics year (1 October – 30 September)"),
}
CADENCE = {
    "yearly": _("every year"),
    "census": _("census and sample-survey years"),
    "election": _("village-committee election years"),
}

GROUP_NAMES = {
    "urban": _("urban"),
    "rural": _("rural"),
    "female": _("women"),
    "male": _("men"),
}

DISAGGREGATION_NAMES = {
    "sex": _("sex"),
    "urban_rural": _("urban/rural"),
    "age_band": _("age band"),
    "township": _("township"),
}


def breakdown_label(breakdown: str) -> str:
    """'sex=female' → '女性'; '' → ''."""
    if not breakdown:
        return ""
    _dimension, _sep, value = breakdown.partition("=")
    return str(GROUP_NAMES.get(value, value))


# The plan import (halfsky.web.imports): refusals of a document and of a publication.
PLAN_IMPORT_SENTENCES = {
    "plan_import.too_large": _(
        "The file is too large (%(size)s); the limit is %(limit)s."),
    "plan_import.empty": _("The file is empty."),
    "plan_import.binary": _(
        "The file is not a text document. Upload the plan as .docx, .pdf, .html, .md or .txt."),
    "plan_import.unsupported_format": _(
        "This format (%(format)s) cannot be read. Save the document as .docx or PDF and upload "
        "it again."),
    "plan_import.unreadable": _("The %(format)s file is damaged and cannot be read."),
    "plan_import.encrypted": _("The PDF is encrypted; upload an unprotected copy."),
    "plan_import.no_text_layer": _(
        "The PDF holds no text (is it a scan?). Upload the Word document or a PDF with text."),
    "plan_import.too_long": _("The document is too long to be a plan."),
    "plan_import.not_a_plan": _(
        "This does not look like a development plan: no domain with main goals (主要目标) "
        "was found."),
    "plan_import.no_period": _(
        "The plan period was not found in the title, e.g. （2021—2025年） or “十四五”."),
    "plan_import.invalid_plan": _("The imported plan is not valid: %(problem)s"),
    "plan_document.no_goals": _("The domain %(domain)s has no numbered main goals."),
    "plan_document.duplicate_number": _(
        "The domain %(domain)s uses the number %(number)s twice."),
    "plan_import.no_file": _("Choose a plan document to upload."),
    "import.publish.invalid": _(
        "The plan cannot be published: the value at %(location)s is not valid (%(problem)s). "
        "Correct it on this page, then publish again."),
    "plan_load.indicator_has_values": _(
        "The plan cannot be published under this code: it would remove indicators that "
        "already have values (%(codes)s). Choose another plan code."),
    "plan_import.unknown": _("The document cannot be imported (%(code)s)."),
}

# The parts of a plan named in the import's change records.
CHANGED_PART = {"goal": _("Goal"), "measure": _("Measure"), "target": _("Target")}
CHANGE_KIND = {"added": _("added"), "removed": _("removed"), "changed": _("changed")}
SECTION = {"goal": _("goal"), "measure": _("measure")}
