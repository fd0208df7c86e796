"""Actions on people and areas: the only code that writes users' roles and sample areas."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from halfsky.web.audit.records import record
from halfsky.web.core.users import request_user
from halfsky.web.orgs.models import Area, AreaLevel, Department, Profile
from halfsky.web.orgs.permissions import admin_permissions, gives_admin_access
from halfsky.web.orgs.roles import Role

# Set while an action records its account changes itself: the signal receivers
# (``account_events``) then record nothing more.
_recorded_by_caller: ContextVar[bool] = ContextVar("halfsky_account_recorded", default=False)


@contextmanager
def recorded_by_caller() -> Iterator[None]:
    """The account changes made inside are recorded by the calling action, not again."""
    token = _recorded_by_caller.set(True)
    try:
        yield
    finally:
        _recorded_by_caller.reset(token)


def recording_elsewhere() -> bool:
    return _recorded_by_caller.get()


@dataclass(frozen=True)
class Account:
    username: str
    password: str
    role: Role
    department: str | None = None  # department code


@transaction.atomic
def do_ensure_account(account: Account, actor: Any = None) -> bool:
    """Create the account, or reset its role, department and password. True if created."""
    with recorded_by_caller():
        return _ensure_account(account, actor)


def _ensure_account(account: Account, actor: Any) -> bool:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=account.username)
    user.set_password(account.password)
    user.is_staff = gives_admin_access(account.role)
    user.is_superuser = account.role == Role.ADMINISTRATOR
    user.save()
    department = Department.objects.get(code=account.department) if account.department else None
    # The password was chosen by someone else: its user changes it at the first login.
    Profile.objects.update_or_create(
        user=user, defaults={"role": account.role.value, "department": department,
                             "must_change_password": True}
    )
    # The coordinator keeps departments, areas and users in the admin.
    user.user_permissions.set(admin_permissions(account.role))
    record("account.ensure", "user", account.username, actor, role=account.role.value,
           department=account.department or "", created=created)
    return created


def password_set_by_admin(message: Any) -> bool:
    """Whether an admin change message says the user's own password field changed."""
    if not isinstance(message, list):
        return False
    return any("name" not in entry.get("changed", {"name": ""})
               and "password" in entry["changed"].get("fields", []) for entry in message
               if isinstance(entry, dict))


@transaction.atomic
def do_record_account_change(kind: str, obj: Any, message: Any, actor: Any) -> None:
    """An account, role, group or permission changed in the admin: audit it.

    A password set there by someone else must be changed by its user at the next login.
    """
    text = message if isinstance(message, str) else json.dumps(message, ensure_ascii=False,
                                                                default=str)
    if hasattr(obj, "set_password") and (kind == "add" or password_set_by_admin(message)):
        Profile.objects.filter(user=obj).update(must_change_password=True)
    record("account.admin_change", obj._meta.model_name, str(obj)[:200], actor,
           kind=kind, change=text[:2000])


@transaction.atomic
def do_ensure_sample_townships(county_code: str, names: list[str], actor: Any = None) -> list[Area]:
    """Add demo townships below a county, marked as sample (no official codes are invented)."""
    county = Area.objects.get(code=county_code)
    areas = []
    for number, name in enumerate(names, start=1):
        area, _ = Area.objects.update_or_create(
            code=f"{county_code}-S{number:02d}",
            defaults={"name": name, "level": AreaLevel.TOWNSHIP, "parent": county, "is_sample": True},
        )
        areas.append(area)
    record("area.sample_townships", "area", county_code, actor, count=len(areas))
    return areas


@transaction.atomic
def do_record_account_event(action: str, username: str, **details: Any) -> None:
    """An account changed outside HalfSky's own actions (the admin, Django's views, the
    command line): the audit record, under the request's user (none on the command line)."""
    record(action, "user", username[:200], request_user(), **details)
