"""Words of the assessment codes: statuses (with symbol and tone), engine warnings,
the steps of a warning, refusals and notifications.

The engine returns codes (``met``, ``forecast_miss`` …); they are turned into
Chinese or English here, at the web edge, when a page is rendered.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from halfsky.domain.achievement import MET_BY_VALUE

STATUS = {
    # china (the default method)
    "met": _("Met"),
    "expected_to_meet": _("Expected to meet"),
    "at_risk": _("Expected to miss"),
    "moving_away": _("Moving away"),
    "insufficient_evidence": _("Insufficient evidence"),
    "no_data": _("No data"),
    # opensdg
    "target_achieved": _("Target achieved"),
    "substantial_progress": _("Substantial progress"),
    "moderate_progress": _("Moderate progress"),
    "limited_progress": _("Limited progress"),
    "deterioration": _("Deterioration"),
    "not_available": _("Not available"),
    # unsd
    "target_met": _("Met"),
    "on_track": _("On track"),
    "acceleration_needed": _("Acceleration needed"),
    "stagnation": _("Stagnation"),
    "regression": _("Regression"),
}

# A symbol beside the colour, so that a status never depends on colour alone.
STATUS_SYMBOL = {
    "met": "✓", "target_achieved": "✓", "target_met": "✓",
    "expected_to_meet": "↗", "substantial_progress": "↗", "on_track": "↗",
    "moderate_progress": "→", "acceleration_needed": "→",
    "at_risk": "!", "limited_progress": "!", "stagnation": "!",
    "moving_away": "↘", "deterioration": "↘", "regression": "↘",
    "insufficient_evidence": "?",
    "no_data": "–", "not_available": "–",
}

# The colour class of a status (good, fair, poor, bad, unclear, none).
STATUS_TONE = {
    "met": "good", "target_achieved": "good", "target_met": "good",
    "expected_to_meet": "fair", "substantial_progress": "fair", "on_track": "fair",
    "moderate_progress": "poor", "acceleration_needed": "poor",
    "at_risk": "poor", "limited_progress": "poor", "stagnation": "poor",
    "moving_away": "bad", "deterioration": "bad", "regression": "bad",
    "insufficient_evidence": "unclear",
    "no_data": "none", "not_available": "none",
}

ENGINE_WARNING = {
    "forecast_miss": _("expected to miss the target"),
    "moving_away": _("moving away from the target"),
    "volatile": _("large fluctuation"),
    "small_numbers": _("small numbers: a swing or verdict the interval cannot support"),
    "missing": _("no value for the year"),
    MET_BY_VALUE: _("met by its value: with so few cases the interval alone cannot confirm it"),
}

# The steps of a warning's history.
WARNING_STEPS = {
    "raised": _("Raised by the assessment"),
    "raised_again": _("Found again by the assessment"),
    "resolved": _("No longer found by the assessment"),
    "answered": _("Answered by the department"),
    "accepted": _("Accepted by the coordinator"),
    "sent_back": _("Sent back by the coordinator"),
}

WARNING_SENTENCES = {
    "warning.not_allowed": _("Your role may not do this."),
    "warning.other_department": _("This warning belongs to another department."),
    "warning.not_awaiting_answer": _("This warning is not waiting for an answer."),
    "warning.answer_required": _("Write both the cause analysis and the corrective actions."),
    "warning.not_answered": _("Only an answered warning can be accepted or sent back."),
    "warning.comment_required": _("Say why the answer is sent back."),
    # notifications
    "warning.raised": ngettext_lazy(
        "The assessment of %(year)s raised %(count)s new warning for your department: please answer it.",
        "The assessment of %(year)s raised %(count)s new warnings for your department: please answer them.",
        "count"),
    "warning.answered": _("%(department)s answered the warning on %(indicator)s (%(year)s)."),
    "warning.accepted": _("The answer to the warning on %(indicator)s (%(year)s) was accepted."),
    "warning.sent_back": _("The answer to the warning on %(indicator)s (%(year)s) was sent back: see the comment."),
}
