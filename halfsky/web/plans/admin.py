from django.contrib import admin

from halfsky.web.plans import models


@admin.register(models.Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "start_year", "end_year", "loaded_at"]
    exclude = ["document"]

    def has_add_permission(self, request, obj=None):  # plans come from plan files
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """Read-only here: indicators come from the plan file."""

    list_display = ["code", "name", "unit", "lead"]
    search_fields = ["code", "name"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
