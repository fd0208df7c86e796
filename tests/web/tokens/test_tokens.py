"""Personal API tokens: made on a page and shown once, stored hashed, revocable, and nothing more
than their user; the browser's session works too, with CSRF."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from halfsky.web.audit.models import AuditEvent
from halfsky.web.tokens.actions import do_create_token
from halfsky.web.tokens.models import ApiToken
from halfsky.web.values.models import Round

KEY = re.compile(r"data-token-key>(hs_[A-Za-z0-9_-]+)<")


def user(username: str) -> Any:
    return get_user_model().objects.get(username=username)


def bearer(key: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    return client


def create_on_the_page(client: Client, name: str = "统计脚本") -> str:
    page = client.post("/tokens/", {"name": name})
    assert page.status_code == 200
    found = KEY.search(page.content.decode())
    assert found, page.content.decode()[:3000]
    return found.group(1)


def test_a_token_is_shown_once_and_stored_only_as_a_hash(login: Any) -> None:
    client = login("health_reporter")
    response = client.post("/tokens/", {"name": "统计脚本"})
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    key = create_on_the_page(client, "第二个")
    token = ApiToken.objects.get(name="第二个")
    assert token.user.username == "health_reporter"
    assert token.key_hash == hashlib.sha256(key.encode()).hexdigest()
    assert token.prefix == key[:11] and len(key) > 40
    stored = json.dumps(list(ApiToken.objects.values()), default=str)
    audit = json.dumps(list(AuditEvent.objects.values("details")), default=str)
    assert key not in stored and key not in audit
    assert AuditEvent.objects.filter(action="token.create", object_key=token.prefix).exists()
    again = client.get("/tokens/").content.decode()
    assert key not in again and token.prefix in again and "第二个" in again


def test_a_token_acts_as_its_user_and_notes_its_use(login: Any) -> None:
    key = create_on_the_page(login("health_head"))
    response = bearer(key).get("/api/me")
    assert response.status_code == 200
    assert response.json()["username"] == "health_head"
    assert response.json()["department"] == "health"
    assert ApiToken.objects.get().last_used_at is not None


@pytest.mark.parametrize("header", [
    None, "Bearer ", "Bearer hs_not-a-real-token-0000000000000000000000000",
    "Bearer garbage", "Token hs_abc", "Basic aGVhbHRoX3JlcG9ydGVyOmhhbGZza3ktZGVtbw=="])
def test_a_missing_or_bad_token_is_401(db: None, header: str | None) -> None:
    client = Client(enforce_csrf_checks=True)
    if header is not None:
        client.defaults["HTTP_AUTHORIZATION"] = header
    for response in (client.get("/api/me"), client.get("/api/rounds"),
                     client.post("/api/rounds", "{}", content_type="application/json")):
        assert response.status_code == 401
        assert response.json()["code"] == "api.unauthorized" and response.json()["message"]
        assert response["WWW-Authenticate"] == "Bearer"


def test_a_revoked_token_is_401(login: Any) -> None:
    client = login("health_reporter")
    key = create_on_the_page(client)
    assert bearer(key).get("/api/me").status_code == 200
    token = ApiToken.objects.get()
    assert client.post(f"/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(key).get("/api/me").status_code == 401
    assert AuditEvent.objects.filter(action="token.revoke", object_key=token.prefix).exists()
    assert "撤销" in client.get("/tokens/").content.decode()


def test_nobody_else_revokes_a_token_on_the_page(login: Any) -> None:
    key = create_on_the_page(login("health_reporter"))
    token = ApiToken.objects.get()
    assert login("education_reporter").post(f"/tokens/{token.pk}/revoke/").status_code == 404
    assert bearer(key).get("/api/me").status_code == 200


def test_an_inactive_users_token_is_401(db: None) -> None:
    owner = user("viewer")
    _token, key = do_create_token(owner, "x", owner)
    owner.is_active = False
    owner.save()
    assert bearer(key).get("/api/me").status_code == 401


def test_a_user_without_a_role_gets_no_token(login: Any) -> None:
    assert login("stranger").get("/tokens/").status_code == 403
    assert login("stranger").post("/tokens/", {"name": "x"}).status_code == 403
    assert not ApiToken.objects.exists()
    stranger = Client()
    stranger.force_login(user("stranger"))
    response = stranger.get("/api/me")
    assert response.status_code == 403 and response.json()["code"] == "api.no_role"


def test_a_bad_token_is_refused_even_beside_a_session(login: Any) -> None:
    client = login("coordinator")
    response = client.get("/api/me", HTTP_AUTHORIZATION="Bearer hs_wrong-wrong-wrong-wrong-wrong")
    assert response.status_code == 401


def test_the_session_works_and_needs_csrf_for_changes(db: None) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user("coordinator"))
    assert client.get("/api/me").json()["role"] == "coordinator"
    body = json.dumps({"year": 2025, "deadline": "2099-01-01"})
    refused = client.post("/api/rounds", body, content_type="application/json")
    assert refused.status_code == 403 and refused.json()["code"] == "api.csrf_failed"
    assert not Round.objects.exists()
    client.get("/tokens/")  # any page with a form sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value
    opened = client.post("/api/rounds", body, content_type="application/json",
                         HTTP_X_CSRFTOKEN=csrf)
    assert opened.status_code == 201, opened.content.decode()
    assert Round.objects.filter(year=2025).exists()


def test_the_administrator_sees_and_revokes_tokens_in_the_admin(login: Any) -> None:
    owner = user("health_reporter")
    token, key = do_create_token(owner, "脚本", owner)
    admin = login("admin")
    page = admin.get("/admin/tokens/apitoken/")
    assert page.status_code == 200 and token.prefix in page.content.decode()
    assert admin.get("/admin/tokens/apitoken/add/").status_code == 403
    admin.post("/admin/tokens/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert bearer(key).get("/api/me").status_code == 401


def test_the_token_link_is_in_the_top_bar(login: Any) -> None:
    assert 'href="/tokens/"' in login("viewer").get("/departments/").content.decode()


def test_only_the_owner_or_administrator_revokes_a_token(db) -> None:
    from django.contrib.auth import get_user_model

    from halfsky.web.core.errors import ActionError
    from halfsky.web.tokens.actions import do_create_token, do_revoke_token

    users = get_user_model().objects
    owner = users.get(username="viewer")
    token, _ = do_create_token(owner, "脚本", owner)
    with pytest.raises(ActionError):  # an admin role for its validation rules, not for tokens
        do_revoke_token(token, users.get(username="statistics"))
    with pytest.raises(ActionError):  # others' tokens are the administrator's (issue 15)
        do_revoke_token(token, users.get(username="coordinator"))
    assert do_revoke_token(token, users.get(username="admin")).is_revoked
