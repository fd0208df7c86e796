"""Turning a message code and its parameters into a sentence of the user's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def format_sentence(templates: Mapping[str, Any], code: str,
                    params: Mapping[str, Any] | None = None) -> str:
    """The translated template for ``code`` filled with ``params``; the code if unknown.

    A template whose parameters are missing is shown unfilled rather than failing.
    """
    template = templates.get(code)
    if template is None:
        return code
    try:
        return str(template) % dict(params or {})
    except (KeyError, TypeError, ValueError):
        return str(template)
