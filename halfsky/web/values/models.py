"""Values and their collection: observations, reporting rounds, tasks, history.

County observations and national reference values live in separate tables
so a reference figure can never be mistaken for county data. Every change
of an observation leaves a ``ValueChange`` (append-only): who, when, old →
new, why. Only ``actions.py`` writes these rows.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from halfsky.domain import breakdowns
from halfsky.web.core.text.values import UNAPPROVED_STATE
from halfsky.web.orgs.models import Area, Department
from halfsky.web.orgs.permissions import RestrictedQuerySet
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.plans.queries import own_by_series, series_ids


class Round(models.Model):
    """A year's reporting round (填报任务), opened by the coordinator, one per data year for
    every plan in force that year (``plans``): the 2025 round collects the 2021–2025 plan's
    final year and the 2026–2030 plan's baseline, and the children's plan's beside them."""

    year = models.PositiveSmallIntegerField(_("data year"), unique=True)
    deadline = models.DateField(_("deadline"))
    election_year = models.BooleanField(
        _("village-committee election year"), default=False,
        help_text=_("Include the indicators reported in election years."),
    )
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("reporting round")
        verbose_name_plural = _("reporting rounds")

    def __str__(self) -> str:
        return str(self.year)

    @property
    def plans(self) -> list[Plan]:
        """The plans taking part: those in force in the data year (baseline year to end)."""
        cached = self.__dict__.get("_plans")
        if cached is None:
            cached = self.__dict__["_plans"] = plans_in_force(self.year)
        return cached

    @property
    def is_overdue(self) -> bool:
        return self.closed_at is None and timezone.localdate() > self.deadline


def plans_in_force(year: int) -> list[Plan]:
    """The plans whose data year ``year`` is: baseline year ≤ year ≤ end year, oldest first."""
    return list(Plan.objects.filter(baseline_year__lte=year, end_year__gte=year)
                .select_related("region").order_by("start_year", "code"))


class TaskState(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    CONFIRMED = "confirmed", _("Confirmed by the head")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class TaskQuerySet(RestrictedQuerySet["Task"]):
    department_fields = ("department",)


class Task(models.Model):
    """One department's part of a round: its indicators × areas × breakdowns."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="tasks")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="tasks")
    state = models.CharField(_("state"), max_length=20, choices=TaskState.choices,
                             default=TaskState.NOT_STARTED)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["round", "department__name"]
        constraints = [
            models.UniqueConstraint(fields=["round", "department"], name="task_unique_department")
        ]
        verbose_name = _("reporting task")
        verbose_name_plural = _("reporting tasks")

    def __str__(self) -> str:
        return f"{self.round} {self.department}"

    @property
    def is_overdue(self) -> bool:
        return self.round.is_overdue and self.state in {
            TaskState.NOT_STARTED, TaskState.IN_PROGRESS, TaskState.RETURNED}


class ValueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class ValueFlag(models.TextChoices):
    NONE = "", _("—")
    PROVISIONAL = "provisional", _("Provisional")
    ESTIMATED = "estimated", _("Estimated")
    NOT_APPLICABLE = "not_applicable", _("Not applicable (work not carried out)")


class ObservationQuerySet(RestrictedQuerySet["Observation"]):
    """Observations; read an indicator's or a plan's values only through ``for_indicator``,
    ``for_indicators`` or ``for_plan``: an indicator sharing another plan's series
    (``Indicator.same_as``) has its values stored under that plan's indicator.

    Approved is the area's number: tables, charts, dashboards, exports and reports read
    ``approved()``; a value not yet approved (``unapproved()``) is shown, marked with its
    state, only to those who work on it (``data.view_unapproved_values``)."""

    department_fields = ("indicator__lead", "indicator__supporting", "task__department")

    def approved(self) -> ObservationQuerySet:
        return self.filter(status=ValueStatus.APPROVED)

    def unapproved(self) -> ObservationQuerySet:
        return self.exclude(status=ValueStatus.APPROVED)

    def for_indicator(self, indicator: Indicator) -> ObservationQuerySet:
        return self.filter(indicator_id=indicator.series_id)

    def for_indicators(self, indicators: Iterable[Indicator]) -> ObservationQuerySet:
        return self.filter(indicator_id__in={i.series_id for i in indicators})

    def for_plan(self, plan: Plan) -> ObservationQuerySet:
        return self.filter(indicator_id__in=series_ids(plan))

    def seen_by(self, plan: Plan) -> list[Observation]:
        """The plan's rows, each with ``indicator`` set to the plan's own indicator reading its
        series (its code, unit, position, targets) — for reading and exporting, never saving."""
        own = own_by_series(plan)
        rows = list(self.for_plan(plan).select_related("area"))
        for row in rows:
            row.indicator = own[row.indicator_id]
        return rows


class Observation(models.Model):
    """One value: indicator × area × year × breakdown.

    ``breakdown`` is "" for the total, otherwise ``dimension=value`` such as
    ``sex=female`` or ``urban_rural=rural``. ``is_sample`` marks demo values
    (示例数据, not official statistics). ``version`` grows with every change,
    so a save based on an older version is a conflict, never an overwrite.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="observations")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="observations")
    year = models.PositiveSmallIntegerField(_("year"))
    breakdown = models.CharField(_("breakdown"), max_length=breakdowns.MAX_LENGTH, blank=True,
                                 default="")
    value = models.FloatField(_("value"), null=True, blank=True)
    numerator = models.FloatField(_("numerator"), null=True, blank=True)
    denominator = models.FloatField(_("denominator"), null=True, blank=True)
    flag = models.CharField(_("flag"), max_length=20, choices=ValueFlag.choices, blank=True,
                            default="")
    note = models.TextField(_("note"), blank=True)
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Why a value that raised a warning is right.")
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="observations")
    status = models.CharField(_("status"), max_length=20, choices=ValueStatus.choices,
                              default=ValueStatus.APPROVED)
    review_comment = models.TextField(_("review comment"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ObservationQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "area", "breakdown", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area", "year", "breakdown"], name="observation_unique_key"
            )
        ]
        # An indicator's totals (or one breakdown) by year, over all areas: the latest year
        # of the township comparison, a year's values of many areas.
        indexes = [models.Index(fields=["indicator", "breakdown", "year"],
                                name="observation_by_year")]
        verbose_name = _("observation")
        verbose_name_plural = _("observations")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.year} {self.breakdown}: {self.value}"

    @property
    def key(self) -> str:
        return f"{self.indicator.code}|{self.area.code}|{self.year}|{self.breakdown}"

    @property
    def flag_choices(self) -> list[tuple[str, str]]:
        return list(ValueFlag.choices)

    @property
    def is_locked(self) -> bool:
        return self.status == ValueStatus.APPROVED

    @property
    def state_label(self) -> str:
        """待审核 / 已退回 / 草稿 for a value not yet approved; "" for an approved one."""
        if self.status == ValueStatus.APPROVED:
            return ""
        return str(UNAPPROVED_STATE.get(self.status, self.status))

    def snapshot(self) -> dict[str, object]:
        return {"value": self.value, "numerator": self.numerator,
                "denominator": self.denominator, "flag": self.flag, "note": self.note,
                "source": self.source,
                "explanation": self.explanation, "status": self.status}


