"""How the API knows who calls: a personal token, or the browser's session (with CSRF).

A caller without a role is refused (403 ``api.no_role``) here, before the
request's parameters and body are read: permission is asked before input is parsed.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from halfsky.web.core.access import may
from halfsky.web.core.errors import ActionError
from halfsky.web.tokens.queries import user_for_key


def with_role(user: Any) -> Any:
    if not may(user, "orgs.use_site"):
        raise ActionError("api.no_role")
    return user


class TokenAuth(HttpBearer):
    """``Authorization: Bearer <token>``: the token's user, with exactly that user's rights."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_key(token)
        if user is not None:
            request.user = user
            with_role(user)
        return user


class BrowserSession(SessionAuth):
    """The logged-in browser; unsafe methods need the CSRF token (``X-CSRFToken``).

    A request that sends an ``Authorization`` header is judged by that header
    alone, so a bad token is refused even beside a session cookie.
    """

    def __call__(self, request: HttpRequest) -> Any | None:
        if "Authorization" in request.headers or not request.user.is_authenticated:
            return None
        user = super().__call__(request)
        return with_role(user) if user is not None else None
