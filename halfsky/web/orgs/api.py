"""Who the caller is: user name, role and department (a quick check of a token)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from halfsky.web.core.api import ERROR_RESPONSES, caller
from halfsky.web.orgs.permissions import department_of, is_department_bound, role_of

router = Router(tags=["account"])


class MeOut(Schema):
    username: str
    role: str
    department: str | None
    department_name: str | None


@router.get("/me", response={200: MeOut, **ERROR_RESPONSES}, summary="Who am I")
def me(request: HttpRequest) -> dict[str, Any]:
    """The caller's user name, role and (for department roles) department."""
    user = caller(request)
    role = role_of(user)
    department = department_of(user) if is_department_bound(user) else None
    return {"username": user.get_username(), "role": role.value if role else "",
            "department": department.code if department else None,
            "department_name": department.name if department else None}
