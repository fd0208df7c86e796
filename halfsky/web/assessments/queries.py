"""Read-side helpers of the assessment pages: results by indicator, 达标率, warnings.

An indicator's status on the assessment page is that of its county total
(breakdown "") — for an indicator with several targets the least favourable
status among the targets that could be judged (so it counts as met only when
every judged target is met), and 无数据 when none could be judged.
达标率 counts indicators (``halfsky.domain.assessment.attainment_rates``):
met ÷ all indicators (no-data ones in the denominator, as official reports
count) and met ÷ indicators with data.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet

from halfsky.domain.achievement import achievement_shown
from halfsky.domain.assessment import NO_DATA_STATUSES, attainment_rates
from halfsky.web.assessments.models import AssessmentResult, Warning, WarningState
from halfsky.web.core.text.targets import target_in_words
from halfsky.web.orgs.area_view import AreaView
from halfsky.web.orgs.permissions import (
    department_of,
    is_department_bound,
    may,
    reads_everything,
)
from halfsky.web.plans import queries as plan_queries
from halfsky.web.plans.models import Indicator, Plan

# Least favourable first: the status an indicator with several targets takes.
SEVERITY = (
    "moving_away", "deterioration", "regression",
    "at_risk", "limited_progress", "stagnation",
    "moderate_progress", "acceleration_needed",
    "insufficient_evidence",
    "expected_to_meet", "substantial_progress", "on_track",
    "met", "target_achieved", "target_met",
)
AWAITING_DEPARTMENT = (WarningState.OPEN, WarningState.SENT_BACK)
INDICATOR_WARNINGS = 50  # the indicator page's latest warnings; the warnings list has all


def status_counts(statuses: Iterable[str]) -> list[tuple[str, int]]:
    """How many of each status, worst first (the severity order), then any other by name."""
    counts = Counter(statuses)
    return ([(s, counts[s]) for s in reversed(SEVERITY) if counts.get(s)]
            + sorted((s, n) for s, n in counts.items() if s not in SEVERITY))


def combined_status(statuses: Sequence[str]) -> str:
    judged = [s for s in statuses if s not in NO_DATA_STATUSES]
    if not judged:
        return statuses[0] if statuses else "no_data"
    rank = {code: i for i, code in enumerate(SEVERITY)}
    return min(judged, key=lambda s: rank.get(s, len(SEVERITY) // 2))


def assessed_years(plan: Plan) -> list[int]:
    # order_by(): the default ordering's columns would make every row distinct.
    return sorted(AssessmentResult.objects.filter(plan=plan).order_by()
                  .values_list("year", flat=True).distinct())


@dataclass
class IndicatorRow:
    indicator: Indicator
    results: list[ShownResult]
    status: str
    visible: bool
    open_warnings: int = 0


@dataclass
class Rate:
    label: str
    met: int
    monitored: int
    total: int
    rate_all: float | None  # percent
    rate_monitored: float | None
    key: str = ""


@dataclass
class PlanAssessment:
    year: int
    rows: list[IndicatorRow]
    plan_rate: Rate
    domain_rates: list[Rate]
    department_rates: list[Rate]
    status_counts: list[tuple[str, int]]
    computed_at: Any = None
    is_sample: bool = False
    domains: list[tuple[Any, list[IndicatorRow]]] = field(default_factory=list)


def _percent(value: float) -> float | None:
    return None if value != value else round(value * 100, 1)  # NaN → None


def rates(statuses: Sequence[str], groups: Sequence[Hashable],
          labels: dict[Hashable, tuple[str, str]]) -> list[Rate]:
    """达标率 per group, in the order of ``labels`` (group → (key, label))."""
    found = {r.group: r for r in attainment_rates(list(statuses), list(groups))} if statuses else {}
    out = []
    for group, (key, label) in labels.items():
        rate = found.get(group)
        if rate is not None:
            out.append(Rate(label, rate.met, rate.monitored, rate.total,
                            _percent(rate.rate_all), _percent(rate.rate_monitored), key))
    return out


def attach_target_words(results: Iterable[AssessmentResult | ShownResult],
                        indicator: Indicator) -> None:
    targets = plan_queries.targets_of(indicator)
    for result in results:
        position = result.target_position
        target = targets[position] if position is not None and position < len(targets) else None
        result.target_words = (  # type: ignore[attr-defined]
            target_in_words(target.to_domain(), target.relative_to,
                            indicator.plan.is_children_plan) if target else "")
        result.achievement_shown = achievement_shown(  # type: ignore[attr-defined]
            target.to_domain() if target else None, result.status, result.baseline_value,
            result.achievement)


class ShownResult:
    """An assessment result as the assessment page shows it: its ``FIELDS`` (a row of
    ``values_list``, not a model instance of thirty fields), then ``attach_target_words``'s."""

    FIELDS = ("indicator_id", "status", "target_kind", "target_position", "method",
              "latest_value", "latest_year", "baseline_value", "achievement", "time_elapsed",
              "forecast", "interval_low", "interval_high", "pooled_value", "pooled_low",
              "pooled_high", "pooled_years", "is_sample", "computed_at")
    __slots__ = (*FIELDS, "target_words", "achievement_shown")

    def __init__(self, values: Sequence[Any]) -> None:
        for name, value in zip(self.FIELDS, values, strict=True):
            setattr(self, name, value)


