"""The one guard of the pages: a permission of the table, or 403.

``permission_required("app.action")`` decorates a view: the permission table
(``halfsky.web.orgs.permissions``, registered with ``rules``; its backend answers
``user.has_perm``) is asked and a refused user gets 403. The guard asks the table
itself (``rules.has_perm``) rather than ``user.has_perm``: Django grants a
superuser every permission before any backend is asked, while the administrator
(a superuser) may not take a department's steps. ``check`` is the same
guard for a question about one object (a department's task, a warning …),
``deny`` the 403 for a refusal found otherwise (an action's own refusal, a page
without a plan); ``is_refusal`` tells which action error codes answer 403 (the API
and the htmx fragments answer with ``FORBIDDEN`` then). This module
imports no other web app.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from http import HTTPStatus
from typing import Any, NoReturn, TypeVar

import rules
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

V = TypeVar("V", bound=Callable[..., HttpResponse])

FORBIDDEN = HTTPStatus.FORBIDDEN

# The refusal codes of actions that mean "not yours to do" (403); an action's other
# refusals are about the state of the data (409) or what was sent (422).
REFUSALS = frozenset({"workflow.not_allowed", "workflow.other_department", "round.not_allowed",
                      "token.not_allowed", "api.no_role", "api.forbidden", "api.csrf_failed",
                      "exchange.other_area", "exchange.not_allowed", "exchange.not_a_child"})


def is_refusal(code: str) -> bool:
    return code in REFUSALS


def deny(reason: str = "") -> NoReturn:
    """Answer 403 (``reason`` is for the log, never shown)."""
    raise PermissionDenied(reason)


def may(user: Any, permission: str, subject: Any = None) -> bool:
    """The permission table's answer (also for superusers), by the permission's name."""
    return bool(rules.has_perm(permission, user, subject))


def check(user: Any, permission: str, subject: Any = None) -> None:
    """403 unless the user has ``permission`` (on ``subject``, when named)."""
    if not rules.has_perm(permission, user, subject):
        deny(permission)


def permission_required(permission: str) -> Callable[[V], V]:
    """Decorate a view: 403 unless ``request.user`` has ``permission``. The view keeps
    ``required_permission`` so that the generated table of pages can name it."""

    def decorate(view: V) -> V:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            check(request.user, permission)
            return view(request, *args, **kwargs)

        guarded.required_permission = permission  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate
