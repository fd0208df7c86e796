"""Read-side helpers for the plan browser: what each page shows, in few queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from halfsky.domain import plan as domain
from halfsky.formats.plan_file import plan_from_dict
from halfsky.web.core.text.targets import target_in_words
from halfsky.web.plans import models


@lru_cache(maxsize=16)
def _parsed_plan(plan_id: int, loaded_at: str) -> domain.Plan:
    document = models.Plan.objects.filter(pk=plan_id).values_list("document", flat=True).get()
    return plan_from_dict(document)


def domain_plan(plan: models.Plan) -> domain.Plan:
    """The stored plan as domain objects, parsed once per process until the plan is reloaded."""
    return _parsed_plan(plan.pk, plan.loaded_at.isoformat())


def find_plan(code: str) -> models.Plan | None:
    """The plan of that code, or None. Every page and command names its plan; the user's
    current plan (when no code is at hand) is ``plans.choice.chosen_plan``."""
    return models.Plan.objects.select_related("region").filter(code=code).first()


def get_plan(code: str) -> models.Plan:
    """The plan of that code; 404 when there is none (the API answers its error shape)."""
    plan = find_plan(code)
    if plan is None:
        raise Http404(code)
    return plan


def plan_for_command(code: str | None) -> tuple[models.Plan | None, str]:
    """The plan a command names with ``--plan CODE``; without one, the instance's only plan.
    (None, why) when there is no such plan, no plan, or several plans and no code."""
    if code:
        plan = find_plan(code)
        return plan, "" if plan is not None else f"no plan {code}"
    plans = list(models.Plan.objects.select_related("region")[:2])
    if not plans:
        return None, "no plan in the database; run 'halfsky plan load PLAN'"
    if len(plans) > 1:
        codes = ", ".join(models.Plan.objects.values_list("code", flat=True))
        return None, f"this instance has several plans ({codes}); name one with --plan CODE"
    return plans[0], ""


def series_ids(plan: models.Plan) -> QuerySet[Any]:
    """The ids under which the plan's values are stored (a subquery): an indicator's own id,
    or the indicator of another plan whose series it shares (``same_as``)."""
    return (models.Indicator.objects.filter(plan=plan)
            .annotate(series=Coalesce("same_as_id", "id")).values("series"))


def own_by_series(plan: models.Plan) -> dict[int, models.Indicator]:
    """Series id → the plan's own indicator reading that series."""
    return {i.series_id: i for i in models.Indicator.objects.filter(plan=plan)}


def plans_linked_with(plan: models.Plan) -> list[models.Plan]:
    """The other plans sharing at least one series with ``plan``, oldest first."""
    series = series_ids(plan)
    return list(models.Plan.objects.exclude(pk=plan.pk).filter(
        Q(indicators__pk__in=series) | Q(indicators__same_as_id__in=series))
        .distinct().order_by("start_year", "code"))


def linked_pairs(first: models.Plan, second: models.Plan
                 ) -> list[tuple[models.Indicator, models.Indicator]]:
    """The indicators of ``first`` and ``second`` reading the same series, in ``second``'s
    order (the successor's, when ``first`` is the older plan); targets loaded."""
    ones = {i.series_id: i for i in indicators_with_targets().filter(plan=first)}
    return [(ones[i.series_id], i)
            for i in indicators_with_targets().filter(plan=second).order_by("position")
            if i.series_id in ones]


def linked_indicators(indicator: models.Indicator) -> list[models.Indicator]:
    """Every indicator (of any plan) reading the series ``indicator`` reads, itself included,
    oldest plan first."""
    series = indicator.series_id
    return list(models.Indicator.objects.filter(Q(pk=series) | Q(same_as_id=series))
                .select_related("plan").defer("plan__document")
                .order_by("plan__start_year", "plan__code"))


TARGETS_READ = "targets_read"  # the attribute of an indicator's prefetched targets


def targets_prefetch() -> Prefetch:
    """Each indicator's targets, with the indicator a relative target refers to, as the
    list ``targets_of`` gives (Django builds no query set per indicator for it)."""
    # In each indicator's order, not the model's (which joins the indicators and their plans).
    return Prefetch("targets", queryset=models.Target.objects.select_related("relative_to")
                    .order_by("indicator_id", "position"), to_attr=TARGETS_READ)


