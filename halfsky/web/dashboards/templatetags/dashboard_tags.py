"""The words the chart code draws (legend, axis, toggles), in the page's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Q
from django.utils.html import json_script
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from halfsky.web.dashboards.queries import state_of
from halfsky.web.plans.models import Indicator

register = template.Library()


@register.simple_tag
def chart_words() -> SafeString:
    words = {
        "Target": _("Target"), "Target year": _("Target year"), "Forecast": _("Forecast"),
        "Forecast range": _("Forecast range"),
        "95% interval": _("95%% interval") % {},  # the msgid the assessment table uses
        "National reference": _("National reference"), "Attainment rate": _("Attainment rate"),
        "Warnings": _("Warnings"), "Indicators": _("Indicators"), "County": _("County"), "Gap": _("Gap"),
        "Women": _("Women"), "Men": _("Men"), "Gap (women − men)": _("Gap (women − men)"),
        "kind.sex": _("By sex"), "kind.urban_rural": _("Urban / rural"),
        "kind.age": _("By age band"), "kind.township": _("Townships"),
        "The chart could not be loaded; the table below has the values.":
            _("The chart could not be loaded; the table below has the values."),
    }
    return json_script(words, "chart-words")


@register.inclusion_tag("dashboards/_state_panel.html", takes_context=True)
def state_panel(context: template.Context, domain: Any = None, department: Any = None
                ) -> dict[str, Any]:
    """Statuses, 达标率, open warnings (and a department's task) of a domain's or a
    department's indicators — those the user may open."""
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = Indicator.objects.restrict(user).select_related("plan__region")
    if domain is not None:
        rows = rows.filter(goal__domain=domain)
    if department is not None:
        rows = rows.filter(Q(lead=department) | Q(supporting=department))
    return {"state": state_of(list(rows.distinct()), user, department), "department": department}
