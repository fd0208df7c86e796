"""Actions on plans: the only code that writes plan rows.

``do_load_plan`` stores a domain Plan. Loading the same plan again changes
nothing; loading a revised plan updates it in place. An indicator that has
values is never removed by a reload: the load stops and says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from halfsky.domain import plan as domain
from halfsky.domain.errors import CodedError
from halfsky.formats.plan_file import plan_to_dict
from halfsky.web.audit.records import record
from halfsky.web.orgs.models import Area, Department
from halfsky.web.plans import models


class PlanLoadError(CodedError):
    """The plan cannot be loaded without losing data; nothing was changed."""


@dataclass
class LoadSummary:
    plan: models.Plan
    created: bool
    changed: bool
    counts: dict[str, int] = field(default_factory=dict)


def _departments(codes: tuple[str, ...]) -> list[Department]:
    return list(Department.objects.filter(code__in=codes))


def _upsert_areas(areas: tuple[domain.Area, ...]) -> None:
    for area in areas:  # parents come before children in a plan file
        parent = Area.objects.get(code=area.parent) if area.parent else None
        Area.objects.update_or_create(
            code=area.code,
            defaults={"name": area.name, "level": area.level.value, "parent": parent,
                      "is_sample": area.is_sample},
        )


def _set_responsibility(row: Any, responsibility: domain.Responsibility) -> None:
    row.supporting.set(_departments(responsibility.supporting))


@transaction.atomic
def do_load_plan(plan: domain.Plan, actor: Any = None) -> LoadSummary:
    """Store ``plan``, creating or updating it; idempotent."""
    document = plan_to_dict(plan)
    existing = models.Plan.objects.filter(code=plan.code).first()
    if existing is not None and existing.document == document:
        return LoadSummary(existing, created=False, changed=False, counts=_counts(existing))

    for department in plan.departments:
        Department.objects.update_or_create(code=department.code, defaults={"name": department.name})
    _upsert_areas(plan.areas)
    departments = {d.code: d for d in Department.objects.all()}

    stored, created = models.Plan.objects.update_or_create(
        code=plan.code,
        defaults={
            "title": plan.title, "region": Area.objects.get(code=plan.region),
            "start_year": plan.start_year, "end_year": plan.end_year,
            "baseline_year": plan.baseline_year, "document": document,
        },
    )
    goals = _store_domains(stored, plan, departments)
    _store_indicators(stored, plan, goals, departments)
    record("plan.load", "plan", plan.code, actor, created=created)
    return LoadSummary(stored, created=created, changed=True, counts=_counts(stored))


def _store_domains(
    stored: models.Plan, plan: domain.Plan, departments: dict[str, Department]
) -> dict[tuple[str, int], models.Goal]:
    goals: dict[tuple[str, int], models.Goal] = {}
    stored.domains.exclude(code__in=[d.code for d in plan.domains]).delete()
    for item in plan.domains:
        row, _ = models.Domain.objects.update_or_create(
            plan=stored, code=item.code, defaults={"number": item.number, "name": item.name}
        )
        row.goals.exclude(number__in=[g.number for g in item.goals]).delete()
        for goal in item.goals:
            goal_row, _ = models.Goal.objects.update_or_create(
                domain=row, number=goal.number,
                defaults={"text": goal.text, "kind": goal.kind.value,
                          "lead": departments.get(goal.responsibility.lead or "")},
            )
            _set_responsibility(goal_row, goal.responsibility)
            goals[(item.code, goal.number)] = goal_row
        row.measures.exclude(number__in=[m.number for m in item.measures]).delete()
        for measure in item.measures:
            measure_row, _ = models.Measure.objects.update_or_create(
                domain=row, number=measure.number,
                defaults={"text": measure.text,
                          "lead": departments.get(measure.responsibility.lead or "")},
            )
            _set_responsibility(measure_row, measure.responsibility)
    return goals


def _store_indicators(
    stored: models.Plan,
    plan: domain.Plan,
    goals: dict[tuple[str, int], models.Goal],
    departments: dict[str, Department],
) -> None:
    codes = [i.code for i in plan.indicators]
    dropped = stored.indicators.exclude(code__in=codes)
    with_values = list(dropped.filter(observations__isnull=False).distinct().values_list("code", flat=True))
    if with_values:
        raise PlanLoadError("plan_load.indicator_has_values", codes=", ".join(sorted(with_values)))
    dropped.delete()
    rows: dict[str, models.Indicator] = {}
    for position, indicator in enumerate(plan.indicators):
        row, _ = models.Indicator.objects.update_or_create(
            plan=stored, code=indicator.code,
            defaults={
                "goal": goals[(indicator.goal.domain, indicator.goal.goal)],
                "name": indicator.name, "unit": indicator.unit,
                "definition": indicator.definition, "numerator": indicator.numerator,
                "denominator": indicator.denominator, "per": indicator.per,
                "polarity": indicator.polarity.value,
                "disaggregations": indicator.disaggregation_entries(),
                "lead": departments.get(indicator.responsibility.lead or ""),
                "statistical_period": indicator.statistical_period.value,
                "cadence": indicator.cadence.value,
                "national_reference": indicator.national_reference,
                "same_as": _series_root(stored, indicator),
                "position": position,
            },
        )
        _set_responsibility(row, indicator.responsibility)
        rows[indicator.code] = row
    for indicator in plan.indicators:
        row = rows[indicator.code]
        row.targets.all().delete()
        models.Target.objects.bulk_create(
            models.Target(
                indicator=row, position=position, kind=target.kind.value,
                comparator=target.comparator.value if target.comparator else "",
                value=target.value, tolerance=target.tolerance, unit=target.unit,
                year=target.year, groups=list(target.groups or ()),
                relative_to=rows.get(target.relative_to or ""), source=target.source,
            )
            for position, target in enumerate(indicator.targets)
        )


def _series_root(stored: models.Plan, indicator: domain.Indicator) -> models.Indicator | None:
    """The indicator of another plan holding the values ``indicator`` shares (``same_as``),
    followed to the plan that stores them; None without a link."""
    link = indicator.same_as
    if link is None:
        return None
    other = (models.Indicator.objects.select_related("same_as", "plan")
             .filter(plan__code=link.plan, code=link.indicator).first())
    if other is None or other.plan_id == stored.pk:
        raise PlanLoadError("plan_load.unknown_series_link", indicator=indicator.code,
                            plan=link.plan, linked=link.indicator)
    if other.unit != indicator.unit:
        raise PlanLoadError("plan_load.series_link_unit", indicator=indicator.code,
                            unit=indicator.unit, linked_unit=other.unit)
    root = other.same_as or other
    own = stored.indicators.filter(code=indicator.code).first()
    if own is not None and own.same_as_id != root.pk and own.observations.exists():
        raise PlanLoadError("plan_load.series_link_has_values", indicator=indicator.code)
    return root


def _counts(stored: models.Plan) -> dict[str, int]:
    return {
        "domains": stored.domains.count(),
        "goals": models.Goal.objects.filter(domain__plan=stored).count(),
        "measures": models.Measure.objects.filter(domain__plan=stored).count(),
        "indicators": stored.indicators.count(),
    }


@transaction.atomic
def do_link_indicator(indicator: models.Indicator, other: models.Indicator | None,
                      actor: Any = None) -> models.Indicator:
    """Declare ``indicator`` the same series as ``other`` (another plan's indicator, same
    unit), or its own series again (None). The link goes to the indicator holding the
    values; one with values of its own cannot be linked. The plan file keeps the link."""
    root = None
    if other is not None:
        if other.plan_id == indicator.plan_id:
            raise PlanLoadError("plan_load.unknown_series_link", indicator=indicator.code,
                                plan=other.plan.code, linked=other.code)
        if other.unit != indicator.unit:
            raise PlanLoadError("plan_load.series_link_unit", indicator=indicator.code,
                                unit=indicator.unit, linked_unit=other.unit)
        root = other.same_as or other
        if root.pk == indicator.pk:
            raise PlanLoadError("plan_load.unknown_series_link", indicator=indicator.code,
                                plan=other.plan.code, linked=other.code)
        if indicator.same_as_id != root.pk and indicator.observations.exists():
            raise PlanLoadError("plan_load.series_link_has_values", indicator=indicator.code)
    indicator.same_as = root
    indicator.save(update_fields=["same_as"])
    plan = indicator.plan
    for entry in plan.document.get("indicators", []):
        if entry.get("code") == indicator.code:
            entry.pop("same_as", None)
            if other is not None:
                entry["same_as"] = {"plan": other.plan.code, "indicator": other.code}
    plan.save(update_fields=["document", "loaded_at"])
    record("plan.link_series", "indicator", f"{plan.code}/{indicator.code}", actor,
           same_as=f"{root.plan.code}/{root.code}" if root else "")
    return indicator
