"""The words the chart code draws (legend, axis, toggles), in the page's language."""

from __future__ import annotations

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

register = template.Library()


@register.simple_tag
def chart_words() -> SafeString:
    words = {
        "Target": _("Target"), "Target year": _("Target year"), "Forecast": _("Forecast"),
        "Forecast range": _("Forecast range"),
        "95% interval": _("95%% interval") % {},  # the msgid the assessment table uses
        "National reference": _("National reference"), "Attainment rate": _("Attainment rate"),
        "Warnings": _("Warnings"), "County": _("County"), "Gap": _("Gap"),
        "Women": _("Women"), "Men": _("Men"), "Gap (women − men)": _("Gap (women − men)"),
        "kind.sex": _("By sex"), "kind.urban_rural": _("Urban / rural"),
        "kind.age": _("By age band"), "kind.township": _("Townships"),
        "The chart could not be loaded; the table below has the values.":
            _("The chart could not be loaded; the table below has the values."),
    }
    return json_script(words, "chart-words")
