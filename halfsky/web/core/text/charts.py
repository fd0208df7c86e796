"""The words the chart code draws (legend, axis, toggles, separators), in the page's language."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from halfsky.web.core.text.lists import clause_separator, list_separator

# A children's plan's groups (girls and boys), where a women's plan has women and men.
CHILDREN_WORDS = {"Women": gettext_lazy("Girls"), "Men": gettext_lazy("Boys"),
                  "Gap (women − men)": gettext_lazy("Gap (girls − boys)")}


def chart_words(children: bool = False, children_areas: str = "") -> dict[str, str]:
    """The words of ``static/halfsky/charts.js``, by the English it would show.
    ``children``: a children's plan's (girls and boys); ``children_areas``: the toggle
    of the areas below the shown one (乡镇, 市 …)."""
    words = {
        "Target": _("Target"), "Target year": _("Target year"), "Forecast": _("Forecast"),
        "Forecast range": _("Forecast range"),
        "95% interval": _("95%% interval") % {},  # the msgid the assessment table uses
        "National reference": _("National reference"), "Attainment rate": _("Attainment rate"),
        "Warnings": _("Warnings"), "Indicators": _("Indicators"), "Gap": _("Gap"),
        "Women": _("Women"), "Men": _("Men"), "Gap (women − men)": _("Gap (women − men)"),
        "kind.sex": _("By sex"), "kind.urban_rural": _("Urban / rural"),
        "kind.age": _("By age band"), "kind.age_band": _("By age band"),
        "kind.township": _("Townships"), "Not yet approved": _("Not yet approved"),
        "The chart could not be loaded; the table below has the values.":
            _("The chart could not be loaded; the table below has the values."),
        "list separator": list_separator(), "clause separator": clause_separator(),
    }
    if children:
        words.update({key: str(word) for key, word in CHILDREN_WORDS.items()})
    if children_areas:
        words["kind.township"] = children_areas
    return words
