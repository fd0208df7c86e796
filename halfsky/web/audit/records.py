"""Writing audit records; called only from action functions, inside their transaction."""

from __future__ import annotations

from typing import Any

from halfsky.web.audit.models import AuditEvent
from halfsky.web.core.users import acting_user


def record(action: str, object_type: str, object_key: str, actor: Any = None, **details: Any) -> AuditEvent:
    user = acting_user(actor)
    return AuditEvent.objects.create(
        action=action, object_type=object_type, object_key=object_key, actor=user, details=details
    )