# What the assessment page shows of an indicator (not its definition, its breakdowns …).
SHOWN_INDICATOR_FIELDS = ("plan", "goal", "code", "name", "unit", "lead", "position", "same_as")


def plan_assessment(plan: Plan, year: int, user: Any) -> PlanAssessment:
    # Ordered by their own columns: the model's order joins the plan, the indicators, the areas.
    results = [ShownResult(row) for row in AssessmentResult.objects.filter(
        plan=plan, year=year, area_id=plan.region_id, breakdown="",
    ).order_by("indicator_id", "target_position").values_list(*ShownResult.FIELDS)]
    by_indicator: dict[int, list[ShownResult]] = defaultdict(list)
    for result in results:
        by_indicator[result.indicator_id].append(result)
    # The page shows each indicator's lead department (its code and name) and targets, not
    # its supporting ones; its domain by id (the plan's few domains read once), not a goal
    # and a domain per row.
    # Not the plan joined to every row: it is this plan.
    indicators = list(Indicator.objects.only(*SHOWN_INDICATOR_FIELDS)
                      .prefetch_related(plan_queries.targets_prefetch()).filter(plan=plan)
                      .annotate(domain_id=F("goal__domain_id"), lead_code=F("lead__code"),
                                lead_name=F("lead__name")).order_by("position"))
    for indicator in indicators:
        indicator.plan = plan  # their links name the plan: not one query per indicator
    domain_of = {d.pk: d for d in plan.domains.order_by("number")}  # not joining the plan
    visible = ({i.pk for i in indicators} if reads_everything(user) else set(
        Indicator.objects.restrict(user).filter(plan=plan).order_by().values_list("pk", flat=True)))
    open_counts = dict(Warning.objects.restrict(user).filter(
        plan=plan, year=year, state__in=AWAITING_DEPARTMENT).order_by().values("indicator_id")
        .annotate(n=Count("id")).values_list("indicator_id", "n"))
    rows = []
    for indicator in indicators:
        found = by_indicator.get(indicator.pk, [])
        attach_target_words(found, indicator)
        rows.append(IndicatorRow(indicator, found, combined_status([r.status for r in found]),
                                 indicator.pk in visible, open_counts.get(indicator.pk, 0)))
    statuses = [row.status for row in rows]
    in_domains = [row.indicator.domain_id for row in rows]  # type: ignore[attr-defined]
    domain_order = sorted((domain_of[pk] for pk in set(in_domains)), key=lambda d: d.number)
    departments = sorted({(i.lead_id, i.lead_code, i.lead_name)  # type: ignore[attr-defined]
                          for i in indicators if i.lead_id}, key=lambda d: d[2])
    own = department_of(user) if is_department_bound(user) else None
    plan_rate = rates(statuses, [None] * len(rows), {None: ("plan", plan.title)})
    department_rates = rates(
        statuses, [row.indicator.lead_id for row in rows],
        {pk: (code, name) for pk, code, name in departments if own is None or pk == own.pk})
    shown = [row for row in rows if row.visible]
    return PlanAssessment(
        year=year, rows=shown,
        plan_rate=plan_rate[0] if plan_rate else Rate(plan.title, 0, 0, 0, None, None),
        domain_rates=rates(statuses, in_domains, {d.pk: (d.code, d.name) for d in domain_order}),
        department_rates=department_rates,
        status_counts=status_counts(statuses),
        # the latest computation (a partial reassessment recomputes some indicators only)
        computed_at=max((r.computed_at for r in results), default=None),
        is_sample=any(r.is_sample for found in by_indicator.values() for r in found),
        domains=[(d, [row for row in shown
                      if row.indicator.domain_id == d.pk])  # type: ignore[attr-defined]
                 for d in domain_order],
    )


