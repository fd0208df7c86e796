"""In-app notifications, written by the workflow actions inside their transactions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from halfsky.web.core.models import Notification


def notify(users: Iterable[Any], code: str, link: str = "", **params: Any) -> int:
    rows = Notification.objects.bulk_create(
        Notification(user=user, code=code, params=params, link=link) for user in users
    )
    return len(rows)


def mark_read(user: Any, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications (or the given ones) read."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def latest(user: Any, limit: int = 100) -> list[Notification]:
    return list(Notification.objects.filter(user=user)[:limit])
