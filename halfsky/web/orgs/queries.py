"""Who is who: the active users of some roles (of one department), e.g. to notify them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth import get_user_model

from halfsky.web.orgs.roles import Role


def users_with(roles: Iterable[Role], department: Any = None) -> list[Any]:
    users = get_user_model().objects.filter(
        is_active=True, profile__role__in=[r.value for r in roles]
    )
    if department is not None:
        users = users.filter(profile__department=department)
    return list(users)
