"""Security state changes and security events: each writes its audit record.

The audit action names start with ``security.``; ``core.text.system.SECURITY_EVENTS`` names them.
"""

from __future__ import annotations

from typing import Any

from axes.utils import reset as axes_reset
from django.db import transaction
from django.http import HttpRequest, HttpResponseBase
from django.utils import timezone

from halfsky.web.audit.models import AuditEvent
from halfsky.web.audit.records import record
from halfsky.web.orgs.actions import recorded_by_caller
from halfsky.web.orgs.models import Profile
from halfsky.web.orgs.roles import Role


def client_address(request: HttpRequest | None) -> str:
    if request is None:
        return ""
    return str(getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR", ""))


def do_record_login(user: Any, request: HttpRequest | None) -> AuditEvent:
    return record("security.login", "user", user.get_username(), user,
                  address=client_address(request))


def do_record_logout(user: Any, request: HttpRequest | None) -> AuditEvent:
    username = user.get_username() if user is not None else ""
    return record("security.logout", "user", username, user, address=client_address(request))


def do_record_login_failure(username: str, request: HttpRequest | None) -> AuditEvent:
    return record("security.login_failed", "user", username, None,
                  address=client_address(request))


def do_record_lockout(username: str, address: str) -> AuditEvent:
    return record("security.lockout", "user", username or "", None, address=address or "")


def do_record_totp_failure(user: Any, request: HttpRequest | None) -> AuditEvent:
    return record("security.totp_failed", "user", user.get_username(), user,
                  address=client_address(request))


@transaction.atomic
def do_change_password(user: Any, new_password: str, request: HttpRequest | None) -> None:
    """The user sets an own password: it no longer must be changed, its age starts now."""
    user.set_password(new_password)
    with recorded_by_caller():  # as security.password_change, below
        user.save()
    changed = Profile.objects.filter(user=user).update(must_change_password=False,
                                                       password_changed_at=timezone.now())
    if not changed and user.is_superuser:  # made by `createsuperuser`: no profile yet
        Profile.objects.create(user=user, role=Role.ADMINISTRATOR,
                               password_changed_at=timezone.now())
    record("security.password_change", "user", user.get_username(), user,
           address=client_address(request))


@transaction.atomic
def do_unlock(username: str, address: str, actor: Any) -> int:
    """Lift the lockout of an account (``username``) or of a source (``address``)."""
    removed = 0
    if username:
        removed += axes_reset(username=username)
    if address:
        removed += axes_reset(ip=address)
    record("security.unlock", "user" if username else "address", username or address, actor,
           attempts=removed)
    return removed


@transaction.atomic
def do_confirm_totp(device: Any, actor: Any) -> None:
    device.confirmed = True
    device.save()
    record("security.totp_enrol", "user", device.user.get_username(), actor)


def do_record_download(request: HttpRequest, response: HttpResponseBase, actor: Any) -> AuditEvent:
    disposition = response.get("Content-Disposition", "")
    return record("security.download", "path", request.path[:200], actor,
                  file=disposition.partition("filename")[2].lstrip("*=\"'").rstrip("\"")[:200],
                  query=request.GET.urlencode()[:500], address=client_address(request))
