"""Words of the reporting rounds: value checks, workflow refusals, notifications, history steps.

Codes come from ``halfsky.domain.validation`` (findings), the rounds' actions
(refusals) and the notifications; ``sentence()`` (``halfsky.web.core.text``)
turns them into the user's language.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

# The fields a message may name (``missing``, ``column``): the form's own words (分母, not
# "denominator").
FIELD_WORDS = {
    "value": _("value"), "numerator": _("numerator"), "denominator": _("denominator"),
    "indicator": _("indicator"), "area": _("area"), "year": _("year"),
    "breakdown": _("breakdown"), "source": _("source"), "note": _("note"),
    "flag": _("flag"), "explanation": _("explanation"),
}

VALUE_CHECKS = {
    "value.missing": _("A value is required (or mark it “not applicable”)."),
    "value.not_integer": _("This indicator counts people or things: enter a whole number."),
    "value.below_minimum": _("The value %(value)s is below the smallest allowed, %(minimum)s."),
    "value.above_maximum": _("The value %(value)s is above the largest allowed, %(maximum)s."),
    "value.numerator_above_denominator": _("The numerator is larger than the denominator."),
    "value.negative_count": _("A count cannot be negative (%(field)s)."),
    "value.denominator_zero": _("The denominator is zero."),
    "value.rate_mismatch": _("The value does not match numerator ÷ denominator (%(expected)s)."),
    "value.groups_do_not_add_up": _("The groups add up to %(sum)s, but the total is %(total)s."),
    "value.not_a_number": _("Enter a number."),
    "value.rate_incomplete": _("Enter both the numerator and the denominator (missing: %(missing)s)."),
    "value.not_applicable_with_value": _("A value marked “not applicable” must be left empty."),
    "value.yoy_change": _("Changed by %(change)s since last year (%(previous)s): explain why, or correct it."),
    "value.implausible": _("The value %(value)s is unusual for this indicator: explain why, or correct it."),
}

# The state of a value not yet approved, shown beside it (indicator page, chart) to those who
# work on it; everyone else sees approved values only.
UNAPPROVED_STATE = {
    "draft": _("Draft"), "submitted": _("Awaiting review"), "returned": _("Returned"),
}

WORKFLOW_REFUSALS = {
    "workflow.not_allowed": _("Your role may not do this."),
    "workflow.other_department": _("This belongs to another department."),
    "value.not_in_round": _("This value is not part of a reporting round."),
    "value.locked": _("This value is submitted or approved and cannot be changed now."),
    "value.conflict": _("Someone else saved this value meanwhile. Both versions are shown: keep yours by saving again, or take theirs."),
    "value.not_approved": _("Only approved values can be reopened."),
    "value.rate_parts": _("The value does not agree with the numerator and denominator "
                          "(they give %(computed)s): send either the value alone, or the "
                          "numerator and denominator (fields: value, numerator, denominator)."),
    "value.reason_required": _("Give the reason for reopening."),
    "task.not_editable": _("The task has been submitted already."),
    "task.has_problems": ngettext_lazy(
        "%(count)s problem must be fixed (or its warning explained) before submitting.",
        "%(count)s problems must be fixed (or warnings explained) before submitting.", "count"),
    "task.not_submitted": _("The task has not been submitted."),
    "task.not_confirmed": _("The department head has not confirmed the task yet."),
    "review.unknown_value": _("A reviewed value does not belong to this task."),
    "review.bad_decision": _("Unknown decision."),
    "review.comment_required": _("A returned value needs a comment."),
    "round.not_allowed": _("Only the coordinator opens and closes rounds."),
    "round.closed": _("The %(year)s round is closed: values can no longer be entered, submitted "
                      "or confirmed. Ask the coordinator to reopen it for a late change."),
    "round.not_closed": _("The %(year)s round is open."),
    "round.reason_required": _("Say why the round is reopened (e.g. which late change)."),
    "round.exists": _("The round for %(year)s is open already."),
    "round.year_outside_plan": _(
        "No plan is in force in %(year)s: a round collects the data years from a plan's "
        "baseline year to its end year."),
    "history.applied_already": _("This file has been imported already."),
    "history.has_problems": ngettext_lazy(
        "The file has %(count)s problem; nothing was imported.",
        "The file has %(count)s problems; nothing was imported.", "count"),
}

ROUND_NOTIFICATIONS = {
    "round.opened": _("The %(year)s reporting round is open; deadline %(deadline)s."),
    "round.closed_notice": _("The %(year)s reporting round is closed."),
    "round.reopened": _("The %(year)s reporting round was reopened: %(reason)s"),
    "task.submitted": _("%(department)s submitted its %(year)s values: please confirm."),
    "task.confirmed": _("%(department)s confirmed its %(year)s values: please review."),
    "task.returned": _("Values of %(department)s for %(year)s were returned with comments."),
    "task.approved": _("The %(year)s values of %(department)s are approved."),
    "value.reopened": _("%(indicator)s (%(year)s) was reopened for correction."),
}

# The steps of a value's history (its change log, shown on the value's page).
VALUE_STEPS = {
    "open": _("round opened"),
    "edit": _("edited"),
    "import": _("imported"),
    "upload": _("uploaded from Excel"),
    "submit": _("submitted"),
    "confirm": _("confirmed by the head"),
    "approve": _("approved"),
    "return": _("returned"),
    "reopen": _("reopened"),
    "exchange": _("received from another level"),
    "aggregate": _("summed from the townships"),
}
