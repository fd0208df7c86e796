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
def test_long_sessions_are_reported(settings) -> None:
    do_ensure_account(DEMO_ACCOUNTS[0])  # its demo password is halfsky check's demo accounts
    settings.HALFSKY_SESSION_IDLE_MINUTES = 120
    problems = security_problems()
    assert len(problems) == 1 and "120" in problems[0]


@pytest.mark.django_db
def test_halfsky_check_says_the_security_problems_too(settings) -> None:
    from halfsky.web.deploy_checks import find_problems

    settings.HALFSKY_SESSION_IDLE_MINUTES = 120
    found = [p for p in find_problems() if p.code == "check.security"]
    assert len(found) == 1 and "120" in found[0].message


@pytest.mark.django_db
def test_accounts_without_an_authenticator_are_reported_when_totp_is_on(settings) -> None:
    settings.HALFSKY_TOTP = True
    Profile.objects.update(must_change_password=False)
    problems = security_problems()
    assert len(problems) == 1 and "admin" in problems[0] and "coordinator" in problems[0]