def targets_of(indicator: models.Indicator) -> list[models.Target]:
    """The indicator's targets in order: those ``targets_prefetch`` read, or read now."""
    found = getattr(indicator, TARGETS_READ, None)
    return found if found is not None else list(indicator.targets.all())


def indicators_with_targets() -> QuerySet[models.Indicator]:
    # The plan (without its file) names the groups in the targets' words (girls or women).
    return (models.Indicator.objects.select_related("lead", "goal__domain", "plan")
            .defer("plan__document").prefetch_related(targets_prefetch()))


def plan_indicators_with_targets(plan: models.Plan) -> list[models.Indicator]:
    """The plan's indicators with their lead departments and targets (not their plan joined
    to every row: it is this plan; not their goals)."""
    indicators = list(models.Indicator.objects.filter(plan=plan).select_related("lead")
                      .prefetch_related(targets_prefetch()))
    for indicator in indicators:
        indicator.plan = plan
    return indicators


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


def target_views(indicator: models.Indicator,
                 targets: list[models.Target] | None = None) -> list[TargetView]:
    """The indicator's targets (``targets`` when the caller read them) in words."""
    children = indicator.plan.is_children_plan
    return [TargetView(target_in_words(t.to_domain(), t.relative_to, children), t)
            for t in (targets_of(indicator) if targets is None else targets)]


def with_targets(indicators: list[models.Indicator]) -> list[models.Indicator]:
    """Attach ``target_list``: the targets in words."""
    for indicator in indicators:
        indicator.target_list = target_views(indicator)  # type: ignore[attr-defined]
    return indicators


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


def _grouped(pairs: Iterable[tuple[int, Any]]) -> dict[int, list[Any]]:
    """The items of (key, item) pairs by their key, in order."""
    groups: dict[int, list[Any]] = {}
    for key, item in pairs:
        groups.setdefault(key, []).append(item)
    return groups


def domain_contents(plan: models.Plan, row: models.Domain) -> tuple[list[Any], list[Any]]:
    """A domain page's goals (``supporting_list``; ``indicator_list``, each indicator with
    its lead and ``target_list``) and measures (``supporting_list``: the supporting units'
    names), grouped by hand in six queries: ``prefetch_related`` costs milliseconds of
    bookkeeping on ten goals."""
    # In their models' order within one domain (one plan, one indicator): without the joins
    # that order costs (the domain's number, the plan's years and code).
    goals = list(row.goals.select_related("lead").order_by("number"))
    measures = list(row.measures.select_related("lead").order_by("number"))
    # Not the plan joined to every indicator (it is this plan), nor their supporting units,
    # nor the columns the page does not show (its definition, its method …).
    indicators = list(models.Indicator.objects.filter(goal__in=goals).select_related("lead")
                      .only("goal_id", "code", "name", "unit", "lead__name").order_by("position"))
    targets = _grouped((t.indicator_id, t) for t in models.Target.objects
                       .filter(indicator__in=indicators).select_related("relative_to")
                       .order_by("position")
                       .only("indicator_id", "kind", "comparator", "value", "tolerance", "unit",
                             "year", "groups", "source", "relative_to__code",
                             "relative_to__name"))
    for indicator in indicators:
        indicator.plan = plan
        indicator.target_list = target_views(  # type: ignore[attr-defined]
            indicator, targets.get(indicator.pk, []))
    by_goal = _grouped((i.goal_id, i) for i in indicators)
    # The departments' names in the order of their model (by name), as the related
    # managers give; a name is what a department prints.
    order = ("department__name", "department_id")
    goal_units = _grouped(models.Goal.supporting.through.objects.filter(goal__in=goals)
                          .order_by(*order).values_list("goal_id", "department__name"))
    measure_units = _grouped(models.Measure.supporting.through.objects
                             .filter(measure__in=measures).order_by(*order)
                             .values_list("measure_id", "department__name"))
    for goal in goals:
        goal.domain = row
        goal.indicator_list = by_goal.get(goal.pk, [])  # type: ignore[attr-defined]
        goal.supporting_list = goal_units.get(goal.pk, [])  # type: ignore[attr-defined]
    for measure in measures:
        measure.domain = row
        measure.supporting_list = measure_units.get(measure.pk, [])  # type: ignore[attr-defined]
    return goals, measures
