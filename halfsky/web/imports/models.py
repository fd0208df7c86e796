"""Import drafts: an imported plan document under review, before it is published.

A draft keeps the document's text and the generated plan (``document``,
the plan file's data); its indicators and targets are rows so that the
coordinator can correct them one by one. Rows are written only by
``actions``; one draft per document content (``content_hash``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from halfsky.domain.targets import Comparator, TargetKind
from halfsky.web.orgs.models import Area, Department
from halfsky.web.plans.models import Indicator


class DraftStatus(models.TextChoices):
    DRAFT = "draft", _("Under review")
    PUBLISHED = "published", _("Published")


class ImportDraft(models.Model):
    content_hash = models.CharField(_("content hash"), max_length=64, unique=True)
    filename = models.CharField(_("file name"), max_length=255)
    format = models.CharField(_("format"), max_length=10)
    size = models.PositiveIntegerField(_("size"))
    title = models.CharField(_("title"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("start year"))
    end_year = models.PositiveSmallIntegerField(_("end year"))
    region_name = models.CharField(_("region in the document"), max_length=100, blank=True)
    region = models.ForeignKey(Area, verbose_name=_("region"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    plan_code = models.SlugField(_("plan code"), max_length=80)
    source_text = models.TextField(_("document text"))
    document = models.JSONField(_("generated plan"), default=dict)
    unrecognised = models.JSONField(_("sentences with numbers but no target"), default=list)
    problems = models.JSONField(_("problems to check"), default=list, blank=True)
    left_out = models.JSONField(_("text left out"), default=list, blank=True)
    notes = models.JSONField(_("review notes"), default=dict, blank=True)
    previous = models.ForeignKey("self", verbose_name=_("previous import"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    changes = models.JSONField(_("changes since the previous import"), default=list)
    status = models.CharField(_("status"), max_length=10, choices=DraftStatus.choices,
                              default=DraftStatus.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_code = models.CharField(_("published as"), max_length=80, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("import draft")
        verbose_name_plural = _("import drafts")

    def __str__(self) -> str:
        return f"{self.title} ({self.filename})"


class DraftIndicator(models.Model):
    draft = models.ForeignKey(ImportDraft, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(default=0)
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    domain = models.CharField(_("domain"), max_length=40)
    goal = models.PositiveSmallIntegerField(_("goal"))
    department = models.ForeignKey(Department, verbose_name=_("reporting department"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")
    new_department = models.CharField(_("new lead department"), max_length=100, blank=True)
    same_as = models.ForeignKey(
        Indicator, verbose_name=_("same series as"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Another plan's indicator whose values this indicator shares."))

    class Meta:
        ordering = ["draft", "position"]
        constraints = [models.UniqueConstraint(fields=["draft", "code"],
                                               name="draft_indicator_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class DraftTarget(models.Model):
    indicator = models.ForeignKey(DraftIndicator, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=[(k.value, k.value) for k in TargetKind])
    comparator = models.CharField(_("comparator"), max_length=10, blank=True,
                                  choices=[(c.value, c.symbol) for c in Comparator])
    value = models.FloatField(_("value"), null=True, blank=True)
    tolerance = models.FloatField(_("tolerance"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    groups = models.JSONField(_("groups"), default=list, blank=True)
    relative_to = models.CharField(_("indicator compared with"), max_length=20, blank=True)
    span_start = models.PositiveIntegerField()
    span_end = models.PositiveIntegerField()
    source = models.TextField(_("source text"))
    edited = models.BooleanField(_("edited"), default=False)

    class Meta:
        ordering = ["indicator", "position"]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.kind}"
