"""Who acts: the user a change is recorded under."""

from __future__ import annotations

from typing import Any


def acting_user(actor: Any) -> Any:
    """The user to store as the author of a change: None for the command line or a machine."""
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None
