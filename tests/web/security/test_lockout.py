"""Five failed logins lock the account and the source for 15 minutes; the administrator unlocks."""

from __future__ import annotations

import pytest
from django.test import Client

from halfsky.web.audit.models import AuditEvent

PASSWORD = "halfsky-demo"


def fail(client: Client, username: str, times: int) -> None:
    for _ in range(times):
        response = client.post("/login/", {"username": username, "password": "wrong-password"})
        assert response.status_code in (200, 429)


@pytest.mark.django_db
def test_five_failures_lock_the_account_and_say_so_in_chinese() -> None:
    client = Client()
    fail(client, "viewer", 4)
    assert client.post("/login/", {"username": "viewer", "password": PASSWORD}).status_code == 302
    client.logout()
    fail(client, "viewer", 5)
    # Now even the right password is refused, and the page says why.
    response = client.post("/login/", {"username": "viewer", "password": PASSWORD})
    assert response.status_code == 429
    page = response.content.decode()
    assert "登录失败次数过多" in page and "15 分钟" in page
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="security.lockout", object_key="viewer").exists()
    assert AuditEvent.objects.filter(action="security.login_failed",
                                     object_key="viewer").count() >= 9


@pytest.mark.django_db
def test_the_source_address_is_locked_too() -> None:
    client = Client(REMOTE_ADDR="10.0.0.9")
    for username in ("nobody1", "nobody2", "nobody3", "nobody4", "nobody5"):
        fail(client, username, 1)
    assert client.post("/login/", {"username": "leader", "password": PASSWORD}).status_code == 429
    other_office = Client(REMOTE_ADDR="10.0.0.10")
    assert other_office.post("/login/", {"username": "leader",
                                         "password": PASSWORD}).status_code == 302


@pytest.mark.django_db
def test_the_administrator_sees_the_lockout_and_unlocks_it(login) -> None:
    client = Client(REMOTE_ADDR="10.0.0.7")
    fail(client, "health_reporter", 5)
    admin = login("admin")
    page = admin.get("/security/lockouts/").content.decode()
    assert 'data-lockout="health_reporter"' in page and 'data-lockout="10.0.0.7"' in page

    response = admin.post("/security/lockouts/unlock/",
                          {"kind": "account", "value": "health_reporter"})
    assert response.status_code == 302
    admin.post("/security/lockouts/unlock/", {"kind": "address", "value": "10.0.0.7"})
    page = admin.get("/security/lockouts/").content.decode()
    assert "data-lockout=" not in page
    assert client.post("/login/", {"username": "health_reporter",
                                   "password": PASSWORD}).status_code == 302
    assert AuditEvent.objects.filter(action="security.unlock", object_key="health_reporter",
                                     actor__username="admin").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["coordinator", "viewer"])
def test_only_the_administrator_opens_the_security_pages(login, username: str) -> None:
    client = login(username)
    assert client.get("/security/lockouts/").status_code == 403
    assert client.get("/security/audit/").status_code == 403
    assert client.post("/security/lockouts/unlock/",
                       {"kind": "account", "value": "x"}).status_code == 403
