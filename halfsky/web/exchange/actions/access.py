"""Tokens a parent instance issues to its children: each may deliver one area's values only.

Keys start with ``hsx_`` (personal API tokens start with ``hs_``); only the
SHA-256 of a key is stored and the key is shown once, when it is issued.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from halfsky.web.audit.records import record
from halfsky.web.core.errors import ActionError
from halfsky.web.core.users import acting_user
from halfsky.web.exchange.models import ChildAccess
from halfsky.web.orgs.models import Area
from halfsky.web.orgs.permissions import may
from halfsky.web.tokens.actions import note_token_use
from halfsky.web.tokens.keys import issue_key


def require_admin(actor: Any) -> None:
    """Exchange settings are the coordinator's and administrator's (``None``: the CLI)."""
    if actor is not None and not may(actor, "exchange.manage_exchange"):
        raise ActionError("exchange.not_allowed")


def child_areas(region: Area) -> list[Area]:
    """The areas directly below the region: the children that deliver to it."""
    return list(Area.objects.filter(parent=region).order_by("code"))


@transaction.atomic
def do_issue_child_token(region: Area, area: Area, name: str, actor: Any
                         ) -> tuple[ChildAccess, str]:
    """A token for one child area of ``region``; returns the row and the key (never stored)."""
    require_admin(actor)
    if area.parent_id != region.pk:
        raise ActionError("exchange.not_a_child", area=area.name, region=region.name)
    name = name.strip()[:100] or area.name
    key, prefix, key_hash = issue_key(ChildAccess.KEY_START)
    access = ChildAccess.objects.create(area=area, name=name, prefix=prefix, key_hash=key_hash,
                                        created_by=acting_user(actor))
    record("exchange.token_issue", "exchange_token", access.prefix, actor, area=area.code,
           name=name)
    return access, key


@transaction.atomic
def do_revoke_child_token(access: ChildAccess, actor: Any) -> ChildAccess:
    require_admin(actor)
    access = ChildAccess.objects.select_for_update().get(pk=access.pk)
    if access.revoked_at is None:
        access.revoked_at = timezone.now()
        access.save(update_fields=["revoked_at"])
        record("exchange.token_revoke", "exchange_token", access.prefix, actor,
               area=access.area.code)
    return access


def access_for_key(key: str) -> ChildAccess | None:
    """The unrevoked child token with this key, or None."""
    access = ChildAccess.unrevoked_with_key(key.strip()).select_related("area").first()
    if access is not None:
        note_token_use(access)
    return access

