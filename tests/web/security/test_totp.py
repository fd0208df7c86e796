"""The optional second factor (HALFSKY_TOTP) of the administrator and the coordinator."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from halfsky.web.audit.models import AuditEvent

PASSWORD = "halfsky-demo"


def code_for(key: str) -> str:
    """The code an authenticator app shows now for this key."""
    return f"{totp(b32decode(key)):06d}"


def start_afresh() -> None:
    """The device slows down after a wrong code and refuses a code used once: reset it."""
    TOTPDevice.objects.filter(user__username="admin").update(
        throttling_failure_count=0, throttling_failure_timestamp=None, last_t=-1)


def logged_in(username: str) -> Client:
    client = Client()
    assert client.post("/login/", {"username": username, "password": PASSWORD}).status_code == 302
    return client


@pytest.mark.django_db
def test_off_by_default_nobody_is_asked_for_a_code() -> None:
    assert logged_in("admin").get("/departments/").status_code == 200


@pytest.mark.django_db
def test_the_administrator_enrols_then_gives_a_code_at_each_login(settings) -> None:
    settings.HALFSKY_TOTP = True
    client = logged_in("admin")
    response = client.get("/departments/")
    assert response.status_code == 302 and response.url.startswith("/security/totp/enrol/")
    page = client.get(response.url).content.decode()
    key = re.search(r"<code data-totp-key>([A-Z2-7]+)</code>", page).group(1)
    assert "<svg" in page  # the QR code to scan

    refused = client.post("/security/totp/enrol/", {"code": "000000"}).content.decode()
    assert 'role="alert"' in refused
    start_afresh()
    assert client.post("/security/totp/enrol/", {"code": code_for(key)}).status_code == 302
    assert client.get("/departments/").status_code == 200
    assert TOTPDevice.objects.get(user__username="admin").confirmed
    assert AuditEvent.objects.filter(action="security.totp_enrol", object_key="admin").exists()

    # The next login asks for a code; a wrong one is refused and audited.
    client = logged_in("admin")
    response = client.get("/departments/")
    assert response.url.startswith("/security/totp/verify/")
    client.post("/security/totp/verify/", {"code": "123456" if code_for(key) != "123456"
                                           else "654321"})
    assert client.get("/departments/").status_code == 302
    assert AuditEvent.objects.filter(action="security.totp_failed", object_key="admin").exists()
    start_afresh()
    assert client.post("/security/totp/verify/", {"code": code_for(key)}).status_code == 302
    assert client.get("/departments/").status_code == 200


@pytest.mark.django_db
def test_other_roles_are_not_asked(settings) -> None:
    settings.HALFSKY_TOTP = True
    assert logged_in("viewer").get("/departments/").status_code == 200
