"""Child tokens and API tokens share one base: issued once, hashed, found only by their own key."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from halfsky.web.exchange.actions.access import (
    access_for_key,
    do_issue_child_token,
    do_revoke_child_token,
)
from halfsky.web.exchange.models import ChildAccess
from halfsky.web.orgs.models import Area
from halfsky.web.tokens.actions import do_create_token
from halfsky.web.tokens.keys import hash_key
from halfsky.web.tokens.models import ApiToken, IssuedKey
from halfsky.web.tokens.queries import user_for_key


def test_a_child_key_is_stored_as_its_hash_and_noted_when_used(city) -> None:
    access, key = do_issue_child_token(city.region, Area.objects.get(code="141028"), "吉县", None)
    assert key.startswith("hsx_") and access.prefix == key[:12]
    assert access.key_hash == hash_key(key) and key not in str(access.__dict__)
    assert access_for_key(f" {key} ") == access
    access.refresh_from_db()
    assert access.last_used_at is not None
    do_revoke_child_token(access, None)
    assert access_for_key(key) is None


def test_a_key_opens_only_its_own_kind_of_token(city) -> None:
    coordinator = get_user_model().objects.get(username="coordinator")
    _token, api_key = do_create_token(coordinator, "脚本", coordinator)
    _access, child_key = do_issue_child_token(city.region, Area.objects.get(code="141028"),
                                              "吉县", None)
    assert user_for_key(api_key) == coordinator and access_for_key(api_key) is None
    assert access_for_key(child_key) is not None and user_for_key(child_key) is None
    assert issubclass(ApiToken, IssuedKey) and issubclass(ChildAccess, IssuedKey)
