from django.contrib import admin

from halfsky.web.exchange.models import AreaPopulation


@admin.register(AreaPopulation)
class AreaPopulationAdmin(admin.ModelAdmin):
    """Population figures of the areas: the weights of population-weighted means."""

    list_display = ["area", "year", "total", "female", "male", "source"]
    list_filter = ["year"]
    search_fields = ["area__name", "area__code"]
    autocomplete_fields = ["area"]