class ValueChange(models.Model):
    """One step in a value's history (append-only)."""

    observation = models.ForeignKey(Observation, on_delete=models.CASCADE, related_name="changes")
    at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("action"), max_length=30)
    before = models.JSONField(_("before"), default=dict)
    after = models.JSONField(_("after"), default=dict)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["observation", "at", "id"]
        verbose_name = _("value change")
        verbose_name_plural = _("value changes")

    def __str__(self) -> str:
        return f"{self.observation_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class ValidationRule(models.Model):
    """Per-indicator settings of the checks, over the defaults derived from the unit.

    Empty fields keep the default; set in the admin by the statistics bureau
    or the administrator.
    """

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE,
                                     related_name="validation_rule")
    minimum = models.FloatField(_("smallest allowed value"), null=True, blank=True)
    maximum = models.FloatField(_("largest allowed value"), null=True, blank=True)
    plausible_low = models.FloatField(_("usual range from"), null=True, blank=True)
    plausible_high = models.FloatField(_("usual range to"), null=True, blank=True)
    yoy_change = models.FloatField(
        _("year-on-year change that warns"), null=True, blank=True,
        help_text=_("As a share: 0.33 warns when a value moves by more than a third since last year."))
    required = models.BooleanField(_("value required"), default=True)

    class Meta:
        verbose_name = _("validation rule")
        verbose_name_plural = _("validation rules")

    def __str__(self) -> str:
        return str(self.indicator)

    def overrides(self) -> dict[str, object]:
        fields = ("minimum", "maximum", "plausible_low", "plausible_high", "yoy_change")
        changed: dict[str, object] = {f: getattr(self, f) for f in fields
                                      if getattr(self, f) is not None}
        changed["required"] = self.required
        return changed


class EarlierYearsImport(models.Model):
    """An uploaded file of earlier years' values, kept until it is applied or dropped."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="earlier_years_imports")
    filename = models.CharField(_("file"), max_length=200)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_count = models.PositiveIntegerField(default=0)
    # The file's rows as read when it was staged (lists of ``HistoryRow``'s fields): the
    # apply checks them against the database without reading the file again.
    rows = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import of earlier years")
        verbose_name_plural = _("imports of earlier years")

    def __str__(self) -> str:
        return self.filename


class ReferenceValue(models.Model):
    """A national figure from a published report, with the publication it was read from.

    ``source`` is the publication in Chinese, ``source_en`` in short English;
    ``citation`` is the one for the active language. ``maintainer_note`` is for
    whoever maintains the reference file and is never shown on a page or report.
    """

    geography = models.CharField(_("geography"), max_length=40)
    indicator_name = models.CharField(_("indicator"), max_length=200, db_index=True)
    indicator_name_en = models.CharField(_("indicator (English)"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("value"))
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    target = models.CharField(_("target"), max_length=60, blank=True)
    maintainer_note = models.TextField(_("maintainer note"), blank=True)
    source = models.TextField(_("source"))
    source_en = models.TextField(_("source (English)"), blank=True)

    class Meta:
        ordering = ["indicator_name", "year"]
        verbose_name = _("reference value")
        verbose_name_plural = _("reference values")

    def __str__(self) -> str:
        return f"{self.geography} {self.indicator_name} {self.year}: {self.value}{self.unit}"

    @property
    def citation(self) -> str:
        """The publication in the active language (Chinese unless English is chosen)."""
        english = (get_language() or "").startswith("en")
        return self.source_en if english and self.source_en else self.source
