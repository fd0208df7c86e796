"""Validation of a task's values with the domain rules (halfsky.domain.validation)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from halfsky.domain.validation import (
    GROUPS_DO_NOT_ADD_UP,
    IMPLAUSIBLE,
    MISSING,
    Entry,
    Finding,
    Rules,
    Severity,
    default_rules,
    validate,
)
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


def refusals(findings: Iterable[Finding], *, partial: bool = False) -> list[Finding]:
    """What a writer of many values at once refuses — the Excel upload, the exchange and
    the import of earlier years alike, with the web form's message codes: every error
    (a negative count, a value below 0 or above the largest allowed, a numerator above its
    denominator …), and a value outside the indicator's usual range (0 岁 of a life
    expectancy) that no explanation (the row's 备注) explains. A jump since last year is
    not refused: the task page asks for its explanation, as the web form does.

    ``partial``: the values are a part of a task (an Excel upload, a delivery): an empty
    value and totals whose parts are entered later are the task's to settle before it is
    submitted, as in the web form — not refused here."""
    lenient = {MISSING, GROUPS_DO_NOT_ADD_UP} if partial else set()
    return [f for f in findings
            if (f.severity == Severity.ERROR and f.code not in lenient)
            or (f.code == IMPLAUSIBLE and not f.explained)]
