"""Values: the county's observations and the national reference series.

County observations and national reference values live in separate tables
so a reference figure can never be mistaken for county data.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from halfsky.web.orgs.models import Area
from halfsky.web.orgs.permissions import RestrictedQuerySet
from halfsky.web.plans.models import Indicator


class ObservationQuerySet(RestrictedQuerySet["Observation"]):
    department_fields = ("indicator__lead", "indicator__supporting")


class Observation(models.Model):
    """One value: indicator × area × year × breakdown.

    ``breakdown`` is "" for the total, otherwise ``dimension=value`` such as
    ``sex=female`` or ``urban_rural=rural``. ``is_sample`` marks demo values
    (示例数据, not official statistics).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="observations")
    year = models.PositiveSmallIntegerField(_("year"))
    breakdown = models.CharField(_("breakdown"), max_length=60, blank=True, default="")
    value = models.FloatField(_("value"), null=True, blank=True)
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "area", "breakdown", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "year", "breakdown"], name="observation_unique_key"
            )
        ]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.year} {self.breakdown}: {self.value}"


class ReferenceValue(models.Model):
    """A national figure from a published report, with the page it was read from."""

    geography = models.CharField(_("geography"), max_length=40)
    indicator_name = models.CharField(_("indicator"), max_length=200, db_index=True)
    indicator_name_en = models.CharField(_("indicator (English)"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    target = models.CharField(_("target"), max_length=60, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source = models.TextField(_("source"))

    class Meta:
        ordering = ["indicator_name", "year"]
        verbose_name = _("reference value")
        verbose_name_plural = _("reference values")

    def __str__(self) -> str:
        return f"{self.geography} {self.indicator_name} {self.year}: {self.value}{self.unit}"
