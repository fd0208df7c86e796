from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from halfsky.web.orgs.permissions import DEPARTMENT_ROLES, RestrictedQuerySet
from halfsky.web.orgs.roles import Role


class DepartmentQuerySet(RestrictedQuerySet["Department"]):
    department_fields = ("pk",)


class Department(models.Model):
    """A member unit (成员单位) of the women and children's working committee."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self) -> str:
        return self.name


class AreaLevel(models.TextChoices):
    NATION = "nation", _("Nation")
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")


class Area(models.Model):
    """An administrative area: GB/T 2260 codes down to the county, townships below."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=10, choices=AreaLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent area"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    is_sample = models.BooleanField(
        _("sample area"), default=False,
        help_text=_("Demo area that is not a real administrative unit."),
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return self.name


class Profile(models.Model):
    """A user's role and, for department roles, the department."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="members",
    )
    # A password given by someone else (the demo, the command line, an administrator)
    # is changed by its user at the next login.
    must_change_password = models.BooleanField(_("must change password"), default=False)
    password_changed_at = models.DateTimeField(_("password changed"), null=True, blank=True)
    # The plan the user works in when the address names none (the top bar's chooser): a
    # plan's code, not a key, so that the organisation knows nothing of plans.
    current_plan_code = models.SlugField(_("current plan"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()})"

    @property
    def is_department_bound(self) -> bool:
        return self.role in DEPARTMENT_ROLES
