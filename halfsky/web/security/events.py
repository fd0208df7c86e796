"""Signal receivers: logins, logouts, login failures and lockouts go to the audit trail."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from halfsky.web.security import actions


@receiver(user_logged_in, dispatch_uid="halfsky-audit-login")
def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    actions.do_record_login(user, request)


@receiver(user_logged_out, dispatch_uid="halfsky-audit-logout")
def on_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        actions.do_record_logout(user, request)


@receiver(user_login_failed, dispatch_uid="halfsky-audit-login-failed")
def on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None,
                    **kwargs: Any) -> None:
    actions.do_record_login_failure(str(credentials.get("username", ""))[:200], request)


@receiver(user_locked_out, dispatch_uid="halfsky-audit-lockout")
def on_locked_out(sender: Any, request: Any, username: str | None, ip_address: str | None,
                  **kwargs: Any) -> None:
    actions.do_record_lockout(username or "", ip_address or "")
