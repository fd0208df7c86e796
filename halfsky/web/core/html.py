"""HTML that table tags build in Python: every piece escaped as a template prints it."""

from __future__ import annotations

from django.conf import settings
from django.utils.formats import localize
from django.utils.html import conditional_escape


def printed(x: object) -> str:
    """What ``{{ x }}`` prints: localised and escaped (text needs no localising; a whole
    number, without thousands separators, is its digits — a table prints hundreds)."""
    if isinstance(x, str):
        return conditional_escape(x)
    if type(x) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(x)
    return conditional_escape(localize(x))
