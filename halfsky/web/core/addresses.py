"""Page addresses, remembered: ``reverse`` answers each (page, arguments) once per process.

Django's ``reverse`` costs about 50 µs (the resolver's namespaces and patterns, several
thread-local look-ups of the language, the URL configuration and the script prefix); a
table of 60 indicators with a link each spent several milliseconds of its page on it.
An address depends only on the page's name, its arguments, the URL configuration and the
script prefix — HalfSky's addresses are the same in every language (no translated paths)
— so the answer is kept, keyed by all four. Arguments other than text and whole numbers
(model instances, floats, booleans) go to Django's ``reverse`` each time, as does a name
that is no page (``NoReverseMatch`` is raised again every time, never kept).

Every ``{% url %}`` of the templates uses it: the ``url`` tag of ``templatetags.addresses``
is a built-in of the template engine (settings ``TEMPLATES``), replacing Django's own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.urls import reverse as django_reverse

# Enough for every link of a province set's pages (indicators × areas × plans).
KEPT = 20_000


def _keyable(value: Any) -> bool:
    return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))


@lru_cache(maxsize=KEPT)
def _reversed(viewname: str, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...],
              current_app: str | None, urlconf: Any, prefix: str) -> str:
    # The prefix is part of the key: django_reverse reads the same one (get_script_prefix).
    return django_reverse(viewname, urlconf=urlconf, args=args, kwargs=dict(kwargs),
                          current_app=current_app)


def reverse(viewname: Any, args: Sequence[Any] | None = None,
            kwargs: Mapping[str, Any] | None = None, current_app: str | None = None) -> str:
    """Django's ``reverse`` (without ``urlconf``, ``query``, ``fragment``), remembered."""
    arguments = tuple(args or ())
    named = tuple(sorted((kwargs or {}).items()))
    if (isinstance(viewname, str) and all(_keyable(a) for a in arguments)
            and all(_keyable(v) for _, v in named)):
        return _reversed(viewname, arguments, named, current_app,
                         get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    return django_reverse(viewname, args=arguments, kwargs=dict(named), current_app=current_app)
