"""Reassessment proportional to the change: one approved value judges again only the series
it reaches; the other indicators' results stay as they were, and the year reads as after a
full recompute."""

from __future__ import annotations

from typing import Any

import pytest

from halfsky.web.assessments.actions import do_recompute
from halfsky.web.assessments.background import do_mark_pending
from halfsky.web.assessments.models import AssessmentResult, PendingRecompute, Warning
from halfsky.web.plans.models import Indicator
from halfsky.web.values.actions.store import Change, store_values
from halfsky.web.values.models import Observation, ValueStatus

from .conftest import YEAR

SKIP = {"id", "computed_at"}


def results(plan: Any, year: int = YEAR) -> dict[tuple[Any, ...], dict[str, Any]]:
    """The year's results by series, without their id and time."""
    rows = AssessmentResult.objects.filter(plan=plan, year=year).order_by().values()
    return {(r["indicator_id"], r["target_position"], r["area_id"], r["breakdown"]):
            {k: v for k, v in r.items() if k not in SKIP} for r in rows}


def stamps(plan: Any) -> dict[tuple[Any, ...], tuple[int, Any]]:
    return {(r.indicator_id, r.target_position, r.area_id, r.breakdown): (r.pk, r.computed_at)
            for r in AssessmentResult.objects.filter(plan=plan, year=YEAR)}


def warnings(plan: Any) -> dict[tuple[Any, ...], tuple[str, Any]]:
    return {(w.indicator_id, w.area_id, w.kind): (w.state, w.details)
            for w in Warning.objects.filter(plan=plan, year=YEAR)}


def approve_new_value(plan: Any, code: str, factor: float, capture: Any) -> Indicator:
    """Correct the county's approved value of ``code`` for the assessed year."""
    indicator = Indicator.objects.get(plan=plan, code=code)
    value = Observation.objects.get(indicator_id=indicator.series_id, area=plan.region,
                                    year=YEAR, breakdown="", status=ValueStatus.APPROVED)
    before = value.snapshot()
    value.value = (value.value or 1.0) * factor
    value.numerator = value.denominator = None
    with capture(execute=True):  # the reassessment runs once the change is committed
        store_values([Change(value, before)], "correct")
    return indicator


def test_one_value_leaves_other_indicators_results_untouched_and_equals_a_full_recompute(
        plan: Any, django_capture_on_commit_callbacks: Any) -> None:
    before = stamps(plan)
    indicator = approve_new_value(plan, "H13", 0.5, django_capture_on_commit_callbacks)
    after = stamps(plan)
    assert set(after) == set(before)
    changed = {key for key in after if after[key] != before[key]}
    assert changed and {key[0] for key in changed} == {indicator.pk}
    assert not PendingRecompute.objects.exists()

    partial, partial_warnings = results(plan), warnings(plan)
    do_recompute(plan, YEAR)  # the whole plan
    assert partial == results(plan)
    assert partial_warnings == warnings(plan)


def test_a_compared_indicator_reassesses_the_indicator_compared_with_it(
        plan: Any, django_capture_on_commit_callbacks: Any) -> None:
    before = stamps(plan)
    compared = approve_new_value(plan, "D01", 1.5, django_capture_on_commit_callbacks)
    after = stamps(plan)
    judged = {key[0] for key in after if after[key] != before[key]}
    assert judged == {compared.pk, Indicator.objects.get(plan=plan, code="D02").pk}
    partial = results(plan)
    do_recompute(plan, YEAR)
    assert partial == results(plan)


def test_a_year_not_assessed_yet_is_assessed_in_full(
        plan: Any, django_capture_on_commit_callbacks: Any) -> None:
    full = results(plan)
    AssessmentResult.objects.filter(plan=plan, year=YEAR).delete()
    one = Indicator.objects.get(plan=plan, code="H13").pk
    summary = do_recompute(plan, YEAR, indicators=[one])
    assert results(plan) == full and summary.results == len(full)


def test_pending_years_collect_indicators_and_a_whole_plan_request_wins(plan: Any) -> None:
    h12, h13, h14 = (Indicator.objects.get(plan=plan, code=c).pk for c in ("H12", "H13", "H14"))

    def pending() -> list[int]:
        return PendingRecompute.objects.get(plan=plan, year=YEAR).indicators

    do_mark_pending(plan, [YEAR], [h13])
    do_mark_pending(plan, [YEAR], [h12])
    assert pending() == sorted([h12, h13])
    do_mark_pending(plan, [YEAR])  # e.g. a goal rating: the whole plan
    assert pending() == []
    do_mark_pending(plan, [YEAR], [h14])
    assert pending() == []  # still the whole plan


def test_a_recompute_that_fails_halfway_leaves_the_years_results_as_they_were(
        plan: Any, monkeypatch: Any) -> None:
    """The old results are deleted and the new ones written in one transaction."""
    before = results(plan)

    def broken_insert(*args: Any) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("halfsky.web.assessments.actions.insert_rows", broken_insert)
    with pytest.raises(RuntimeError):
        do_recompute(plan, YEAR)
    assert results(plan) == before and before


def test_after_the_plan_changed_a_change_of_one_value_judges_the_whole_year(plan: Any) -> None:
    """Targets or links changed since the year was judged (``loaded_at``): the other
    indicators' results would be stale, so the whole year is judged again."""
    before = stamps(plan)
    plan.save(update_fields=["loaded_at"])  # as loading the plan again or linking does
    one = Indicator.objects.get(plan=plan, code="H13")
    do_recompute(plan, YEAR, indicators=[one.pk])
    after = stamps(plan)
    assert after and all(after[key] != before.get(key) for key in after)
