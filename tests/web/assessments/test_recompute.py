"""do_recompute: the demo's statuses, cases built from observations, warnings kept once."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from halfsky.web.assessments.actions import do_recompute
from halfsky.web.assessments.models import AssessmentResult, Warning, WarningState
from halfsky.web.audit.models import AuditEvent

from .conftest import YEAR, county


def test_the_demo_is_assessed_with_every_kind_of_status(plan) -> None:
    results = AssessmentResult.objects.filter(plan=plan, year=YEAR)
    totals = results.filter(area=plan.region, breakdown="")
    assert set(totals.values_list("indicator__code", flat=True)) == set(
        plan.indicators.values_list("code", flat=True))  # every indicator, data or not
    assert {"met", "expected_to_meet", "at_risk", "moving_away", "insufficient_evidence",
            "no_data"} <= set(totals.values_list("status", flat=True))
    assert results.exclude(area=plan.region).exists()  # townships
    assert results.exclude(breakdown="").exists()  # breakdowns
    assert results.filter(interval_low__isnull=False).exists()  # rates with counts
    assert all(r.is_sample for r in totals.exclude(status="no_data"))
    assert Warning.objects.filter(plan=plan, year=YEAR).exists()


def test_recomputing_the_demo_is_audited(plan) -> None:
    summary = do_recompute(plan, YEAR)
    assert summary.results == AssessmentResult.objects.filter(plan=plan, year=YEAR).count()
    event = AuditEvent.objects.filter(action="assessment.recompute").first()
    assert event is not None and event.details["results"] == summary.results


def test_met_at_risk_and_insufficient_evidence_from_observations(plan, set_series) -> None:
    set_series("H12", {2020: 45.0, 2022: 48.0, 2024: 52.0})  # ≥ 50%
    set_series("H13", {2020: 85.0, 2022: 85.5, 2024: 86.0})  # ≥ 90%: too slow
    # 孕产妇死亡率 ≤ 12.5/10万: one death in 700 births is 142.9/10万, but proves little
    set_series("H03", {2020: (1, 700), 2021: (0, 700), 2022: (0, 700), 2023: (0, 700),
                       2024: (1, 700)})
    do_recompute(plan, YEAR)

    (met,) = county(plan, "H12")
    assert met.status == "met" and met.latest_value == 52.0 and met.latest_year == 2024

    (at_risk,) = county(plan, "H13")
    assert at_risk.status == "at_risk" and at_risk.method == "china"
    assert at_risk.achievement == pytest.approx(0.2)  # (86 − 85) / (90 − 85)
    assert at_risk.time_elapsed == pytest.approx(0.8)  # (2024 − 2020) / (2025 − 2020)
    assert at_risk.progress == pytest.approx(0.25)
    assert at_risk.forecast < 90
    assert "forecast_miss" in at_risk.warnings

    unclear = county(plan, "H03")[0]
    assert unclear.status == "insufficient_evidence"
    assert unclear.latest_value == pytest.approx(142.857, abs=0.01)
    assert unclear.interval_low < 12.5 < unclear.interval_high
    assert unclear.pooled_years == 3
    assert unclear.pooled_value == pytest.approx(47.619, abs=0.01)  # 1 / 2100 births
    assert unclear.pooled_low < 12.5 < unclear.pooled_high
    assert "small_numbers" in unclear.warnings

    kinds = set(Warning.objects.filter(plan=plan, year=YEAR, indicator__code="H13")
                .values_list("kind", flat=True))
    assert kinds == {"forecast_miss"}
    assert not Warning.objects.filter(plan=plan, year=YEAR, indicator__code="H03",
                                      kind="volatile").exclude(state="resolved").exists()


def test_warnings_are_created_once_and_answered_ones_are_kept(plan, set_series) -> None:
    from django.contrib.auth import get_user_model

    from halfsky.web.assessments.actions import do_answer_warning

    set_series("H13", {2020: 85.0, 2022: 85.5, 2024: 86.0})
    do_recompute(plan, YEAR)
    before = set(Warning.objects.filter(plan=plan, year=YEAR).values_list("pk", "kind"))
    summary = do_recompute(plan, YEAR)
    assert summary.raised == 0
    assert set(Warning.objects.filter(plan=plan, year=YEAR).values_list("pk", "kind")) == before

    warning = Warning.objects.get(plan=plan, year=YEAR, indicator__code="H13", kind="forecast_miss")
    assert warning.department.code == "health" and warning.state == WarningState.OPEN
    reporter = get_user_model().objects.get(username="health_reporter")
    do_answer_warning(warning, "原因", "措施", reporter)
    do_recompute(plan, YEAR)
    assert Warning.objects.filter(indicator__code="H13", year=YEAR, kind="forecast_miss").count() == 1
    warning.refresh_from_db()
    assert warning.state == WarningState.ANSWERED and warning.cause_analysis == "原因"

    set_series("H13", {2020: 85.0, 2022: 88.0, 2024: 91.0})  # now met: nothing to warn
    do_recompute(plan, YEAR)
    warning.refresh_from_db()
    assert warning.state == WarningState.ANSWERED  # an answer is never thrown away


def test_an_open_warning_no_longer_found_is_resolved_and_can_come_back(plan, set_series) -> None:
    set_series("H13", {2020: 85.0, 2022: 85.5, 2024: 86.0})
    do_recompute(plan, YEAR)
    warning = Warning.objects.get(plan=plan, year=YEAR, indicator__code="H13", kind="forecast_miss")
    set_series("H13", {2020: 85.0, 2022: 88.0, 2024: 91.0})
    assert do_recompute(plan, YEAR).resolved >= 1
    warning.refresh_from_db()
    assert warning.state == WarningState.RESOLVED
    set_series("H13", {2020: 85.0, 2022: 85.5, 2024: 86.0})
    assert do_recompute(plan, YEAR).reopened >= 1
    warning.refresh_from_db()
    assert warning.state == WarningState.OPEN
    assert list(warning.steps.values_list("action", flat=True)) == [
        "raised", "resolved", "raised_again"]


def test_missing_data_warns_only_when_due_and_only_for_yearly_indicators(plan, set_series) -> None:
    from halfsky.web.values.models import Round

    set_series("H12", {2020: 45.0, 2022: 48.0, 2023: 49.0})  # yearly, no 2024 value
    set_series("D03", {2020: 20.0, 2022: 21.0})  # reported in election years
    do_recompute(plan, YEAR)
    missing = set(Warning.objects.filter(plan=plan, year=YEAR, kind="missing")
                  .values_list("indicator__code", flat=True))
    assert "H12" in missing and "D03" not in missing

    Warning.objects.filter(plan=plan, year=YEAR).delete()
    Round.objects.create(year=YEAR,
                         deadline=timezone.localdate() + datetime.timedelta(days=10))
    do_recompute(plan, YEAR)  # the round is still running: nothing is missing yet
    assert not Warning.objects.filter(plan=plan, year=YEAR, kind="missing").exists()


def test_approving_values_recomputes_the_year(plan, django_capture_on_commit_callbacks) -> None:
    from django.contrib.auth import get_user_model

    from halfsky.web.orgs.models import Department
    from halfsky.web.values.actions.values import do_review_task
    from halfsky.web.values.models import Observation, Round, Task, TaskState, ValueStatus

    round_ = Round.objects.create(year=2025, deadline=timezone.localdate())
    task = Task.objects.create(round=round_, department=Department.objects.get(code="health"),
                               state=TaskState.CONFIRMED)
    value = Observation.objects.create(
        indicator=plan.indicators.get(code="H12"), area=plan.region, year=2025, value=60.0,
        status=ValueStatus.SUBMITTED, task=task)
    assert not AssessmentResult.objects.filter(plan=plan, year=2025).exists()
    reviewer = get_user_model().objects.get(username="statistics")
    with django_capture_on_commit_callbacks(execute=True):
        do_review_task(task, {value.pk: ("approve", "")}, reviewer)
    (result,) = county(plan, "H12", 2025)
    assert result.latest_year == 2025 and result.latest_value == 60.0 and result.status == "met"
