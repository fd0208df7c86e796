"""Exchange between instances as stored; rows are written only by this app's actions.

On a **parent** instance (city, province): ``ChildAccess`` is a token issued
to one child area — it may deliver that area's values and nothing else;
``Delivery`` is one batch received (push or pull), found again by its content
id so a batch sent twice changes nothing; ``ReceivedValue`` is each value
received with its provenance (sending instance, version, approval, reason of a
correction) and what it did; ``Conflict`` is a received value that differs
from one stored from another source, waiting for a person; ``AggregateValue``
is the parent area's value computed from its children; ``ChildSource`` is
where the parent pulls a child's values from.

On a **child** instance (county): ``ParentLink`` is where to push, with the
token the parent issued; ``PushRun`` is one push and how far it got.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from halfsky.domain import breakdowns
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.tokens.models import IssuedKey
from halfsky.web.values.models import Observation


class ChildAccess(IssuedKey):
    KEY_START = "hsx_"  # personal API tokens start with hs_

    area = models.ForeignKey(Area, verbose_name=_("child area"), on_delete=models.PROTECT,
                             related_name="exchange_tokens")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["area__code", "-created_at"]
        verbose_name = _("exchange token")
        verbose_name_plural = _("exchange tokens")

    def __str__(self) -> str:
        return f"{self.area} {self.name} ({self.prefix}…)"


class ParentLink(models.Model):
    """The parent instance this one pushes to (one row)."""

    url = models.URLField(_("parent instance address"), max_length=300)
    token = models.CharField(_("token issued by the parent"), max_length=100)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("parent instance")
        verbose_name_plural = _("parent instance")

    def __str__(self) -> str:
        return self.url


class ChildSource(models.Model):
    """Where a child area's instance can be pulled from, with a token it issued."""

    area = models.OneToOneField(Area, verbose_name=_("child area"), on_delete=models.PROTECT,
                                related_name="exchange_source")
    url = models.URLField(_("child instance address"), max_length=300)
    token = models.CharField(_("token issued by the child"), max_length=100)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("child instance")
        verbose_name_plural = _("child instances")

    def __str__(self) -> str:
        return f"{self.area} {self.url}"


class DeliveryMethod(models.TextChoices):
    PUSH = "push", _("Pushed by the child")
    PULL = "pull", _("Pulled by this instance")


class Delivery(models.Model):
    area = models.ForeignKey(Area, verbose_name=_("child area"), on_delete=models.PROTECT,
                             related_name="exchange_deliveries")
    batch = models.CharField(_("batch"), max_length=64)
    method = models.CharField(_("method"), max_length=10, choices=DeliveryMethod.choices)
    instance = models.CharField(_("sending instance"), max_length=200, blank=True)
    access = models.ForeignKey(ChildAccess, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="deliveries")
    counts = models.JSONField(_("counts"), default=dict)
    received_at = models.DateTimeField(_("received at"), default=timezone.now)

    class Meta:
        ordering = ["-received_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["area", "batch"],
                                               name="delivery_unique_batch")]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")

    def __str__(self) -> str:
        return f"{self.area} {self.batch[:12]}"


class Outcome(models.TextChoices):
    CREATED = "created", _("Stored")
    UPDATED = "updated", _("Replaced the earlier version")
    UNCHANGED = "unchanged", _("Already stored")
    CONFLICT = "conflict", _("Conflict: waits for a decision")


class KeyedValue(models.Model):
    """A value's key (indicator × area × year × breakdown) and its numbers."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    breakdown = models.CharField(_("breakdown"), max_length=breakdowns.MAX_LENGTH, blank=True,
                                 default="")
    value = models.FloatField(_("value"), null=True, blank=True)
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)

    class Meta:
        abstract = True


class ReceivedValue(KeyedValue):
    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="values")
    flag = models.CharField(_("flag"), max_length=20, blank=True, default="")
    version = models.PositiveIntegerField(_("sender's version"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.CharField(_("approved by"), max_length=150, blank=True)
    reason = models.TextField(_("reason for the correction"), blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    observation = models.ForeignKey(Observation, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="received")
    observation_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["indicator", "area", "year", "breakdown", "version"]
        constraints = [models.UniqueConstraint(
            fields=["indicator", "area", "year", "breakdown", "version"],
            name="received_unique_version")]
        verbose_name = _("received value")
        verbose_name_plural = _("received values")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.year} v{self.version}"


class ConflictState(models.TextChoices):
    OPEN = "open", _("Waiting for a decision")
    KEPT = "kept", _("Stored value kept")
    TAKEN = "taken", _("Received value taken")
    SUPERSEDED = "superseded", _("Superseded by a newer version")


class Conflict(models.Model):
    received = models.OneToOneField(ReceivedValue, on_delete=models.CASCADE,
                                    related_name="conflict")
    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="+")
    stored = models.JSONField(_("stored value"), default=dict)
    state = models.CharField(_("state"), max_length=12, choices=ConflictState.choices,
                             default=ConflictState.OPEN)
    comment = models.TextField(_("comment"), blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("conflict")
        verbose_name_plural = _("conflicts")

    def __str__(self) -> str:
        return f"{self.received} ({self.state})"


class AggregateValue(KeyedValue):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    contributed = models.PositiveIntegerField(_("children with a value"))
    expected = models.PositiveIntegerField(_("children"))
    missing = models.JSONField(_("children without a value"), default=list)
    complete = models.BooleanField(_("complete"))
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)
    observation = models.ForeignKey(Observation, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    observation_version = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["indicator", "year", "breakdown"]
        constraints = [models.UniqueConstraint(fields=["indicator", "area", "year", "breakdown"],
                                               name="aggregate_unique_key")]
        verbose_name = _("aggregate value")
        verbose_name_plural = _("aggregate values")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.year}: {self.value}"


class PushState(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class PushRun(models.Model):
    url = models.CharField(_("parent instance address"), max_length=300)
    state = models.CharField(_("state"), max_length=10, choices=PushState.choices,
                             default=PushState.RUNNING)
    batches = models.PositiveIntegerField(_("batches"), default=0)
    sent = models.PositiveIntegerField(_("batches delivered"), default=0)
    values = models.PositiveIntegerField(_("values"), default=0)
    counts = models.JSONField(_("counts"), default=dict)
    error = models.CharField(_("error"), max_length=60, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("push")
        verbose_name_plural = _("pushes")

    def __str__(self) -> str:
        return f"{self.url} {self.started_at:%Y-%m-%d %H:%M} ({self.state})"


class AreaPopulation(models.Model):
    """An area's resident population in a year: the weights of population-weighted means.

    Kept by the coordinator in the administration; an aggregate uses the figure
    of the value's year, or the latest earlier one.
    """

    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.CASCADE,
                             related_name="populations")
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.PositiveIntegerField(_("population"), null=True, blank=True)
    female = models.PositiveIntegerField(_("female population"), null=True, blank=True)
    male = models.PositiveIntegerField(_("male population"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        ordering = ["area__code", "-year"]
        constraints = [models.UniqueConstraint(fields=["area", "year"],
                                               name="population_unique_year")]
        verbose_name = _("area population")
        verbose_name_plural = _("area populations")

    def __str__(self) -> str:
        return f"{self.area} {self.year}"
