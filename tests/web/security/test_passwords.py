"""Password rules, the forced change of a given password, and expiry."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from halfsky.web.audit.models import AuditEvent
from halfsky.web.orgs.actions import Account, do_ensure_account
from halfsky.web.orgs.models import Profile
from halfsky.web.orgs.roles import Role
from halfsky.web.security.passwords import character_classes

GIVEN = "Given-pass-2026"
OWN = "Wo3-zi-ji-de"


def errors_of(password: str, username: str = "wang_fang") -> list[str]:
    user = get_user_model()(username=username)
    try:
        validate_password(password, user)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


def test_character_classes_are_counted() -> None:
    assert character_classes("abcdefgh") == 1
    assert character_classes("abcd1234") == 2
    assert character_classes("abCD1234") == 3
    assert character_classes("ab-D1234") == 4
    assert character_classes("密码ab12") == 3  # Chinese characters count as other characters


@pytest.mark.django_db
@pytest.mark.parametrize(("password", "code"), [
    ("Ab1-xyz", "password_too_short"),           # 7 characters
    ("abcdefgh12", "password_too_simple"),        # two kinds only
    ("ABCDEFGH-", "password_too_simple"),
    ("Wang_fang1", "password_too_similar"),       # the user name
])
def test_weak_passwords_are_refused(password: str, code: str) -> None:
    assert code in errors_of(password)


@pytest.mark.django_db
@pytest.mark.parametrize("password", ["Qiu-yue-88", "xK9#pLm2", "lan.tian8Y"])
def test_strong_passwords_pass(password: str) -> None:
    assert errors_of(password) == []


@pytest.mark.django_db
def test_the_refusal_is_in_chinese_words() -> None:
    client = Client()
    do_ensure_account(Account("li_na", GIVEN, Role.VIEWER))
    client.post("/login/", {"username": "li_na", "password": GIVEN})
    page = client.post("/security/password/", {
        "old_password": GIVEN, "new_password1": "abcdefgh12", "new_password2": "abcdefgh12",
    }).content.decode()
    assert "至少" in page and "种" in page


@pytest.mark.django_db
def test_a_given_password_must_be_changed_at_the_first_login() -> None:
    do_ensure_account(Account("li_na", GIVEN, Role.VIEWER))
    client = Client()
    response = client.post("/login/", {"username": "li_na", "password": GIVEN})
    assert response.status_code == 302
    # Every page leads to the change of password until it is done.
    response = client.get("/departments/")
    assert response.status_code == 302
    assert response["Location"].startswith("/security/password/?next=")
    page = client.get(response["Location"]).content.decode()
    assert "请先设置您自己的密码" in page or "自己的密码" in page

    response = client.post("/security/password/", {
        "old_password": GIVEN, "new_password1": OWN, "new_password2": OWN,
        "next": "/departments/"})
    assert response.status_code == 302 and response["Location"] == "/departments/"
    assert client.get("/departments/").status_code == 200  # still logged in, gate passed
    profile = Profile.objects.get(user__username="li_na")
    assert not profile.must_change_password and profile.password_changed_at is not None
    assert AuditEvent.objects.filter(action="security.password_change", object_key="li_na").exists()


@pytest.mark.django_db
def test_the_demo_accounts_must_change_their_known_password() -> None:
    from halfsky.web.demo import DEMO_ACCOUNTS, DEMO_PASSWORD

    do_ensure_account(DEMO_ACCOUNTS[0])  # as `halfsky demo` does
    client = Client()
    client.post("/login/", {"username": DEMO_ACCOUNTS[0].username, "password": DEMO_PASSWORD})
    assert client.get("/").url.startswith("/security/password/")


@pytest.mark.django_db
def test_an_expired_password_must_be_changed(settings) -> None:
    settings.HALFSKY_PASSWORD_MAX_AGE_DAYS = 90
    user = get_user_model().objects.create_user("zhao_li", password=OWN)
    Profile.objects.create(user=user, role=Role.VIEWER,
                           password_changed_at=timezone.now() - timedelta(days=89))
    client = Client()
    client.post("/login/", {"username": "zhao_li", "password": OWN})
    assert client.get("/departments/").status_code == 200
    Profile.objects.filter(user=user).update(
        password_changed_at=timezone.now() - timedelta(days=91))
    response = client.get("/departments/")
    assert response.status_code == 302 and response.url.startswith("/security/password/")
    assert "已过期" in client.get(response.url).content.decode()
    settings.HALFSKY_PASSWORD_MAX_AGE_DAYS = 0  # 0: passwords do not expire
    assert client.get("/departments/").status_code == 200


@pytest.mark.django_db
def test_a_password_set_in_the_admin_must_be_changed_by_its_user(login) -> None:
    user = get_user_model().objects.get(username="viewer")
    response = login("admin").post(f"/admin/auth/user/{user.pk}/password/", {
        "password1": "Admin-set-77", "password2": "Admin-set-77", "usable_password": "true"})
    assert response.status_code == 302
    assert Profile.objects.get(user=user).must_change_password
    event = AuditEvent.objects.get(action="account.admin_change", object_key="viewer")
    assert event.actor.username == "admin" and "password" in event.details["change"]


@pytest.mark.django_db
def test_an_administrator_made_by_createsuperuser_has_an_expiring_password_too(settings) -> None:
    settings.HALFSKY_PASSWORD_MAX_AGE_DAYS = 90
    user = get_user_model().objects.create_superuser("root_admin", password=OWN)
    get_user_model().objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - timedelta(days=100))
    client = Client()
    client.post("/login/", {"username": "root_admin", "password": OWN})
    assert client.get("/departments/").url.startswith("/security/password/")
    client.post("/security/password/", {"old_password": OWN, "new_password1": "Xin-mi-ma-9",
                                        "new_password2": "Xin-mi-ma-9"})
    assert client.get("/departments/").status_code == 200
    assert Profile.objects.get(user=user).role == Role.ADMINISTRATOR
