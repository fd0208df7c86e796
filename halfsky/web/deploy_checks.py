"""``halfsky check``: is this instance fit for real use? Each problem in words, with the fix.

Django's own deployment checks (``check --deploy``) are run and their findings said in
terms of HalfSky's settings; then HalfSky's: the secret key, debug pages, the allowed
host names, demo accounts that still have the published demo password, unapplied
migrations, LibreOffice (for PDF reports) and a recent backup.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password
from django.core import checks
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from halfsky.formats.reports import find_soffice
from halfsky.web.backup import latest_backup
from halfsky.web.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from halfsky.web.orgs.models import Department
from halfsky.web.security.checks import security_problems

DEMO_SECRET_KEY = "insecure-demo-key-change-me-in-production"
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
HTTPS_CHECKS = {"security.W004", "security.W008", "security.W012", "security.W016"}
HTTPS_FIX = ("HalfSky is not set up for HTTPS: passwords and session cookies would cross the "
             "network in clear. Serve it behind the HTTPS reverse proxy (deploy/nginx-halfsky.conf) "
             "and set HALFSKY_BEHIND_PROXY=1 (secure cookies, redirect to HTTPS, HSTS).")
DJANGO_FIXES = {
    "security.W009": "HALFSKY_SECRET_KEY is too short or too simple: set it to a long random "
                     "value, e.g. the output of "
                     "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'.",
    "security.W018": "Debug pages are on (HALFSKY_DEBUG=1): they show the code and settings to "
                     "anyone who meets an error. Set HALFSKY_DEBUG=0.",
    "security.W020": "HALFSKY_ALLOWED_HOSTS is empty: every request gets 400 Bad Request. Set it "
                     "to the host names or addresses users type in their browser.",
}


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


def django_problems() -> list[Problem]:
    found = checks.run_checks(include_deployment_checks=True)
    serious = [m for m in found if m.level >= checks.WARNING and not m.is_silenced()]
    problems: list[Problem] = []
    if any(m.id in HTTPS_CHECKS for m in serious):
        problems.append(Problem("check.https", HTTPS_FIX))
    for message in serious:
        if message.id in HTTPS_CHECKS:
            continue
        if message.id == "security.W009" and settings.SECRET_KEY == DEMO_SECRET_KEY:
            continue  # said by secret_key_problems
        text = DJANGO_FIXES.get(message.id or "")
        if text is None:
            text = f"{message.msg}" + (f" Fix: {message.hint}" if message.hint else "")
        problems.append(Problem(f"django.{message.id}", text))
    return problems


def secret_key_problems() -> list[Problem]:
    if settings.SECRET_KEY != DEMO_SECRET_KEY:
        return []
    return [Problem("check.secret_key", "HALFSKY_SECRET_KEY is not set: the server uses the "
                    "published demo key, with which anyone can forge sessions. Set it to a long "
                    "random value, e.g. the output of "
                    "python3 -c 'import secrets; print(secrets.token_urlsafe(50))', and keep it "
                    "secret.")]


def allowed_hosts_problems() -> list[Problem]:
    hosts = set(settings.ALLOWED_HOSTS)
    if not hosts or not hosts <= LOOPBACK_HOSTS:
        return []
    return [Problem("check.allowed_hosts", "HALFSKY_ALLOWED_HOSTS names only this machine "
                    f"({', '.join(sorted(hosts))}): a request from another office PC, or through "
                    "the reverse proxy under the server's name, gets 400 Bad Request. Set "
                    "HALFSKY_ALLOWED_HOSTS to the names or addresses users type in their browser, "
                    "e.g. HALFSKY_ALLOWED_HOSTS=halfsky.example.gov.cn,10.0.0.5.")]


def demo_account_names() -> set[str]:
    names = {account.username for account in DEMO_ACCOUNTS}
    for code in Department.objects.values_list("code", flat=True):
        names |= {f"{code}_reporter", f"{code}_head"}
    return names


def demo_account_problems() -> list[Problem]:
    users = get_user_model().objects.filter(username__in=demo_account_names(), is_active=True)
    known = sorted(user.username for user in users.order_by("username")
                   if check_password(DEMO_PASSWORD, user.password))
    if not known:
        return []
    return [Problem("check.demo_accounts", f"{len(known)} demo account(s) can log in with the "
                    f"published demo password: {', '.join(known)}. This is a demo instance: set "
                    "up the real instance on a new database (README, Production), or deactivate "
                    "or delete these accounts in the admin (系统管理 → 用户).")]


def migration_problems() -> list[Problem]:
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not pending:
        return []
    return [Problem("check.migrations", f"The database lacks {len(pending)} change(s) of this "
                    "HalfSky version: run 'halfsky manage migrate' (after a backup).")]


def libreoffice_problems() -> list[Problem]:
    if find_soffice() is not None:
        return []
    return [Problem("check.libreoffice", "LibreOffice is not installed: reports are made as Word "
                    "files without PDF. Install it: apt-get install libreoffice-writer-nogui "
                    "(Debian, Ubuntu, Kylin, UOS).")]


def backup_problems(now: float | None = None) -> list[Problem]:
    directory = Path(settings.BACKUP_DIR)
    latest = latest_backup(directory)
    limit = settings.BACKUP_MAX_AGE_HOURS
    if latest is None:
        return [Problem("check.no_backup", f"There is no backup in {directory}: run "
                        "'halfsky backup' and install the daily backup timer "
                        "(deploy/halfsky-backup.timer), or set HALFSKY_BACKUP_DIR to where the "
                        "backups are.")]
    age_hours = ((now or time.time()) - latest.stat().st_mtime) / 3600
    if age_hours <= limit:
        return []
    made = datetime.datetime.fromtimestamp(latest.stat().st_mtime).isoformat(timespec="minutes")
    return [Problem("check.old_backup", f"The latest backup ({latest.name}, {made}) is "
                    f"{age_hours:.0f} hours old, more than {limit:g}: check the backup timer "
                    "(systemctl status halfsky-backup.timer; journalctl -u halfsky-backup) and "
                    "run 'halfsky backup'.")]


def find_problems() -> list[Problem]:
    """Every problem of this instance, Django's deployment checks first."""
    return [*django_problems(), *secret_key_problems(), *allowed_hosts_problems(),
            *migration_problems(), *demo_account_problems(), *security_checks(),
            *libreoffice_problems(), *backup_problems()]


def security_checks() -> list[Problem]:
    """What level 2 of 等级保护 asks that the settings or accounts do not give."""
    return [Problem("check.security", str(text)) for text in security_problems()]
