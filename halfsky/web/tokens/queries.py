"""Finding the user behind a key, and a user's own tokens."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from halfsky.web.tokens.actions import note_token_use
from halfsky.web.tokens.models import ApiToken


def user_for_key(key: str) -> Any | None:
    """The active user whose unrevoked token has this key, or None."""
    token = ApiToken.unrevoked_with_key(key.strip()).select_related("user").first()
    if token is None or not token.user.is_active:
        return None
    note_token_use(token)
    return token.user


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
