"""A plan as stored: the rows behind the plan browser.

The rows are written only by ``actions.do_load_plan`` from a domain Plan;
``document`` keeps the plan file's dictionary so ``halfsky plan show``
prints exactly what was loaded.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from halfsky.domain import targets as domain_targets
from halfsky.domain.plan import Subject, plan_subject
from halfsky.domain.targets import Comparator, TargetKind
from halfsky.web.core.addresses import reverse
from halfsky.web.orgs.models import Area, Department
from halfsky.web.orgs.permissions import RestrictedQuerySet


class PlanManager(models.Manager["Plan"]):
    """Plans without their plan file: ``document`` (the whole plan as loaded, about 200 KB
    of JSON for a county plan) is read from the database only when code reads it. Every
    page loads its plan and the top bar's chooser loads them all; decoding their files
    took about a third of a page's time. (A query joining a plan through
    ``select_related`` says ``.defer("…plan__document")`` itself.)"""

    def get_queryset(self) -> models.QuerySet[Plan]:
        return super().get_queryset().defer("document")


class Plan(models.Model):
    code = models.SlugField(_("code"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    region = models.ForeignKey(Area, verbose_name=_("region"), on_delete=models.PROTECT)
    start_year = models.PositiveSmallIntegerField(_("start year"))
    end_year = models.PositiveSmallIntegerField(_("end year"))
    baseline_year = models.PositiveSmallIntegerField(_("baseline year"))
    document = models.JSONField(_("plan file"), default=dict)
    loaded_at = models.DateTimeField(_("loaded at"), auto_now=True)

    objects = PlanManager()

    class Meta:
        ordering = ["-start_year", "code"]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return self.title

    @property
    def subject(self) -> Subject | None:
        """Whom the plan is about, as its title declares (儿童发展规划: children)."""
        return plan_subject(self.title, self.code)

    @property
    def is_children_plan(self) -> bool:
        """A children's plan: its pages say girls and boys (女童, 男童), not women and men."""
        return self.subject == Subject.CHILDREN


class Domain(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="domains")
    code = models.SlugField(_("code"), max_length=40)
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="domain_unique_code")]
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:domain", args=[self.plan.code, self.code])


class GoalKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("Quantitative")
    DIRECTIONAL = "directional", _("Directional")
    QUALITATIVE = "qualitative", _("Qualitative")


class Goal(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="goals")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=20, choices=GoalKind.choices)
    lead = models.ForeignKey(
        Department, verbose_name=_("lead department"), null=True, on_delete=models.PROTECT,
        related_name="led_goals",
    )
    supporting = models.ManyToManyField(
        Department, verbose_name=_("supporting departments"), related_name="supported_goals",
        blank=True,
    )

    class Meta:
        ordering = ["domain__number", "number"]
        constraints = [models.UniqueConstraint(fields=["domain", "number"], name="goal_unique_number")]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.domain.name} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("plans:goal", args=[self.domain.plan.code, self.domain.code, self.number])


class Measure(models.Model):
    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("text"))
    lead = models.ForeignKey(
        Department, verbose_name=_("lead department"), null=True, on_delete=models.PROTECT,
        related_name="led_measures",
    )
    supporting = models.ManyToManyField(
        Department, verbose_name=_("supporting departments"), related_name="supported_measures",
        blank=True,
    )

    class Meta:
        ordering = ["domain__number", "number"]
        constraints = [
            models.UniqueConstraint(fields=["domain", "number"], name="measure_unique_number")
        ]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return f"{self.domain.name} {self.number}"

    def get_absolute_url(self) -> str:
        return reverse("plans:domain", args=[self.domain.plan.code, self.domain.code]) + (
            f"#measure-{self.number}"
        )

    @property
    def title(self) -> str:
        return self.title_of(self.text)

    @staticmethod
    def title_of(text: str) -> str:
        """A measure's title: its text's first sentence."""
        return text.partition("。")[0]


class IndicatorQuerySet(RestrictedQuerySet["Indicator"]):
    department_fields = ("lead", "supporting")


class Indicator(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="indicators")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    definition = models.TextField(_("definition"), blank=True)
    numerator = models.TextField(_("numerator"), blank=True)
    denominator = models.TextField(_("denominator"), blank=True)
    per = models.PositiveIntegerField(_("per"), null=True, blank=True)
    polarity = models.CharField(_("polarity"), max_length=10)
    disaggregations = models.JSONField(_("disaggregations"), default=list)
    lead = models.ForeignKey(
        Department, verbose_name=_("reporting department"), null=True, on_delete=models.PROTECT,
        related_name="led_indicators",
    )
    supporting = models.ManyToManyField(
        Department, verbose_name=_("supporting departments"), related_name="supported_indicators",
        blank=True,
    )
    statistical_period = models.CharField(_("statistical period"), max_length=20)
    cadence = models.CharField(_("cadence"), max_length=20)
    national_reference = models.CharField(_("national reference series"), max_length=200, blank=True)
    same_as = models.ForeignKey(
        "self", verbose_name=_("same series as"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="series_links",
        help_text=_("Another plan's indicator whose values this indicator shares."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="indicator_unique_code")]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:indicator", args=[self.plan.code, self.code])

    @property
    def series_id(self) -> int:
        """The id of the indicator under which this indicator's values are stored."""
        return self.same_as_id or self.pk


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=[(k.value, k.value) for k in TargetKind])
    comparator = models.CharField(
        _("comparator"), max_length=10, blank=True, choices=[(c.value, c.symbol) for c in Comparator]
    )
    value = models.FloatField(_("value"), null=True, blank=True)
    tolerance = models.FloatField(_("tolerance"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    groups = models.JSONField(_("groups"), default=list, blank=True)
    relative_to = models.ForeignKey(
        Indicator, verbose_name=_("indicator compared with"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="relative_targets",
    )
    source = models.TextField(_("source text"), blank=True)

    class Meta:
        ordering = ["indicator", "position"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.kind}"

    def to_domain(self) -> domain_targets.Target:
        """The target as the domain knows it, for checking and describing."""
        groups = tuple(self.groups)
        return domain_targets.Target(
            kind=TargetKind(self.kind),
            unit=self.unit,
            year=self.year,
            comparator=Comparator(self.comparator) if self.comparator else None,
            value=self.value,
            tolerance=self.tolerance,
            groups=(groups[0], groups[1]) if len(groups) == 2 else None,
            relative_to=self.relative_to.code if self.relative_to_id else None,
            source=self.source,
        )
