"""Words of the plan: its codes (polarity, period, cadence, groups, breakdowns) and the
plan import's refusals and change records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext, pgettext_lazy

from halfsky.domain import breakdowns
from halfsky.web.core.text.lists import join_words

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

# A children's plan says girls and boys (女童, 男童) where a women's plan says women and men.
CHILDREN_GROUP_NAMES = {
    "female": _("girls"),
    "male": _("boys"),
}

# A plan's short name, by whom it is about: 妇女 2021–2025, 儿童 2021–2025.
SUBJECT_NAMES = {
    "women": pgettext_lazy("a plan's short name", "Women"),
    "children": pgettext_lazy("a plan's short name", "Children"),
}


def short_plan_name(subject: str | None, start_year: int, end_year: int, title: str,
                    region: str = "") -> str:
    """'妇女 2021–2025' ('Women 2021–2025'): whom the plan is about and its period, for a
    narrow place (the top bar's chooser); with ``region`` when plans of several regions share
    it ('山西省 妇女 2021–2025'). A plan whose title names neither (or both) keeps its title."""
    period = f"{start_year}–{end_year}"
    if subject not in SUBJECT_NAMES:
        return f"{period} {title}"
    name = f"{SUBJECT_NAMES[subject]} {period}"
    return f"{region} {name}" if region else name


DISAGGREGATION_NAMES = {
    "sex": _("sex"),
    "urban_rural": _("urban/rural"),
    "age_band": _("age band"),
    "township": _("township"),
}


def value_label(dimension: str, value: str, children: bool = False) -> str:
    """One part of a breakdown: 'female' → '女性' ('女童' in a children's plan), an age
    band '15-49' → '15-49岁'."""
    if dimension == breakdowns.AGE_BAND:
        return str(_("aged %(band)s")) % {"band": value}
    if children and value in CHILDREN_GROUP_NAMES:
        return str(CHILDREN_GROUP_NAMES[value])
    return str(GROUP_NAMES.get(value, value))


def breakdown_label(breakdown: str, children: bool = False) -> str:
    """'sex=female' → '女性'; 'sex=female;urban_rural=rural' → '女性 · 农村' ('women, rural'
    in English); '' → ''. ``children``: the words of a children's plan (女童, 'girls').

    A breakdown that cannot be read is shown as it is written."""
    try:
        pairs = breakdowns.parse(breakdown)
    except breakdowns.BreakdownError:
        return breakdown
    return breakdown_separator().join(value_label(d, v, children) for d, v in pairs)


def group_label(group: str, children: bool = False) -> str:
    """A gap target's group: a value of one dimension ('rural' → '农村') or a whole
    breakdown ('sex=female;urban_rural=rural' → '女性 · 农村')."""
    if "=" in group:
        return breakdown_label(group, children)
    return value_label("", group, children)


def breakdown_separator() -> str:
    """Between the parts of a crossed breakdown: '女性 · 农村' in Chinese, 'women, rural' in
    English."""
    return pgettext("between the parts of a breakdown", ", ")


def combination_label(combination: Sequence[str]) -> str:
    """('sex', 'urban_rural') → '性别 × 城乡'."""
    return pgettext("between crossed dimensions", " × ").join(
        str(DISAGGREGATION_NAMES.get(d, d)) for d in combination)


def disaggregation_labels(entries: Sequence[str | Sequence[str]]) -> str:
    """A stored ``disaggregations`` list in words: '性别、性别 × 城乡'."""
    return join_words(DISAGGREGATION_NAMES.get(e, e) if isinstance(e, str)
                      else combination_label(e) for e in entries)


BREAKDOWN_SENTENCES = {
    breakdowns.UNKNOWN_DIMENSION: _("The breakdown %(breakdown)s names an unknown dimension "
                                    "(%(dimension)s)."),
    breakdowns.UNKNOWN_VALUE: _("The breakdown %(breakdown)s has an unknown value of "
                                "%(dimension)s (%(value)s)."),
    breakdowns.REPEATED_DIMENSION: _("The breakdown %(breakdown)s names %(dimension)s twice."),
    breakdowns.MALFORMED: _("The breakdown %(breakdown)s is not written as dimension=value "
                            "pairs joined by ';'."),
    breakdowns.NOT_DECLARED: _("The indicator is not broken down by the dimensions of "
                               "%(breakdown)s."),
}


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
    "plan_import.no_file": _("Choose a plan document to upload."),
    "import.publish.invalid": _(
        "The plan cannot be published: the value at %(location)s is not valid (%(problem)s). "
        "Correct it on this page, then publish again."),
    "plan_load.indicator_has_values": _(
        "The plan cannot be published under this code: it would remove indicators that "
        "already have values (%(codes)s). Choose another plan code."),
    "plan_load.unknown_series_link": _(
        "Indicator %(indicator)s is declared the same series as %(linked)s of plan %(plan)s, "
        "but this instance has no such plan or indicator. Load that plan first."),
    "plan_load.series_link_unit": _(
        "Indicator %(indicator)s (%(unit)s) cannot share the series of an indicator measured "
        "in %(linked_unit)s."),
    "plan_load.series_link_has_values": _(
        "Indicator %(indicator)s already has values of its own; it cannot now share another "
        "plan's series."),
    "plan_import.unknown": _("The document cannot be imported (%(code)s)."),
    "successor.bad_file": _(
        "The plan file cannot be read (%(problem)s at %(location)s); check it with "
        "“halfsky plan show FILE”."),
    "import.bad_series_link": _(
        "Indicator %(indicator)s can only share the series of another plan's indicator "
        "measured in the same unit."),
}

# The parts of a plan named in the import's change records.
CHANGED_PART = {"goal": _("Goal"), "measure": _("Measure"), "target": _("Target")}
CHANGE_KIND = {"added": _("added"), "removed": _("removed"), "changed": _("changed")}
SECTION = {"goal": _("goal"), "measure": _("measure")}

# Problems of an import (formats/plan_import/problems.py): what happened and what to do.
IMPORT_PROBLEMS = {
    "duplicate_number": _(
        "The number %(number)s repeats the item before; its words were added to item "
        "%(previous)s. Check the numbering against the document."),
    "unreadable_target": _(
        "“%(text)s” has a number but no target was read from it. Add the target here, or "
        "confirm that it states none."),
    "year_outside_period": _(
        "The target year %(year)s lies outside the plan period %(start)s–%(end)s; %(end)s was "
        "used. Check the target's year."),
    "no_goals": _(
        "No numbered main goals were read for the domain %(domain)s. Check that the document "
        "numbers its goals."),
    "unknown_department": _(
        "“%(name)s” is not among the usual member units; it was added as a new department. "
        "Check its name, or choose an existing department."),
    "invalid_target": _(
        "The target read from “%(text)s” cannot be stored in a plan and was left out. Add it "
        "here by hand."),
    "unmatched_row": _(
        "The responsibility table's “%(text)s” matches no goal of the text; it was added as "
        "goal %(number)s of %(domain)s. Check it."),
}
LEFT_OUT = {"furniture": _("page furniture"),
            "page_number": _("page number"),
            "running_header": _("running header"),
            "hyphen": _("hyphen at a line end")}


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
    template = IMPORT_PROBLEMS.get(str(problem.get("code")))
    if template is None:
        return _("“%(text)s” needs checking.") % values
    try:
        return str(template) % values
    except (KeyError, TypeError, ValueError):
        return str(template)
