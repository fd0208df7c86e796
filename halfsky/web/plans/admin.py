from django import forms
from django.contrib import admin

from halfsky.web.core.text import sentence
from halfsky.web.orgs.permissions import may
from halfsky.web.plans import models
from halfsky.web.plans.actions import do_link_indicator


@admin.register(models.Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "start_year", "end_year", "loaded_at"]
    exclude = ["document"]

    def has_add_permission(self, request, obj=None):  # plans come from plan files
        return False

    def has_change_permission(self, request, obj=None):
        return False


class IndicatorLinkForm(forms.ModelForm):
    class Meta:
        model = models.Indicator
        fields = ["same_as"]

    def clean_same_as(self):
        other = self.cleaned_data["same_as"]
        indicator = self.instance
        if (other is not None and indicator.same_as_id != (other.same_as_id or other.pk)
                and indicator.observations.exists()):
            raise forms.ValidationError(sentence("plan_load.series_link_has_values",
                                                 {"indicator": indicator.code}))
        return other


@admin.register(models.Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    """Indicators come from the plan file; only the shared series (``same_as``) is changed
    here, offering other plans' indicators in the same unit that hold their own values."""

    list_display = ["code", "name", "unit", "plan", "same_as"]
    list_filter = ["plan"]
    search_fields = ["code", "name"]
    form = IndicatorLinkForm
    fields = ["plan", "code", "name", "unit", "same_as"]
    readonly_fields = ["plan", "code", "name", "unit"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return may(request.user, "plans.link_series")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "same_as":
            indicator = getattr(request, "_indicator_in_admin", None)
            choices = models.Indicator.objects.filter(same_as__isnull=True).select_related("plan")
            if indicator is not None:
                choices = choices.filter(unit=indicator.unit).exclude(plan=indicator.plan)
            kwargs["queryset"] = choices.order_by("plan__start_year", "plan__code", "position")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        request._indicator_in_admin = obj
        return super().get_form(request, obj, change, **kwargs)

    def save_model(self, request, obj, form, change):
        if "same_as" in form.changed_data:  # the one action that links series
            do_link_indicator(models.Indicator.objects.get(pk=obj.pk), obj.same_as, request.user)

    def has_delete_permission(self, request, obj=None):
        return False
