from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from halfsky.web.orgs.models import Area, Department, Profile


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
class HalfSkyUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "last_name", "is_active", "role", "department"]

    @admin.display(description=_("role"))
    def role(self, user):
        return user.profile.get_role_display() if hasattr(user, "profile") else "—"

    @admin.display(description=_("department"))
    def department(self, user):
        return user.profile.department if hasattr(user, "profile") else "—"


admin.site.site_header = _("HalfSky administration")
admin.site.site_title = _("HalfSky")
