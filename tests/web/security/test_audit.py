"""Security events in the audit trail, the administrator's search, and the retention."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from halfsky.web.audit.models import AuditEvent, AuditRecordKept
from halfsky.web.audit.records import record

PASSWORD = "halfsky-demo"
PLAN = "jixian-women-2021-2025"


def actions_about(username: str) -> list[str]:
    return list(AuditEvent.objects.filter(object_key=username, action__startswith="security.")
                .order_by("id")
                .values_list("action", flat=True))


@pytest.mark.django_db
def test_login_failure_and_logout_are_recorded_with_the_address() -> None:
    client = Client(REMOTE_ADDR="10.1.2.3")
    client.post("/login/", {"username": "leader", "password": "wrong"})
    client.post("/login/", {"username": "leader", "password": PASSWORD})
    client.post("/logout/")
    assert actions_about("leader") == ["security.login_failed", "security.login",
                                       "security.logout"]
    login = AuditEvent.objects.get(action="security.login", object_key="leader")
    assert login.actor.username == "leader" and login.details["address"] == "10.1.2.3"


@pytest.mark.django_db
def test_token_creation_and_revocation_are_recorded(login) -> None:
    from halfsky.web.tokens.models import ApiToken

    client = login("statistics")
    client.post("/tokens/", {"name": "统计局脚本"})
    token = ApiToken.objects.get(user__username="statistics")
    client.post(f"/tokens/{token.pk}/revoke/")
    recorded = AuditEvent.objects.filter(object_key=token.prefix, actor__username="statistics")
    assert set(recorded.values_list("action", flat=True)) == {"token.create", "token.revoke"}


@pytest.mark.django_db
@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_every_download_is_recorded(login, suffix: str) -> None:
    response = login("coordinator").get(f"/plans/{PLAN}/dashboard/indicators/H03.{suffix}")
    assert response.status_code == 200
    event = AuditEvent.objects.get(action="security.download")
    assert event.actor.username == "coordinator"
    assert event.object_key == f"/plans/{PLAN}/dashboard/indicators/H03.{suffix}"
    assert event.details["file"].endswith(suffix)


@pytest.mark.django_db
def test_a_page_that_is_not_a_download_is_not_recorded(login) -> None:
    login("coordinator").get(f"/plans/{PLAN}/")
    assert not AuditEvent.objects.filter(action="security.download").exists()


def form_data(response) -> dict[str, object]:
    """What the browser would send back from an admin change page, unchanged."""
    data: dict[str, object] = {}
    forms = [response.context["adminform"].form]
    for formset in response.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        forms.append(management)
        forms.extend(formset.formset.forms)
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False or field.field.disabled:
                continue
            if isinstance(value, (list, tuple)):
                data[field.html_name] = [str(v) for v in value]
            elif hasattr(value, "strftime"):  # split date and time widgets
                data[field.html_name + "_0"] = value.strftime("%Y-%m-%d")
                data[field.html_name + "_1"] = value.strftime("%H:%M:%S")
            else:
                data[field.html_name] = value
    return data


@pytest.mark.django_db
def test_a_role_change_in_the_admin_is_recorded(login) -> None:
    user = get_user_model().objects.get(username="viewer")
    client = login("admin")
    page = client.get(f"/admin/auth/user/{user.pk}/change/")
    data = form_data(page)
    data["profile-0-role"] = "leadership"
    response = client.post(f"/admin/auth/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    event = AuditEvent.objects.get(action="account.admin_change", object_key="viewer")
    assert event.actor.username == "admin" and event.details["kind"] == "change"
    assert "profile" in event.details["change"] and "Role" in event.details["change"]


@pytest.mark.django_db
def test_the_administrator_searches_by_kind_user_and_date(login) -> None:
    Client().post("/login/", {"username": "leader", "password": "wrong"})
    Client().post("/login/", {"username": "viewer", "password": PASSWORD})
    client = login("admin")

    def rows(query: str) -> list[str]:
        page = client.get(f"/security/audit/?{query}").content.decode()
        return sorted(set(part.split('"')[0] for part in page.split('data-action="')[1:]))

    assert rows("kind=security.login_failed") == ["security.login_failed"]
    by_viewer = rows("user=viewer")
    assert "security.login" in by_viewer and "security.login_failed" not in by_viewer
    today = timezone.localdate()
    assert "security.login_failed" in rows(f"since={today:%Y-%m-%d}&until={today:%Y-%m-%d}")
    assert "security.login_failed" not in rows(f"until={today - timedelta(days=1):%Y-%m-%d}")
    assert rows(f"since={today + timedelta(days=1):%Y-%m-%d}") == []


@pytest.mark.django_db
def test_records_are_never_changed_and_kept_for_the_retention_period() -> None:
    event = record("security.login", "user", "viewer")
    event.object_key = "someone else"
    with pytest.raises(AuditRecordKept):
        event.save()
    with pytest.raises(AuditRecordKept):
        AuditEvent.objects.filter(pk=event.pk).update(object_key="x")
    with pytest.raises(AuditRecordKept):
        AuditEvent.objects.get(pk=event.pk).delete()
    with pytest.raises(AuditRecordKept):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk, object_key="viewer").exists()


def test_the_audit_trail_is_not_in_the_admin() -> None:
    assert AuditEvent not in admin.site._registry


def test_a_retention_under_180_days_is_refused() -> None:
    env = {**os.environ, "HALFSKY_AUDIT_RETENTION_DAYS": "90",
           "DJANGO_SETTINGS_MODULE": "halfsky.web.settings"}
    done = subprocess.run([sys.executable, "-c", "import django; django.setup()"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "HALFSKY_AUDIT_RETENTION_DAYS must be at least 180" in done.stderr


@pytest.mark.django_db
def test_deleting_a_user_keeps_the_records_of_what_they_did() -> None:
    Client().post("/login/", {"username": "viewer", "password": PASSWORD})
    get_user_model().objects.get(username="viewer").delete()
    event = AuditEvent.objects.get(action="security.login", object_key="viewer")
    assert event.actor is None
