"""Read-only admin lists of results and warnings (changes go through the actions)."""

from __future__ import annotations

from django.contrib import admin

from halfsky.web.assessments.models import AssessmentResult, IndicatorMethod, Warning, WarningStep
from halfsky.web.core.admin import ReadOnlyAdmin


@admin.register(AssessmentResult)
class AssessmentResultAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "year", "area", "breakdown", "target_position", "method",
                    "status", "computed_at"]
    list_filter = ["year", "status", "method"]
    search_fields = ["indicator__code", "indicator__name"]


class WarningStepInline(admin.TabularInline):
    model = WarningStep
    extra = 0
    can_delete = False
    readonly_fields = ["at", "actor", "action", "state", "cause_analysis", "corrective_actions",
                       "comment"]


@admin.register(Warning)
class WarningAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "year", "area", "kind", "department", "state", "updated_at"]
    list_filter = ["year", "kind", "state", "department"]
    search_fields = ["indicator__code", "indicator__name"]
    inlines = [WarningStepInline]


@admin.register(IndicatorMethod)
class IndicatorMethodAdmin(admin.ModelAdmin):
    list_display = ["indicator", "method"]
    list_filter = ["method"]
    autocomplete_fields = ["indicator"]
    search_fields = ["indicator__code", "indicator__name"]
