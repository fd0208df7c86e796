"""The words the chart code draws (legend, axis, toggles), in the page's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.db.models import Q
from django.utils.html import json_script
from django.utils.safestring import SafeString

from halfsky.web.core.text import charts
from halfsky.web.dashboards.queries import state_of
from halfsky.web.orgs.area_view import AreaView, children_words
from halfsky.web.plans.models import Indicator

register = template.Library()


@register.simple_tag
def chart_words(plan: Any = None, areas: Any = None) -> SafeString:
    """The chart's words for ``plan`` (a children's plan: girls and boys) and, on a page
    of one area (``areas``: an AreaView), for the level of the areas below it (the toggle:
    乡镇, 市 …)."""
    below = areas.children_words["plural"] if isinstance(areas, AreaView) else ""
    return json_script(charts.chart_words(bool(getattr(plan, "is_children_plan", False)), below),
                       "chart-words")


@register.simple_tag
def comparison_title(plan: Any) -> str:
    """The comparison's name for the plan's region: 乡镇比较 for a county, 各市比较 for a
    province (the level of the region's direct children)."""
    return children_words(plan.region)["comparison"]


@register.inclusion_tag("dashboards/_state_panel.html", takes_context=True)
def state_panel(context: template.Context, domain: Any = None, department: Any = None
                ) -> dict[str, Any]:
    """Statuses, 达标率, open warnings (and a department's task) of a domain's or a
    department's indicators — those the user may open."""
    request = context.get("request")
    user = getattr(request, "user", None)
    # Only what state_of reads: the ids, and the first one's plan (its area, its years).
    rows = Indicator.objects.restrict(user).select_related("plan").only(
        "id", "plan__region", "plan__baseline_year", "plan__end_year")
    if domain is not None:
        rows = rows.filter(goal__domain=domain)
    if department is not None:
        rows = rows.filter(Q(lead=department) | Q(supporting=department))
    return {"state": state_of(list(rows.distinct()), user, department), "department": department}
