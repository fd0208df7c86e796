"""Who may see what: the role of a user and permission-scoped querysets.

A department reporter or head works only on the items of the department;
every other role reads the whole plan. ``RestrictedQuerySet.restrict`` is the
one place that turns this rule into a query (after NetBox's ``restrict``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models
from django.db.models import Q

from halfsky.web.orgs.roles import DEPARTMENT_ROLES, Role

if TYPE_CHECKING:
    from halfsky.web.orgs.models import Department

M = TypeVar("M", bound=models.Model)


def role_of(user: Any) -> Role | None:
    """The user's role; superusers are administrators; no profile, no role."""
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Role.ADMINISTRATOR
    profile = getattr(user, "profile", None)
    return Role(profile.role) if profile is not None else None


def department_of(user: Any) -> Department | None:
    profile = getattr(user, "profile", None)
    return profile.department if profile is not None else None


def is_department_bound(user: Any) -> bool:
    return role_of(user) in DEPARTMENT_ROLES


class RestrictedQuerySet(models.QuerySet[M]):
    """A queryset that knows which department fields make an item a department's.

    Subclasses set ``department_fields`` to the lookups that point at a
    Department (for example ``("lead", "supporting")``).
    """

    department_fields: tuple[str, ...] = ()

    def restrict(self, user: Any, action: str = "view") -> RestrictedQuerySet[M]:
        role = role_of(user)
        if role is None:
            return self.none()
        if role in DEPARTMENT_ROLES:
            department = department_of(user)
            if department is None:
                return self.none()
            condition = Q()
            for field in self.department_fields:
                condition |= Q(**{field: department.pk})
            return self.filter(condition).distinct()
        return self.all()
