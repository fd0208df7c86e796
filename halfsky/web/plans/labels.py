"""Words for the plan model's codes (polarity, period, cadence, breakdowns)."""

from django.utils.translation import gettext_lazy as _

from halfsky.web.plans.target_words import DISAGGREGATION_NAMES, GROUP_NAMES

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


def breakdown_label(breakdown: str) -> str:
    """'sex=female' → '女性'; '' → ''."""
    if not breakdown:
        return ""
    _dimension, _sep, value = breakdown.partition("=")
    return str(GROUP_NAMES.get(value, value))


__all__ = ["CADENCE", "DISAGGREGATION_NAMES", "PERIOD", "POLARITY", "breakdown_label"]
