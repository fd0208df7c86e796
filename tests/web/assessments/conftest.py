"""Helpers of the assessment tests: the demo plan, series written straight into the table."""

from __future__ import annotations

from typing import Any

import pytest

PLAN = "jixian-women-2021-2025"
YEAR = 2024  # the demo's last year of values, assessed by set_up_demo


@pytest.fixture
def plan(db: None) -> Any:
    from halfsky.web.plans.models import Plan

    return Plan.objects.select_related("region").get(code=PLAN)


@pytest.fixture
def set_series(plan: Any) -> Any:
    """``set_series("H13", {2020: 85.0, 2024: 86.0})`` replaces every value of the
    indicator by approved county totals; a (k, n) pair is a rate with its counts."""
    from halfsky.web.plans.models import Indicator
    from halfsky.web.values.models import Observation, ValueStatus

    def write(code: str, values: dict[int, Any]) -> Any:
        indicator = Indicator.objects.get(plan=plan, code=code)
        Observation.objects.filter(indicator=indicator).delete()
        for year, value in values.items():
            fields: dict[str, Any] = {"value": value}
            if isinstance(value, tuple):
                k, n = value
                fields = {"value": k / n * (indicator.per or 1), "numerator": k, "denominator": n}
            Observation.objects.create(indicator=indicator, area=plan.region, year=year,
                                       status=ValueStatus.APPROVED, **fields)
        return indicator

    return write


def county(plan: Any, code: str, year: int = YEAR) -> list[Any]:
    """The county-total results of an indicator, by target."""
    from halfsky.web.assessments.models import AssessmentResult

    return list(AssessmentResult.objects.filter(
        plan=plan, year=year, indicator__code=code, area=plan.region, breakdown="",
    ).order_by("target_position"))
