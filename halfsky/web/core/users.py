"""Who acts: the user a change is recorded under."""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

# The user of the request being served (set by ``halfsky.web.middleware.RequestUserMiddleware``):
# the author of changes recorded by signal receivers, which are not told who acts.
_request_user: ContextVar[Any] = ContextVar("halfsky_request_user", default=None)


def acting_user(actor: Any) -> Any:
    """The user to store as the author of a change: None for the command line or a machine."""
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def request_user() -> Any:
    """The logged-in user of the request being served; None outside a request."""
    return acting_user(_request_user.get())


def set_request_user(user: Any) -> Any:
    """Remember the request's user; returns the token that ``reset_request_user`` takes."""
    return _request_user.set(user)


def reset_request_user(token: Any) -> None:
    _request_user.reset(token)
