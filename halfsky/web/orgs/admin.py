from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from halfsky.web.orgs.actions import do_record_account_change
from halfsky.web.orgs.models import Area, Department, Profile


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


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class HalfSkyUserAdmin(AuditedAccountsMixin, UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "last_name", "is_active", "role", "department"]

    @admin.display(description=_("role"))
    def role(self, user):
        return user.profile.get_role_display() if hasattr(user, "profile") else "—"

    @admin.display(description=_("department"))
    def department(self, user):
        return user.profile.department if hasattr(user, "profile") else "—"


admin.site.unregister(Group)


@admin.register(Group)
class HalfSkyGroupAdmin(AuditedAccountsMixin, GroupAdmin):
    pass


admin.site.site_header = _("HalfSky administration")
admin.site.site_title = _("HalfSky")
