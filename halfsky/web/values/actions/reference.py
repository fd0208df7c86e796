"""Actions on values: the only code that writes observations and reference values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from halfsky.formats.reference_csv import ReferenceFigure
from halfsky.web.audit.records import record
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Indicator
from halfsky.web.values.models import Observation, ReferenceValue


@transaction.atomic
def do_load_reference_values(figures: Iterable[ReferenceFigure], actor: Any = None) -> int:
    """Replace the national reference values with ``figures``."""
    ReferenceValue.objects.all().delete()
    rows = ReferenceValue.objects.bulk_create(
        ReferenceValue(
            geography=f.geography, indicator_name=f.indicator, indicator_name_en=f.indicator_en,
            year=f.year, value=f.value, unit=f.unit, target=f.target, source=f.source,
            source_en=f.source_en, maintainer_note=f.maintainer_note,
        )
        for f in figures
    )
    record("reference.load", "reference", "national", actor, count=len(rows))
    return len(rows)


@transaction.atomic
def do_store_sample_values(
    indicator: Indicator, area: Area, values: Iterable[dict[str, Any]], actor: Any = None
) -> int:
    """Store demo values (示例数据) for one indicator and area, replacing earlier sample values.

    Each item has ``year``, ``breakdown`` and ``value`` and may have
    ``numerator`` and ``denominator``. Values entered by people (not sample)
    and values of a reporting round are never touched.
    """
    items = list(values)
    years = {item["year"] for item in items}
    Observation.objects.for_indicator(indicator).filter(
        area=area, is_sample=True, year__in=years, task__isnull=True).delete()
    taken = set(Observation.objects.for_indicator(indicator).filter(area=area)
                .values_list("year", "breakdown"))
    rows = Observation.objects.bulk_create(
        Observation(indicator_id=indicator.series_id, area=area, is_sample=True, source="demo", **item)
        for item in items
        if (item["year"], item["breakdown"]) not in taken
    )
    return len(rows)
