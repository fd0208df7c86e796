"""Assessment results (评估结果) and warnings (预警) as stored.

``AssessmentResult`` is the one shape of a judged series — indicator ×
target × area × breakdown, for a plan and a year — that the pages (and the
API and reports, later) read; ``actions.do_recompute`` replaces a year's
results at once. ``Warning`` is a finding routed to the indicator's lead
department as work: the department answers with 原因分析 and 整改措施, the
coordinator accepts or sends it back; every step is a ``WarningStep``.
Only ``actions`` writes these rows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from halfsky.domain import breakdowns
from halfsky.web.orgs.models import Area, Department
from halfsky.web.orgs.permissions import RestrictedQuerySet
from halfsky.web.plans.models import Goal, Indicator, Plan


class ResultQuerySet(RestrictedQuerySet["AssessmentResult"]):
    department_fields = ("indicator__lead", "indicator__supporting")


class AssessmentResult(models.Model):
    """One series judged against one target, as of ``year``.

    ``target_position`` is the target's position among the indicator's
    targets (None: the indicator has no target and is judged by its good
    direction). ``breakdown`` is "" for the total (and for a gap target,
    whose series is the gap between its two groups), else ``dimension=value``.
    Numbers that do not apply are NULL; ``warnings`` holds the engine's
    warning codes (``forecast_miss``, ``moving_away``, ``volatile``,
    ``small_numbers``, ``missing``).
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="assessment_results")
    year = models.PositiveSmallIntegerField(_("year assessed"))
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE,
                                  related_name="assessment_results")
    target_position = models.PositiveSmallIntegerField(_("target"), null=True, blank=True)
    target_kind = models.CharField(_("target kind"), max_length=20, default="none")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    breakdown = models.CharField(_("breakdown"), max_length=breakdowns.MAX_LENGTH, blank=True,
                                 default="")
    method = models.CharField(_("method"), max_length=10)
    status = models.CharField(_("status"), max_length=30)
    progress = models.FloatField(_("progress"), null=True, blank=True)
    achievement = models.FloatField(_("achievement"), null=True, blank=True)
    time_elapsed = models.FloatField(_("time elapsed"), null=True, blank=True)
    score = models.FloatField(_("score"), null=True, blank=True)
    forecast = models.FloatField(_("forecast"), null=True, blank=True)
    forecast_linear = models.FloatField(_("linear forecast"), null=True, blank=True)
    interval_low = models.FloatField(_("interval low"), null=True, blank=True)
    interval_high = models.FloatField(_("interval high"), null=True, blank=True)
    pooled_value = models.FloatField(_("pooled value"), null=True, blank=True)
    pooled_low = models.FloatField(_("pooled interval low"), null=True, blank=True)
    pooled_high = models.FloatField(_("pooled interval high"), null=True, blank=True)
    pooled_years = models.PositiveSmallIntegerField(_("years pooled"), default=0)
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"), null=True, blank=True)
    baseline_value = models.FloatField(_("baseline value"), null=True, blank=True)
    latest_year = models.PositiveSmallIntegerField(_("latest year"), null=True, blank=True)
    latest_value = models.FloatField(_("latest value"), null=True, blank=True)
    volatile_year = models.PositiveSmallIntegerField(_("volatile year"), null=True, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)
    computed_at = models.DateTimeField(_("computed at"), default=timezone.now)

    objects = ResultQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "year", "indicator__position", "target_position", "area__code",
                    "breakdown"]
        constraints = [models.UniqueConstraint(
            fields=["plan", "year", "indicator", "target_position", "area", "breakdown"],
            name="assessment_result_unique_series")]
        indexes = [models.Index(fields=["plan", "year"]),
                   # the overview's cache key: the year's newest result, found in the index
                   models.Index(fields=["plan", "year", "computed_at"], name="result_newest")]
        verbose_name = _("assessment result")
        verbose_name_plural = _("assessment results")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.breakdown} {self.year}: {self.status}"


class WarningKind(models.TextChoices):
    """The engine's warning codes that raise a warning, stored as the engine names them."""

    FORECAST_MISS = "forecast_miss", _("Expected to miss the target")
    MOVING_AWAY = "moving_away", _("Moving away from the target")
    VOLATILE = "volatile", _("Large fluctuation")
    MISSING = "missing", _("Data missing")


class WarningState(models.TextChoices):
    OPEN = "open", _("Awaiting answer")
    ANSWERED = "answered", _("Answered, awaiting review")
    ACCEPTED = "accepted", _("Accepted")
    SENT_BACK = "sent_back", _("Sent back")
    RESOLVED = "resolved", _("No longer found")


