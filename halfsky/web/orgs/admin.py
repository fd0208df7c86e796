from typing import Any

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from halfsky.web.core.access import check, may
from halfsky.web.orgs.actions import do_record_account_change, do_record_account_event
from halfsky.web.orgs.models import Area, Department, Profile
from halfsky.web.orgs.permissions import role_of
from halfsky.web.orgs.roles import Role


class AuditedAccountsMixin:
    """Additions, changes (roles, permissions, passwords) and deletions go to the audit trail."""

    def log_addition(self, request, obj, message):
        do_record_account_change("add", obj, message, request.user)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        do_record_account_change("change", obj, message, request.user)
        return super().log_change(request, obj, message)

    def log_deletions(self, request, queryset):
        for obj in queryset:
            do_record_account_change("delete", obj, "", request.user)
        return super().log_deletions(request, queryset)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent", "is_sample"]
    list_filter = ["level", "is_sample"]
    search_fields = ["code", "name"]


# What only the administrator changes on an account: the coordinator (also a staff user,
# to keep departments, areas and its users' departments) cannot raise anyone.
PROTECTED_FIELDS = ("is_superuser", "is_staff", "is_active", "groups", "user_permissions",
                    "password", "password1", "password2", "profile-0-role",
                    "profile-0-must_change_password")


def is_administrator(request: HttpRequest) -> bool:
    """Whether the request's user may change what raises an account (the permission table)."""
    return may(request.user, "orgs.change_accounts")


def is_administrator_account(user: Any) -> bool:
    return user is not None and role_of(user) == Role.ADMINISTRATOR


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if is_administrator(request):
            return super().get_fields(request, obj)
        return ["role", "department"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return [] if is_administrator(request) else ["role"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request) and super().has_add_permission(request, obj)


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class HalfSkyUserAdmin(AuditedAccountsMixin, UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "last_name", "is_active", "role", "department"]

    def get_fieldsets(self, request: HttpRequest, obj: Any = None) -> Any:
        if is_administrator(request) or obj is None:
            return super().get_fieldsets(request, obj)
        return [(None, {"fields": ("username",)}),
                (_("Personal info"), {"fields": ("first_name", "last_name", "email")}),
                (_("Permissions"), {"fields": ("is_active", "is_staff", "is_superuser")})]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        if is_administrator(request):
            return super().get_readonly_fields(request, obj)
        return ["username", "is_active", "is_staff", "is_superuser"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A new account gets a password chosen by someone else: the administrator's work.
        return is_administrator(request) and super().has_add_permission(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request) and super().has_delete_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is not None and not is_administrator(request) and (
                is_administrator_account(obj) or obj.is_staff or obj.is_superuser):
            return False  # others' administrative accounts: the administrator's
        return super().has_change_permission(request, obj)

    def changeform_view(self, request: HttpRequest, object_id: str | None = None,
                        form_url: str = "", extra_context: Any = None) -> Any:
        if (request.method == "POST" and not is_administrator(request)
                and any(name in request.POST for name in PROTECTED_FIELDS)):
            obj = self.get_object(request, unquote(object_id)) if object_id else None
            if obj is not None and self.has_change_permission(request, obj):
                messages.warning(request, _(
                    "Only the administrator changes roles, staff and superuser flags, groups, "
                    "permissions and passwords; those fields were left as they were."))
            key = obj.get_username() if obj is not None else str(object_id or "")
            do_record_account_event("account.refused", key,
                                    fields=sorted(n for n in PROTECTED_FIELDS
                                                  if n in request.POST))
        return super().changeform_view(request, object_id, form_url, extra_context)

    def user_change_password(self, request: HttpRequest, id: str, form_url: str = "") -> Any:
        check(request.user, "orgs.change_accounts")  # 403 for anyone but the administrator
        return super().user_change_password(request, id, form_url)

    @admin.display(description=_("role"))
    def role(self, user):
        return user.profile.get_role_display() if hasattr(user, "profile") else "—"

    @admin.display(description=_("department"))
    def department(self, user):
        return user.profile.department if hasattr(user, "profile") else "—"


admin.site.unregister(Group)


@admin.register(Group)
class HalfSkyGroupAdmin(AuditedAccountsMixin, GroupAdmin):
    """Groups carry permissions: only the administrator keeps them."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return is_administrator(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return is_administrator(request)


admin.site.site_header = _("HalfSky administration")
admin.site.site_title = _("HalfSky")
