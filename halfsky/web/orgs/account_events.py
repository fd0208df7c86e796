"""Signal receivers: every change of an account leaves an audit record, whatever made it.

A password set, a flag (active, staff, superuser) or the user name changed, a role or
department changed, groups or permissions added or removed — through the admin, a
page, ``halfsky manage changepassword`` / ``createsuperuser`` or the shell — each
is recorded (``account.*``) with the user of the request, or none for the command
line. An action that records the change itself runs inside ``recorded_by_caller``.
A password rehashed at login (a stronger hasher) is no change and is not recorded.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_save, pre_save

from halfsky.web.orgs.actions import do_record_account_event, recording_elsewhere
from halfsky.web.orgs.models import Profile

USER_FIELDS = ("username", "is_active", "is_staff", "is_superuser")
PROFILE_FIELDS = ("role", "department_id")
def _watching(raw: bool, update_fields: Any, fields: tuple[str, ...]) -> bool:
    if raw or recording_elsewhere():
        return False
    return update_fields is None or bool(set(update_fields) & {*fields, "password",
                                                                "department"})


def remember_user(sender: Any, instance: Any, raw: bool = False, update_fields: Any = None,
                  **kwargs: Any) -> None:
    if not _watching(raw, update_fields, USER_FIELDS):
        return
    before = (sender._default_manager.filter(pk=instance.pk).values(*USER_FIELDS).first()
              if instance.pk else None)
    changed = {name: [before[name], getattr(instance, name)] for name in USER_FIELDS
               if before is not None and before[name] != getattr(instance, name)}
    instance._halfsky_changes = {
        "created": before is None, "changed": changed,
        # set_password keeps the new password until the save; a rehash at login does not.
        "password": getattr(instance, "_password", None) is not None}


def record_user(sender: Any, instance: Any, created: bool = False, **kwargs: Any) -> None:
    changes = instance.__dict__.pop("_halfsky_changes", None)
    if not changes:
        return
    key = instance.get_username()
    if changes["created"]:
        do_record_account_event("account.create", key, staff=instance.is_staff,
                                superuser=instance.is_superuser)
        return
    if changes["changed"]:
        do_record_account_event("account.change", key, fields=changes["changed"])
    if changes["password"]:
        do_record_account_event("account.password_set", key)


def remember_profile(sender: Any, instance: Profile, raw: bool = False,
                     update_fields: Any = None, **kwargs: Any) -> None:
    if not _watching(raw, update_fields, PROFILE_FIELDS):
        return
    before = (Profile.objects.filter(pk=instance.pk).values(*PROFILE_FIELDS).first()
              if instance.pk else None)
    now = {name: getattr(instance, name) for name in PROFILE_FIELDS}
    if before != now:
        instance._halfsky_changes = {"before": before or {}, "after": now}  # type: ignore[attr-defined]


def record_profile(sender: Any, instance: Profile, **kwargs: Any) -> None:
    changes = instance.__dict__.pop("_halfsky_changes", None)
    if changes:
        do_record_account_event("account.role_change", instance.user.get_username(),
                                before=changes["before"], after=changes["after"])


def record_memberships(sender: Any, instance: Any, action: str, model: Any, pk_set: Any,
                       reverse: bool, **kwargs: Any) -> None:
    if action not in ("post_add", "post_remove", "post_clear") or recording_elsewhere():
        return
    names = sorted(str(item) for item in model._default_manager.filter(pk__in=pk_set or ()))
    what = "groups" if sender is get_user_model().groups.through else "permissions"
    key = instance.get_username() if hasattr(instance, "get_username") else str(instance)
    do_record_account_event(f"account.{what}_change", key[:200], change=action[5:],
                            items=names[:100])


def connect() -> None:
    user = get_user_model()
    pre_save.connect(remember_user, sender=user, dispatch_uid="halfsky-account-pre")
    post_save.connect(record_user, sender=user, dispatch_uid="halfsky-account-post")
    pre_save.connect(remember_profile, sender=Profile, dispatch_uid="halfsky-profile-pre")
    post_save.connect(record_profile, sender=Profile, dispatch_uid="halfsky-profile-post")
    for through, uid in ((user.groups.through, "groups"),
                         (user.user_permissions.through, "user-permissions"),
                         (Group.permissions.through, "group-permissions")):
        m2m_changed.connect(record_memberships, sender=through,
                            dispatch_uid=f"halfsky-account-{uid}")