class WarningQuerySet(RestrictedQuerySet["Warning"]):
    department_fields = ("department",)


class Warning(models.Model):  # 预警 (shadows the builtin inside this module only)
    """A finding (预警) of one indicator in one area and year, routed to its department."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="warnings")
    year = models.PositiveSmallIntegerField(_("year"))
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="warnings")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=WarningKind.choices)
    department = models.ForeignKey(Department, verbose_name=_("department"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="warnings")
    state = models.CharField(_("state"), max_length=20, choices=WarningState.choices,
                             default=WarningState.OPEN)
    details = models.JSONField(_("finding"), default=dict, blank=True)
    cause_analysis = models.TextField(_("cause analysis"), blank=True)
    corrective_actions = models.TextField(_("corrective actions"), blank=True)
    comment = models.TextField(_("coordinator's comment"), blank=True)
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    objects = WarningQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "indicator__position", "area__code", "kind"]
        constraints = [models.UniqueConstraint(
            fields=["plan", "year", "indicator", "area", "kind"], name="warning_unique_finding")]
        # the warnings list's and the overview's counts by state, from the index alone
        indexes = [models.Index(fields=["plan", "state"], name="warning_by_state")]
        verbose_name = _("warning")
        verbose_name_plural = _("warnings")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.area.code} {self.year} {self.kind}"

    @property
    def awaits_department(self) -> bool:
        return self.state in {WarningState.OPEN, WarningState.SENT_BACK}


class WarningStep(models.Model):
    """One step in a warning's history (append-only): who, when, what was written."""

    warning = models.ForeignKey(Warning, on_delete=models.CASCADE, related_name="steps")
    at = models.DateTimeField(_("time"), default=timezone.now)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    action = models.CharField(_("action"), max_length=20)
    state = models.CharField(_("state"), max_length=20, choices=WarningState.choices)
    cause_analysis = models.TextField(_("cause analysis"), blank=True)
    corrective_actions = models.TextField(_("corrective actions"), blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["warning", "at", "id"]
        verbose_name = _("warning step")
        verbose_name_plural = _("warning steps")

    def __str__(self) -> str:
        return f"{self.warning_id} {self.action} {self.at:%Y-%m-%d %H:%M}"


class AssessmentMethod(models.TextChoices):
    CHINA = "china", _("national method (achievement vs. time elapsed)")
    OPENSDG = "opensdg", _("Open SDG method")
    UNSD = "unsd", _("UN Statistics Division method")


class IndicatorMethod(models.Model):
    """The assessment method chosen for an indicator (the national method when absent)."""

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE,
                                     related_name="assessment_method")
    method = models.CharField(_("method"), max_length=10, choices=AssessmentMethod.choices,
                              default=AssessmentMethod.CHINA)

    class Meta:
        verbose_name = _("assessment method")
        verbose_name_plural = _("assessment methods")

    def __str__(self) -> str:
        return f"{self.indicator}: {self.get_method_display()}"


class PendingRecompute(models.Model):
    """A plan year to reassess in the background (after a change of an approved value).

    ``background.request_recompute`` adds rows in the transaction of the change
    (the value writer, ``data.actions.store``); the background job takes them and
    reassesses each year once, however many requests asked for it meanwhile.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    # The plan's indicators whose values changed: only the series they reach are judged
    # again; empty: the whole plan.
    indicators = models.JSONField(_("indicators"), default=list, blank=True)

    class Meta:
        ordering = ["plan", "year"]
        constraints = [models.UniqueConstraint(fields=["plan", "year"],
                                               name="pending_recompute_unique_year")]
        verbose_name = _("pending reassessment")
        verbose_name_plural = _("pending reassessments")

    def __str__(self) -> str:
        return f"{self.plan.code} {self.year}"


class GoalRating(models.Model):
    """The evaluation group's rating of a goal (met | partly_met | not_met) in a year.

    The evaluation group rates goals in the mid-term and final evaluations
    (``reports``); the goal's qualitative targets take the latest rating of a
    year up to the year assessed. ``ratings.do_rate_goal`` writes these rows.
    """

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    rating = models.CharField(_("rating"), max_length=20)
    rated_at = models.DateTimeField(_("rated at"), default=timezone.now)

    class Meta:
        ordering = ["year", "rated_at"]
        constraints = [models.UniqueConstraint(fields=["goal", "year"],
                                               name="goal_rating_unique_year")]
        verbose_name = _("goal rating")
        verbose_name_plural = _("goal ratings")

    def __str__(self) -> str:
        return f"{self.goal_id} {self.year} {self.rating}"
