"""Template helpers of the assessment pages: status badges, numbers, the warning banner."""

from __future__ import annotations

import math
from typing import Any

from django import template
from django.utils.html import format_html

from halfsky.web.assessments.models import AssessmentMethod
from halfsky.web.assessments.queries import banner
from halfsky.web.core.text import assessment as labels
from halfsky.web.core.text import join_clauses
from halfsky.web.core.text.targets import number

register = template.Library()


@register.simple_tag
def status_badge(code: str) -> str:
    """The status in colour AND words (a symbol too): never colour alone."""
    return format_html(
        '<span class="status tone-{}" data-status="{}"><span aria-hidden="true">{}</span> {}</span>',
        labels.STATUS_TONE.get(code, "none"), code, labels.STATUS_SYMBOL.get(code, "·"),
        labels.STATUS.get(code, code))


@register.filter
def status_label(code: str) -> str:
    return str(labels.STATUS.get(code, code))


@register.filter
def method_label(code: str) -> str:
    return str(dict(AssessmentMethod.choices).get(code, code))


@register.filter
def engine_warnings(codes: list[str]) -> str:
    return join_clauses(labels.ENGINE_WARNING.get(c, c) for c in codes or [])


@register.filter
def step_label(action: str) -> str:
    return str(labels.WARNING_STEPS.get(action, action))


@register.filter
def value(x: Any, decimals: int = 2) -> str:
    """A figure rounded for reading: 78.1266 → 78.13; None or NaN → ''."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return ""
    return number(round(float(x), int(decimals)))


@register.filter
def percent(ratio: Any) -> str:
    """0.456 → 45.6%; None → ''."""
    if ratio is None or (isinstance(ratio, float) and math.isnan(ratio)):
        return ""
    return f"{number(round(float(ratio) * 100, 1))}%"


@register.inclusion_tag("assessments/_warning_banner.html", takes_context=True)
def warning_banner(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    plan = context.get("plan")
    return {"banner": banner(user, plan) if user is not None and plan is not None else {}}
