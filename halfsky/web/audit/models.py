"""The audit trail: every state change leaves one record, written by its action.

A record is never changed, and none younger than HALFSKY_AUDIT_RETENTION_DAYS
(at least 180 days) is deleted: the model refuses both. The audit trail is not in
the admin; the administrator searches it on the HalfSky page ``/security/audit/``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditRecordKept(Exception):
    """An audit record may not be changed, nor deleted within the retention period."""


def retention_start() -> Any:
    """Records at or after this time are within the retention period."""
    return timezone.now() - timedelta(days=settings.HALFSKY_AUDIT_RETENTION_DAYS)


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        if self.filter(at__gte=retention_start()).exists():
            raise AuditRecordKept("audit records within the retention period are kept")
        return super().delete()

    def update(self, **kwargs: Any) -> int:
        raise AuditRecordKept("audit records are never changed")


class AuditEvent(models.Model):
    at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    action = models.CharField(_("action"), max_length=60)  # e.g. "plan.load"
    object_type = models.CharField(_("object type"), max_length=60)
    object_key = models.CharField(_("object"), max_length=200)
    details = models.JSONField(_("details"), default=dict)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["action", "at"], name="audit_action_at"),
                   models.Index(fields=["at"], name="audit_at"),
                   models.Index(fields=["object_key"], name="audit_object_key")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_key}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditRecordKept("audit records are never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if self.at >= retention_start():
            raise AuditRecordKept("audit records within the retention period are kept")
        return super().delete(*args, **kwargs)
