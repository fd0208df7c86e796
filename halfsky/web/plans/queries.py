"""Read-side helpers for the plan browser: what each page shows, in few queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from halfsky.web.core.text.targets import target_in_words
from halfsky.web.data.models import Observation, ReferenceValue
from halfsky.web.plans import models


def get_plan(code: str) -> models.Plan:
    plan = models.Plan.objects.select_related("region").filter(code=code).first()
    if plan is None:
        raise Http404(code)
    return plan


def indicators_with_targets() -> QuerySet[models.Indicator]:
    return models.Indicator.objects.select_related("lead", "goal__domain").prefetch_related(
        "supporting", Prefetch("targets", queryset=models.Target.objects.select_related("reference"))
    )


def domains_with_counts(plan: models.Plan) -> QuerySet[models.Domain]:
    return plan.domains.annotate(
        goal_count=Count("goals", distinct=True),
        measure_count=Count("measures", distinct=True),
        indicator_count=Count("goals__indicators", distinct=True),
    ).order_by("number")


def goals_with_indicators(queryset: QuerySet[models.Goal]) -> QuerySet[models.Goal]:
    return queryset.select_related("lead", "domain").prefetch_related(
        "supporting", Prefetch("indicators", queryset=indicators_with_targets())
    )


@dataclass
class TargetView:
    words: str
    target: models.Target


def target_views(indicator: models.Indicator) -> list[TargetView]:
    return [TargetView(target_in_words(t.to_domain(), t.reference), t) for t in indicator.targets.all()]


def with_targets(indicators: list[models.Indicator], latest_for: set[int] | None = None
                 ) -> list[models.Indicator]:
    """Attach ``target_list`` (targets in words) and, for ``latest_for``, ``latest`` values."""
    latest = latest_totals([i for i in indicators if i.pk in latest_for]) if latest_for else {}
    for indicator in indicators:
        indicator.target_list = target_views(indicator)  # type: ignore[attr-defined]
        indicator.latest = latest.get(indicator.pk)  # type: ignore[attr-defined]
    return indicators


@dataclass
class ValueTable:
    """Values of one indicator and area by breakdown (rows) and year (columns)."""

    years: list[int] = field(default_factory=list)
    rows: list[tuple[str, list[Observation | None]]] = field(default_factory=list)
    is_sample: bool = False

    @property
    def empty(self) -> bool:
        return not self.rows


def value_table(observations: list[Observation]) -> ValueTable:
    years = sorted({o.year for o in observations})
    by_breakdown: dict[str, dict[int, Observation]] = defaultdict(dict)
    for observation in observations:
        by_breakdown[observation.breakdown][observation.year] = observation
    rows = [(b, [by_breakdown[b].get(y) for y in years]) for b in sorted(by_breakdown, key=_order)]
    return ValueTable(years, rows, any(o.is_sample for o in observations))


def _order(breakdown: str) -> tuple[int, str]:
    return (0 if breakdown == "" else 1, breakdown)


def indicator_values(indicator: models.Indicator) -> dict[str, Any]:
    observations = list(
        Observation.objects.filter(indicator=indicator).select_related("area").order_by("year")
    )
    region = indicator.plan.region_id
    county = [o for o in observations if o.area_id == region]
    townships: dict[str, list[Observation]] = defaultdict(list)
    for observation in observations:
        if observation.area_id != region and observation.breakdown == "":
            townships[observation.area.name].append(observation)
    return {
        "county": value_table(county),
        "townships": value_table_by_area(townships),
        "reference": list(
            ReferenceValue.objects.filter(indicator_name=indicator.national_reference)
        ) if indicator.national_reference else [],
    }


def value_table_by_area(by_area: dict[str, list[Observation]]) -> ValueTable:
    years = sorted({o.year for values in by_area.values() for o in values})
    rows = []
    for name in sorted(by_area):
        by_year = {o.year: o for o in by_area[name]}
        rows.append((name, [by_year.get(y) for y in years]))
    samples = any(o.is_sample for values in by_area.values() for o in values)
    return ValueTable(years, rows, samples)


def latest_totals(indicators: list[models.Indicator]) -> dict[int, Observation]:
    """The latest total value of each indicator in its plan's region."""
    latest: dict[int, Observation] = {}
    rows = Observation.objects.filter(
        indicator__in=indicators, breakdown="", area_id__in={i.plan.region_id for i in indicators}
    ).order_by("indicator_id", "year")
    for observation in rows:
        latest[observation.indicator_id] = observation
    return latest


def search_plan(plan: models.Plan, query: str) -> dict[str, Any]:
    words = query.split()
    if not words:
        return {"goals": [], "measures": [], "indicators": []}
    goal_q, measure_q, indicator_q = Q(), Q(), Q()
    for word in words:
        goal_q &= Q(text__icontains=word) | Q(domain__name__icontains=word)
        measure_q &= Q(text__icontains=word) | Q(domain__name__icontains=word)
        indicator_q &= (Q(name__icontains=word) | Q(definition__icontains=word)
                        | Q(code__iexact=word))
    return {
        "goals": list(models.Goal.objects.filter(domain__plan=plan).filter(goal_q)
                      .select_related("domain")[:50]),
        "measures": list(models.Measure.objects.filter(domain__plan=plan).filter(measure_q)
                         .select_related("domain")[:50]),
        "indicators": list(plan.indicators.filter(indicator_q).select_related("goal__domain")[:50]),
    }
