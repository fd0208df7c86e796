"""security_problems(): what `halfsky check` says about security, in words."""

from __future__ import annotations

import pytest

from halfsky.web.demo import DEMO_ACCOUNTS
from halfsky.web.orgs.actions import do_ensure_account
from halfsky.web.orgs.models import Profile
from halfsky.web.security.checks import security_problems


@pytest.mark.django_db
def test_the_default_settings_and_changed_passwords_have_no_problem() -> None:
    assert security_problems() == []


@pytest.mark.django_db
def test_demo_passwords_and_long_sessions_are_reported(settings) -> None:
    do_ensure_account(DEMO_ACCOUNTS[0])
    settings.HALFSKY_SESSION_IDLE_MINUTES = 120
    problems = security_problems()
    assert len(problems) == 2
    assert "120" in problems[0] and "coordinator" in problems[1]


@pytest.mark.django_db
def test_accounts_without_an_authenticator_are_reported_when_totp_is_on(settings) -> None:
    settings.HALFSKY_TOTP = True
    Profile.objects.update(must_change_password=False)
    problems = security_problems()
    assert len(problems) == 1 and "admin" in problems[0] and "coordinator" in problems[0]
