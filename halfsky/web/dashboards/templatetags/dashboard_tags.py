"""The words the chart code draws (legend, axis, toggles), in the page's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Q
from django.utils.html import json_script
from django.utils.safestring import SafeString

from halfsky.web.core.text import charts
from halfsky.web.dashboards.queries import state_of
from halfsky.web.plans.models import Indicator

register = template.Library()


@register.simple_tag
def chart_words() -> SafeString:
    return json_script(charts.chart_words(), "chart-words")


@register.inclusion_tag("dashboards/_state_panel.html", takes_context=True)
def state_panel(context: template.Context, domain: Any = None, department: Any = None
                ) -> dict[str, Any]:
    """Statuses, 达标率, open warnings (and a department's task) of a domain's or a
    department's indicators — those the user may open."""
    request = context.get("request")
    user = getattr(request, "user", None)
    rows = Indicator.objects.restrict(user).select_related("plan__region").defer("plan__document")
    if domain is not None:
        rows = rows.filter(goal__domain=domain)
    if department is not None:
        rows = rows.filter(Q(lead=department) | Q(supporting=department))
    return {"state": state_of(list(rows.distinct()), user, department), "department": department}
