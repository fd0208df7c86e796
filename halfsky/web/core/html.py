"""HTML that table tags build in Python: every piece escaped as a template prints it."""

from __future__ import annotations

from django.utils.formats import localize
from django.utils.html import conditional_escape


def printed(x: object) -> str:
    """What ``{{ x }}`` prints: localised and escaped (text needs no localising)."""
    return conditional_escape(x if isinstance(x, str) else localize(x))
