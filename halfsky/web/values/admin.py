from django.contrib import admin

from halfsky.web.values.models import ValidationRule


@admin.register(ValidationRule)
class ValidationRuleAdmin(admin.ModelAdmin):
    list_display = ["indicator", "minimum", "maximum", "plausible_low", "plausible_high",
                    "yoy_change", "required"]
    autocomplete_fields = ["indicator"]
    search_fields = ["indicator__code", "indicator__name"]
