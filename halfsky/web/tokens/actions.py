"""Creating, revoking and using API tokens: the only code that writes ``ApiToken`` rows."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from halfsky.web.audit.records import record
from halfsky.web.core.errors import ActionError
from halfsky.web.orgs.permissions import may
from halfsky.web.tokens.keys import issue_key
from halfsky.web.tokens.models import ApiToken, IssuedKey

# How stale ``last_used_at`` may get before a request writes it again.
USE_RESOLUTION = datetime.timedelta(minutes=1)


@transaction.atomic
def do_create_token(user: Any, name: str, actor: Any) -> tuple[ApiToken, str]:
    """A new token for ``user``, made by the user; returns the row and the key (never stored).

    Nobody makes a token for someone else: a token acts as its user.
    """
    if not may(actor, "orgs.use_site") or actor.pk != user.pk:
        raise ActionError("token.not_allowed")
    name = name.strip()[:100]
    if not name:
        raise ActionError("token.name_required")
    key, prefix, key_hash = issue_key(ApiToken.KEY_START)
    token = ApiToken.objects.create(user=user, name=name, prefix=prefix, key_hash=key_hash)
    record("token.create", "api_token", token.prefix, actor, user=user.get_username(), name=name)
    return token, key


@transaction.atomic
def do_revoke_token(token: ApiToken, actor: Any) -> ApiToken:
    """Revoke a token for good: the owner, or the administrator (nobody else touches
    another user's token)."""
    if actor is None or not may(actor, "tokens.revoke_token", token):
        raise ActionError("token.not_allowed")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        record("token.revoke", "api_token", token.prefix, actor,
               user=token.user.get_username(), name=token.name)
    return token


def note_token_use(token: IssuedKey) -> None:
    """Keep ``last_used_at`` to the minute (bookkeeping like ``last_login``; no audit record).

    For every kind of token: API tokens and the exchange's child tokens."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= USE_RESOLUTION:
        type(token)._default_manager.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
