"""Reports (报告) and evaluation rounds (评估任务) as stored.

``Report`` is one annual monitoring report or one mid-term / final evaluation
report of a plan: its editable sections (``texts``), the exact inputs it was
built from (``inputs``, JSON: values, assessment results, warnings with the
departments' answers, national figures, evaluation ratings), the files
generated from them and its state (draft → reviewed → approved → published).
A published report keeps its inputs, so it regenerates identically.

``EvaluationRound`` is a mid-term (2023) or final (2025) evaluation; it holds
one ``EvaluationItem`` per goal and measure: the lead department's 落实情况,
self-rating and ``Evidence`` files, and the evaluation group's rating.
Only ``actions`` writes these rows.

``DepartmentYearReport`` is a department's yearly 规划落实情况和下一年工作安排
(draft → submitted, returned with a comment → submitted again); written only
by ``year_reports``. Submitted ones feed the evaluation reports.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from halfsky.web.orgs.models import Department
from halfsky.web.plans.models import Goal, Measure, Plan


class ReportKind(models.TextChoices):
    ANNUAL = "annual", _("Annual monitoring report")
    MIDTERM = "midterm", _("Mid-term evaluation report")
    FINAL = "final", _("Final evaluation report")


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")


class Report(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    state = models.CharField(_("state"), max_length=10, choices=ReportState.choices,
                             default=ReportState.DRAFT)
    texts = models.JSONField(_("editable sections"), default=dict, blank=True)
    inputs = models.JSONField(_("values used"), default=dict, blank=True)
    docx = models.FileField(_("Word file"), upload_to="reports/", blank=True)
    pdf = models.FileField(_("PDF file"), upload_to="reports/", blank=True)
    xlsx = models.FileField(_("compendium"), upload_to="reports/", blank=True)
    pdf_problem = models.CharField(_("PDF problem"), max_length=40, blank=True)
    seconds = models.JSONField(_("generation time"), default=dict, blank=True)
    generated_at = models.DateTimeField(_("generated at"), null=True, blank=True)
    generated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["-year", "kind"]
        constraints = [models.UniqueConstraint(fields=["plan", "kind", "year"],
                                               name="report_unique_kind_year")]
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self) -> str:
        return f"{self.plan.code} {self.kind} {self.year}"


class EvaluationRound(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="evaluation_rounds")
    kind = models.CharField(_("kind"), max_length=10, choices=[
        (ReportKind.MIDTERM.value, _("Mid-term evaluation")),
        (ReportKind.FINAL.value, _("Final evaluation"))])
    year = models.PositiveSmallIntegerField(_("year"))
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["plan", "kind"],
                                               name="evaluation_round_unique_kind")]
        verbose_name = _("evaluation round")
        verbose_name_plural = _("evaluation rounds")

    def __str__(self) -> str:
        return f"{self.plan.code} {self.kind} {self.year}"


class SelfRating(models.TextChoices):
    IMPLEMENTED = "implemented", _("Implemented")
    PARTLY_IMPLEMENTED = "partly_implemented", _("Partly implemented")
    NOT_IMPLEMENTED = "not_implemented", _("Not implemented")


class GoalRatingChoice(models.TextChoices):
    MET = "met", _("Met")
    PARTLY_MET = "partly_met", _("Partly met")
    NOT_MET = "not_met", _("Not met")


class EvaluationItem(models.Model):
    """One goal or measure of an evaluation round: the lead department's account and rating."""

    round = models.ForeignKey(EvaluationRound, on_delete=models.CASCADE, related_name="items")
    goal = models.ForeignKey(Goal, null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    measure = models.ForeignKey(Measure, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="+")
    department = models.ForeignKey(Department, verbose_name=_("lead department"), null=True,
                                   blank=True, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("implementation"), blank=True)
    self_rating = models.CharField(_("self-rating"), max_length=20, blank=True,
                                   choices=SelfRating.choices)
    review_rating = models.CharField(_("evaluation group's rating"), max_length=20, blank=True)
    review_comment = models.TextField(_("evaluation group's comment"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        ordering = ["round", "goal__domain__number", "measure__domain__number", "goal__number",
                    "measure__number"]
        verbose_name = _("evaluation item")
        verbose_name_plural = _("evaluation items")

    def __str__(self) -> str:
        subject = self.goal or self.measure
        return f"{self.round} {subject}"

    @property
    def subject(self) -> Goal | Measure:
        subject = self.goal or self.measure
        assert subject is not None
        return subject

    @property
    def is_goal(self) -> bool:
        return self.goal_id is not None

    @property
    def review_label(self) -> str:
        choices = GoalRatingChoice.choices if self.is_goal else SelfRating.choices
        return str(dict(choices).get(self.review_rating, ""))


class Evidence(models.Model):
    """A file a department attaches to its account (PDF, Word, image), checked on upload."""

    item = models.ForeignKey(EvaluationItem, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="evidence/")
    name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(_("file type"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["item", "uploaded_at"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.name


class YearReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")


class DepartmentYearReport(models.Model):
    """A department's yearly report on the plan: 规划落实情况和下一年工作安排.

    The department writes it (draft), its head submits it, the coordinator may
    return it with a comment (returned) and the department submits it again.
    Submitted reports feed the mid-term and final evaluation reports. Only
    ``year_reports`` writes these rows.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="year_reports")
    department = models.ForeignKey(Department, verbose_name=_("department"),
                                   on_delete=models.PROTECT, related_name="year_reports")
    year = models.PositiveSmallIntegerField(_("year"))
    implementation = models.TextField(_("implementation of the plan this year"), blank=True)
    next_year = models.TextField(_("work planned for the next year"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=YearReportState.choices,
                             default=YearReportState.DRAFT)
    return_comment = models.TextField(_("coordinator's comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["year", "department__code"]
        constraints = [models.UniqueConstraint(fields=["plan", "department", "year"],
                                               name="year_report_unique_department_year")]
        verbose_name = _("department's yearly report")
        verbose_name_plural = _("departments' yearly reports")

    def __str__(self) -> str:
        return f"{self.plan.code} {self.department.code} {self.year}"
