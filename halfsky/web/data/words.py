"""Sentences for the codes of validation findings, workflow errors and notifications."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from halfsky.web.exchange.words import SENTENCES as EXCHANGE_SENTENCES
from halfsky.web.sentences import format_sentence

SENTENCES = {
    # validation findings (halfsky.domain.validation)
    "value.missing": _("A value is required (or mark it “not applicable”)."),
    "value.not_integer": _("This indicator counts people or things: enter a whole number."),
    "value.below_minimum": _("The value %(value)s is below the smallest allowed, %(minimum)s."),
    "value.above_maximum": _("The value %(value)s is above the largest allowed, %(maximum)s."),
    "value.numerator_above_denominator": _("The numerator is larger than the denominator."),
    "value.negative_count": _("A count cannot be negative."),
    "value.denominator_zero": _("The denominator is zero."),
    "value.rate_mismatch": _("The value does not match numerator ÷ denominator (%(expected)s)."),
    "value.groups_do_not_add_up": _("The groups add up to %(sum)s, but the total is %(total)s."),
    "value.not_a_number": _("Enter a number."),
    "value.rate_incomplete": _("Enter both the numerator and the denominator (missing: %(missing)s)."),
    "value.not_applicable_with_value": _("A value marked “not applicable” must be left empty."),
    "value.yoy_change": _("Changed by %(change)s since last year (%(previous)s): explain why, or correct it."),
    "value.implausible": _("The value %(value)s is unusual for this indicator: explain why, or correct it."),
    # workflow refusals (halfsky.web.data.actions)
    "workflow.not_allowed": _("Your role may not do this."),
    "workflow.other_department": _("This belongs to another department."),
    "value.not_in_round": _("This value is not part of a reporting round."),
    "value.locked": _("This value is submitted or approved and cannot be changed now."),
    "value.conflict": _("Someone else saved this value meanwhile. Both versions are shown: keep yours by saving again, or take theirs."),
    "value.not_approved": _("Only approved values can be reopened."),
    "value.reason_required": _("Give the reason for reopening."),
    "task.not_editable": _("The task has been submitted already."),
    "task.has_problems": _("%(count)s problems must be fixed (or warnings explained) before submitting."),
    "task.not_submitted": _("The task has not been submitted."),
    "task.not_confirmed": _("The department head has not confirmed the task yet."),
    "review.unknown_value": _("A reviewed value does not belong to this task."),
    "review.bad_decision": _("Unknown decision."),
    "review.comment_required": _("A returned value needs a comment."),
    "round.not_allowed": _("Only the coordinator opens and closes rounds."),
    "round.exists": _("The round for %(year)s is open already."),
    "round.year_outside_plan": _("%(year)s is outside the plan period %(start)s–%(end)s."),
    "history.applied_already": _("This file has been imported already."),
    "history.has_problems": _("The file has %(count)s problems; nothing was imported."),
    # API tokens (halfsky.web.tokens) and API refusals (halfsky.web.api_support)
    "token.not_allowed": _("Only the token's own user (or an administrator) may do this."),
    "token.name_required": _("Give the token a name."),
    "api.unauthorized": _("Log in, or send a valid API token in the header “Authorization: Bearer …”."),
    "api.no_role": _("Your account has no role yet: ask the administrator."),
    "api.forbidden": _("You may not open this."),
    "api.not_found": _("Not found."),
    "api.invalid": _("The request is not valid; see “errors” for each problem."),
    "api.csrf_failed": _("The security token (CSRF) is missing or expired: reload the page."),
    "api.error": _("The request was refused (%(detail)s)."),
    # notifications
    "round.opened": _("The %(year)s reporting round is open; deadline %(deadline)s."),
    "task.submitted": _("%(department)s submitted its %(year)s values: please confirm."),
    "task.confirmed": _("%(department)s confirmed its %(year)s values: please review."),
    "task.returned": _("Values of %(department)s for %(year)s were returned with comments."),
    "task.approved": _("The %(year)s values of %(department)s are approved."),
    "value.reopened": _("%(indicator)s (%(year)s) was reopened for correction."),
    "warning.raised": _("The assessment of %(year)s raised %(count)s new warnings for your department: please answer them."),
    "warning.answered": _("%(department)s answered the warning on %(indicator)s (%(year)s)."),
    "warning.accepted": _("The answer to the warning on %(indicator)s (%(year)s) was accepted."),
    "warning.sent_back": _("The answer to the warning on %(indicator)s (%(year)s) was sent back: see the comment."),
    "year_report.submitted": _("%(department)s submitted its yearly report for %(year)s: please read it."),
    "year_report.returned": _("The yearly report of %(department)s for %(year)s was returned with a comment."),
    **EXCHANGE_SENTENCES,
}


def sentence(code: str, params: Mapping[str, Any] | None = None) -> str:
    return format_sentence(SENTENCES, code, params)
