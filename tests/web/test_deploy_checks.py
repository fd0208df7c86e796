"""``halfsky check``: a production instance passes; a demo instance hears each problem in words."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from halfsky.cli import main
from halfsky.web import deploy_checks
from halfsky.web.demo import DEMO_ACCOUNTS

PRODUCTION = {
    "SECRET_KEY": "k3y-" + "Vq8r2LmZ0xT5yW9nB4cH7dJ1sF6gP3aE" * 2,
    "DEBUG": False,
    "ALLOWED_HOSTS": ["halfsky.example.gov.cn", "10.0.0.5"],
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_SSL_REDIRECT": True,
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": 31536000,
    "SILENCED_SYSTEM_CHECKS": ["security.W005", "security.W021"],
}


def write_backup(directory: Path, hours_old: float) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / "halfsky-backup-20260101-020000.tar.gz"
    archive.write_bytes(b"archive")
    then = time.time() - hours_old * 3600
    os.utime(archive, (then, then))


@pytest.fixture(autouse=True)
def _no_browser_test_leftovers(monkeypatch: pytest.MonkeyPatch) -> None:
    """The browser tests' live server sets DJANGO_ALLOW_ASYNC_UNSAFE for the process;
    a real server never has it (Django's check would rightly report it)."""
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)


@pytest.fixture
def libreoffice(monkeypatch: pytest.MonkeyPatch) -> Any:
    def installed(present: bool) -> None:
        monkeypatch.setattr(deploy_checks, "find_soffice",
                            lambda: "/usr/bin/soffice" if present else None)
    return installed


def test_a_production_instance_without_demo_accounts_has_no_problem(
        db: None, tmp_path: Path, libreoffice: Any) -> None:
    get_user_model().objects.filter(
        username__in=deploy_checks.demo_account_names()).update(is_active=False)
    libreoffice(True)
    write_backup(tmp_path, hours_old=3)
    with override_settings(**PRODUCTION, BACKUP_DIR=tmp_path):
        assert deploy_checks.find_problems() == []


def test_a_demo_instance_hears_each_problem_in_words(
        db: None, tmp_path: Path, libreoffice: Any, capsys: pytest.CaptureFixture[str]) -> None:
    libreoffice(False)
    demo_hosts = ["127.0.0.1", "localhost"]  # the default (the test runner adds testserver)
    with override_settings(DEBUG=True, ALLOWED_HOSTS=demo_hosts, BACKUP_DIR=tmp_path / "none"):
        status = main(["check"])
    out = capsys.readouterr().out
    assert status == 1
    expected = {
        "check.https": "set HALFSKY_BEHIND_PROXY=1",
        "check.secret_key": "HALFSKY_SECRET_KEY is not set",
        "django.security.W018": "Set HALFSKY_DEBUG=0",
        "check.allowed_hosts": "Set HALFSKY_ALLOWED_HOSTS to the names or addresses",
        "check.demo_accounts": "published demo password: admin, coordinator",
        "check.libreoffice": "apt-get install libreoffice-writer-nogui",
        "check.no_backup": "run 'halfsky backup'",
    }
    lines = [line for line in out.splitlines() if re.match(r"\d+\. ", line)]
    assert len(lines) == len(expected), out
    for code, words in expected.items():
        assert any(f"[{code}]" in line and words in line for line in lines), (code, out)
    assert "7 problem(s)" in out


def test_an_old_backup_and_a_demo_account_left_active_are_problems(
        db: None, tmp_path: Path, libreoffice: Any) -> None:
    assert "viewer" in {a.username for a in DEMO_ACCOUNTS}
    get_user_model().objects.filter(username__in=deploy_checks.demo_account_names()).exclude(
        username="viewer").update(is_active=False)
    libreoffice(True)
    write_backup(tmp_path, hours_old=80)
    with override_settings(**PRODUCTION, BACKUP_DIR=tmp_path):
        problems = {p.code: p.message for p in deploy_checks.find_problems()}
    assert problems.keys() == {"check.old_backup", "check.demo_accounts"}
    assert "80 hours old" in problems["check.old_backup"]
    assert "1 demo account(s)" in problems["check.demo_accounts"]
    assert ": viewer." in problems["check.demo_accounts"]