def indicator_assessment(indicator: Indicator, user: Any, areas: AreaView) -> dict[str, Any]:
    """The indicator page's section: the latest year's results of the areas shown (the
    focus area, its children) and those areas' latest warnings."""
    year = (AssessmentResult.objects.filter(indicator=indicator)
            .order_by("-year").values_list("year", flat=True).first())
    results = list(AssessmentResult.objects.filter(indicator=indicator, year=year,
                                                   area_id__in=areas.ids)
                   .select_related("area")) if year is not None else []
    attach_target_words(results, indicator)
    focus = areas.focus.pk
    results.sort(key=lambda r: (r.area_id != focus, r.area.code, r.target_position or 0,
                                r.breakdown != "", r.breakdown))
    rows = Warning.objects.restrict(user).filter(indicator=indicator, area_id__in=areas.ids)
    warnings = list(rows.select_related("area", "department")
                    .order_by("-year", "area__code", "kind")[:INDICATOR_WARNINGS])
    for warning in warnings:
        warning.indicator = indicator  # the table names it: no query per row
    count = len(warnings) if len(warnings) < INDICATOR_WARNINGS else rows.count()
    return {"assessment_year": year, "assessment_results": results,
            "indicator_warnings": warnings, "indicator_warning_count": count,
            "assessment_status": combined_status(
                [r.status for r in results if r.area_id == focus and r.breakdown == ""])}


def warnings_for(user: Any, plan: Plan | None = None, state: str = "",
                 year: int | None = None) -> QuerySet[Warning]:
    # Not the plan: its row carries the whole plan document (hundreds of KB a row).
    rows = Warning.objects.restrict(user).select_related(
        "indicator", "area", "department").order_by(
        "-year", "indicator__position", "area__code", "kind")
    if plan is not None:
        rows = rows.filter(plan=plan)
    if state == "awaiting":
        rows = rows.filter(state__in=AWAITING_DEPARTMENT)
    elif state:
        rows = rows.filter(state=state)
    if year is not None:
        rows = rows.filter(year=year)
    return rows


def state_counts(user: Any, plan: Plan) -> dict[str, int]:
    counts = Warning.objects.restrict(user).filter(plan=plan).aggregate(
        **{state.value: Count("id", filter=Q(state=state.value)) for state in WarningState})
    return {key: value or 0 for key, value in counts.items()}


def banner(user: Any, plan: Plan) -> dict[str, Any]:
    """What the plan's overview says about its warnings: the department's to answer, the
    coordinator's to review."""
    if not may(user, "orgs.use_site"):
        return {}
    if is_department_bound(user):
        rows = Warning.objects.restrict(user).filter(plan=plan, state__in=AWAITING_DEPARTMENT)
        return {"plan": plan, "to_answer": rows.count(),
                "sent_back": rows.filter(state=WarningState.SENT_BACK).count()}
    if may(user, "assessments.review_warnings"):
        rows = Warning.objects.filter(plan=plan)
        return {"plan": plan, "to_review": rows.filter(state=WarningState.ANSWERED).count(),
                "awaiting_departments": rows.filter(state__in=AWAITING_DEPARTMENT).count()}
    return {}

