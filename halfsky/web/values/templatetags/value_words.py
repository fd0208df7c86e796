"""Words of a value's states for the history pages (the history stores the codes)."""

from __future__ import annotations

from django import template

from halfsky.web.values.models import ValueStatus

register = template.Library()


@register.filter
def value_status_label(code: str) -> str:
    """A value's state in words; an unknown code as it is."""
    return str(ValueStatus(code).label) if code in ValueStatus.values else code
