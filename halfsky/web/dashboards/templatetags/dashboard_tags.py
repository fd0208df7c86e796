"""The words the chart code draws (legend, axis, toggles), in the page's language."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

from halfsky.web.core.text import charts
from halfsky.web.dashboards.queries import state_of
from halfsky.web.orgs.area_view import AreaView, children_words

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
def state_panel(context: template.Context, plan: Any, indicators: list[int],
                department: Any = None) -> dict[str, Any]:
    """Statuses, 达标率, open warnings (and a department's task) of a domain's or a
    department's indicators in ``plan``: ``indicators`` are the ids the page read of those
    the user may open. A department's panel names the plan (its page lists every plan's)."""
    request = context.get("request")
    return {"state": state_of(plan, indicators, getattr(request, "user", None), department),
            "department": department, "plan": plan}
