"""Validation of a task's values with the domain rules (halfsky.domain.validation)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from halfsky.domain.validation import Entry, Finding, Rules, default_rules, validate
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import domain_plan
from halfsky.web.values.models import Observation, ValidationRule, ValueFlag


def rules_for(plan: Plan) -> dict[str, Rules]:
    """The validation rules of every indicator: defaults, with the stored settings over them."""
    rules = {i.code: default_rules(i) for i in domain_plan(plan).indicators}
    for setting in ValidationRule.objects.filter(indicator__plan=plan).select_related("indicator"):
        code = setting.indicator.code
        if code in rules:
            rules[code] = replace(rules[code], **setting.overrides())  # type: ignore[arg-type]
    return rules


def previous_values(observations: Sequence[Observation]) -> dict[tuple[int, int, str], float]:
    """Last year's value for each observation's key."""
    if not observations:
        return {}
    years = {o.year - 1 for o in observations}
    earlier = Observation.objects.filter(
        indicator_id__in={o.indicator_id for o in observations}, year__in=years,
        value__isnull=False,
    ).values_list("indicator_id", "area_id", "breakdown", "value")
    return {(i, a, b): v for i, a, b, v in earlier}


def entries(observations: Sequence[Observation]) -> list[Entry]:
    previous = previous_values(observations)
    return [
        Entry(
            key=str(o.pk), indicator=o.indicator.code, breakdown=o.breakdown, value=o.value,
            numerator=o.numerator, denominator=o.denominator, per=o.indicator.per,
            not_applicable=o.flag == ValueFlag.NOT_APPLICABLE, explanation=o.explanation,
            previous=previous.get((o.indicator_id, o.area_id, o.breakdown)),
        )
        for o in observations
    ]


def check(observations: Iterable[Observation]) -> list[Finding]:
    """Findings for the values, each by the rules of the plan its indicator belongs to (a
    round's task holds several plans' values); sums (women + men = total) are checked area
    by area."""
    by_area: dict[tuple[int, int], list[Observation]] = {}
    for observation in observations:
        by_area.setdefault((observation.indicator.plan_id, observation.area_id), []).append(
            observation)
    plans = {plan.pk: plan for plan in Plan.objects.filter(pk__in={p for p, _ in by_area})}
    rules = {pk: rules_for(plan) for pk, plan in plans.items()}
    findings: list[Finding] = []
    for (plan_id, _area), rows in by_area.items():
        findings.extend(validate(entries(rows), rules[plan_id]))
    return findings
