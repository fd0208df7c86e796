"""Nobody but the administrator raises an account: roles, flags, groups, permissions and
passwords of others are the administrator's; every change of an account is audited."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

from halfsky.web.audit.models import AuditEvent
from halfsky.web.core.errors import ActionError
from halfsky.web.orgs.models import Department, Profile
from halfsky.web.tokens.actions import do_create_token, do_revoke_token
from tests.web.security.test_audit import form_data

User = get_user_model()


def events(action: str, key: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action, object_key=key))


@pytest.mark.django_db
def test_the_coordinator_cannot_make_itself_superuser(login) -> None:
    me = User.objects.get(username="coordinator")
    client = login("coordinator")
    data = form_data(client.get(f"/admin/auth/user/{me.pk}/change/"))
    data.update(is_superuser="on", is_staff="on")
    response = client.post(f"/admin/auth/user/{me.pk}/change/", data)
    assert response.status_code == 403
    me.refresh_from_db()
    assert not me.is_superuser
    assert events("account.refused", "coordinator")


@pytest.mark.django_db
def test_the_coordinator_moves_a_reporter_but_cannot_raise_it(login) -> None:
    user = User.objects.get(username="health_reporter")
    education = Department.objects.get(code="education")
    client = login("coordinator")
    data = form_data(client.get(f"/admin/auth/user/{user.pk}/change/"))
    data.update({"is_superuser": "on", "is_staff": "on", "profile-0-role": "administrator",
                 "profile-0-department": str(education.pk)})
    response = client.post(f"/admin/auth/user/{user.pk}/change/", data, follow=True)
    assert response.status_code == 200
    assert "只有管理员" in response.content.decode()
    user.refresh_from_db()
    assert not user.is_superuser and not user.is_staff
    profile = Profile.objects.get(user=user)
    assert profile.role == "reporter" and profile.department == education
    moved = events("account.role_change", "health_reporter")
    assert moved and moved[0].actor.username == "coordinator"


@pytest.mark.django_db
def test_the_coordinator_cannot_set_the_administrators_password(login) -> None:
    admin = User.objects.get(username="admin")
    before = admin.password
    response = login("coordinator").post(f"/admin/auth/user/{admin.pk}/password/", {
        "password1": "Taken-over-77", "password2": "Taken-over-77", "usable_password": "true"})
    assert response.status_code == 403
    admin.refresh_from_db()
    assert admin.password == before


@pytest.mark.django_db
def test_the_coordinator_neither_adds_accounts_nor_keeps_groups(login) -> None:
    client = login("coordinator")
    assert client.get("/admin/auth/user/add/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    assert client.post("/admin/auth/group/add/", {"name": "root"}).status_code == 403
    assert not Group.objects.filter(name="root").exists()


@pytest.mark.django_db
def test_only_the_administrator_revokes_anothers_token() -> None:
    reporter = User.objects.get(username="health_reporter")
    token, _ = do_create_token(reporter, "script", reporter)
    with pytest.raises(ActionError):
        do_revoke_token(token, User.objects.get(username="coordinator"))
    token.refresh_from_db()
    assert token.revoked_at is None
    do_revoke_token(token, User.objects.get(username="admin"))
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.django_db
def test_an_administrators_change_is_audited_with_what_changed(login) -> None:
    user = User.objects.get(username="viewer")
    client = login("admin")
    data = form_data(client.get(f"/admin/auth/user/{user.pk}/change/"))
    data["is_staff"] = "on"
    response = client.post(f"/admin/auth/user/{user.pk}/change/", data)
    assert response.status_code == 302
    (event,) = events("account.change", "viewer")
    assert event.actor.username == "admin" and event.details["fields"]["is_staff"] == [False, True]


@pytest.mark.django_db
def test_command_line_and_group_changes_are_audited(monkeypatch) -> None:
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "Cli-set-pass-9")
    call_command("changepassword", "viewer")
    (event,) = events("account.password_set", "viewer")
    assert event.actor is None
    group = Group.objects.create(name="editors")
    User.objects.get(username="viewer").groups.add(group)
    (joined,) = events("account.groups_change", "viewer")
    assert joined.details == {"change": "add", "items": ["editors"]}


@pytest.mark.django_db
def test_a_rehash_at_login_is_no_change(client) -> None:
    user = User.objects.create_user("zhao_wei", password="Own-pass-123")
    before = AuditEvent.objects.filter(object_key="zhao_wei").count()
    user.set_password("Own-pass-456")
    user._password = None  # what check_password's rehash does before saving
    user.save(update_fields=["password"])
    assert AuditEvent.objects.filter(object_key="zhao_wei").count() == before
