"""In-app notifications, written by the workflow actions inside their transactions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model

from halfsky.web.data.models import Notification
from halfsky.web.orgs.roles import Role


def users_with(roles: Iterable[Role], department: Any = None) -> list[Any]:
    users = get_user_model().objects.filter(
        is_active=True, profile__role__in=[r.value for r in roles]
    )
    if department is not None:
        users = users.filter(profile__department=department)
    return list(users)


def notify(users: Iterable[Any], code: str, link: str = "", **params: Any) -> int:
    rows = Notification.objects.bulk_create(
        Notification(user=user, code=code, params=params, link=link) for user in users
    )
    return len(rows)


def mark_read(user: Any, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications (or the given ones) read."""
    from django.utils import timezone

    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())
