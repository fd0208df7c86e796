"""One value writer, one reassessment rule: correcting an approved 2023 value, by each writer of
the county, changes the stored 2024 and 2025 assessments that the series changes."""

from __future__ import annotations

from typing import Any

import pytest

from halfsky.web.assessments.actions import FLOATS, do_recompute
from halfsky.web.assessments.models import AssessmentResult, PendingRecompute
from halfsky.web.plans.models import Plan
from halfsky.web.values.models import Observation, Round, Task, TaskState, ValueStatus

pytestmark = pytest.mark.django_db

PLAN = "jixian-women-2021-2025"
CODE = "H12"  # a county series of the demo, 2020–2024, with a target


@pytest.fixture
def plan() -> Plan:
    plan = Plan.objects.select_related("region").get(code=PLAN)
    do_recompute(plan, 2025)  # the demo assessed 2024; 2025 is assessed too
    return plan


@pytest.fixture
def user() -> Any:
    from django.contrib.auth import get_user_model

    return lambda name: get_user_model().objects.get(username=name)


def judged(plan: Plan, year: int) -> tuple[Any, ...]:
    """The stored assessment of the county total of ``CODE`` as of ``year``."""
    result = AssessmentResult.objects.get(plan=plan, year=year, indicator__code=CODE,
                                          area=plan.region, breakdown="", target_position=0)
    return (result.status, result.latest_value, *(getattr(result, f) for f in FLOATS))


def value_2023(plan: Plan) -> Observation:
    return Observation.objects.select_related("indicator", "area").get(
        indicator__plan=plan, indicator__code=CODE, area=plan.region, year=2023, breakdown="")


def corrected(observation: Observation) -> float:
    assert observation.value is not None
    return round(observation.value * 0.8, 1)


def in_a_round(plan: Plan, observation: Observation, state: str) -> Task:
    """The 2023 value in a reporting round of 2023, its task in ``state``."""
    round_ = Round.objects.create(year=2023, deadline="2024-03-31")
    task = Task.objects.create(round=round_, department=observation.indicator.lead, state=state)
    observation.task = task
    observation.save(update_fields=["task"])
    return task


def test_approving_a_value_in_the_web_form_reassesses_its_year_and_the_later_ones(
        plan: Plan, user: Any, django_capture_on_commit_callbacks: Any) -> None:
    from halfsky.web.values.actions.values import do_review_task

    before = {year: judged(plan, year) for year in (2024, 2025)}
    observation = value_2023(plan)
    task = in_a_round(plan, observation, TaskState.CONFIRMED)
    observation.value, observation.status = corrected(observation), ValueStatus.SUBMITTED
    observation.save()  # submitted and confirmed: not yet in any assessment
    assert {year: judged(plan, year) for year in (2024, 2025)} == before
    with django_capture_on_commit_callbacks(execute=True):
        do_review_task(task, {observation.pk: ("approve", "")}, user("statistics"))
    for year in (2024, 2025):
        assert judged(plan, year) != before[year], year
    assert judged(plan, 2025)[1] == before[2025][1]  # the latest value is still 2024's
    assert not PendingRecompute.objects.exists()


def test_reopening_and_correcting_an_approved_value_reassesses_the_later_years(
        plan: Plan, user: Any, django_capture_on_commit_callbacks: Any) -> None:
    from halfsky.web.values.actions.values import (
        do_confirm_task,
        do_reopen_value,
        do_review_task,
        do_save_value,
        do_submit_task,
    )

    before = {year: judged(plan, year) for year in (2024, 2025)}
    observation = value_2023(plan)
    task = in_a_round(plan, observation, TaskState.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        do_reopen_value(observation, "统计口径调整", user("statistics"))
    reopened = {year: judged(plan, year) for year in (2024, 2025)}
    for year in (2024, 2025):  # the value left the series
        assert reopened[year] != before[year], year
    observation.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        do_save_value(observation, {"value": corrected(observation)}, observation.version,
                      user("health_reporter"))
        do_submit_task(task, user("health_reporter"))
        do_confirm_task(task, user("health_head"))
    assert {year: judged(plan, year) for year in (2024, 2025)} == reopened  # drafts: no change
    with django_capture_on_commit_callbacks(execute=True):
        do_review_task(task, {observation.pk: ("approve", "")}, user("statistics"))
    for year in (2024, 2025):
        assert judged(plan, year) not in (before[year], reopened[year]), year
    actions = list(observation.changes.values_list("action", flat=True))
    assert actions == ["reopen", "edit", "submit", "confirm", "approve"]


def test_a_correction_uploaded_in_the_excel_template_reassesses_the_later_years(
        plan: Plan, user: Any, django_capture_on_commit_callbacks: Any) -> None:
    from halfsky.formats.excel_upload import UploadedRow
    from halfsky.web.values.actions.uploads import do_apply_upload
    from halfsky.web.values.actions.values import (
        do_confirm_task,
        do_reopen_value,
        do_review_task,
        do_submit_task,
    )

    before = {year: judged(plan, year) for year in (2024, 2025)}
    observation = value_2023(plan)
    task = in_a_round(plan, observation, TaskState.APPROVED)
    do_reopen_value(observation, "统计口径调整", user("statistics"))
    row = UploadedRow(observation.key, 5, value=corrected(observation))
    assert do_apply_upload(task, {observation.key: row}, user("health_reporter")) == 1
    do_submit_task(task, user("health_reporter"))
    do_confirm_task(task, user("health_head"))
    with django_capture_on_commit_callbacks(execute=True):
        do_review_task(task, {observation.pk: ("approve", "")}, user("statistics"))
    for year in (2024, 2025):
        assert judged(plan, year) != before[year], year
    observation.refresh_from_db()
    assert observation.value == row.value and observation.version == 3  # reopen, upload


def test_an_import_of_earlier_years_reassesses_the_later_years(
        plan: Plan, user: Any, django_capture_on_commit_callbacks: Any) -> None:
    from halfsky.web.values.actions.earlier_years import do_apply_history, do_stage_history

    before = {year: judged(plan, year) for year in (2024, 2025)}
    observation = value_2023(plan)
    csv = ("indicator,area,year,breakdown,value,numerator,denominator,source,note\n"
           f"{CODE},{plan.region.code},2023,,{corrected(observation)},,,统计年鉴2024,\n")
    staged = do_stage_history(plan, "h.csv", csv.encode(), user("coordinator"))
    with django_capture_on_commit_callbacks(execute=True):
        assert do_apply_history(staged, user("coordinator")) == 1
    for year in (2024, 2025):
        assert judged(plan, year) != before[year], year


def test_a_draft_changes_no_assessment_and_a_change_asks_each_year_once(
        plan: Plan, user: Any, django_capture_on_commit_callbacks: Any,
        monkeypatch: Any) -> None:
    from halfsky.web.assessments import background
    from halfsky.web.values.actions.store import Change, store_values

    recomputed: list[int] = []
    real = background.do_recompute
    monkeypatch.setattr(background, "do_recompute",
                        lambda p, year, actor=None, indicators=None: recomputed.append(year)
                        or real(p, year, actor, indicators))
    AssessmentResult.objects.filter(plan=plan, year=2023).delete()  # 2023 not assessed
    value = Observation.objects.get(pk=value_2023(plan).pk)
    version = value.version
    with django_capture_on_commit_callbacks(execute=True):
        before = value.snapshot()
        value.value = corrected(value)
        store_values([Change(value, before)], "correct")  # approved, corrected
        before = value.snapshot()
        value.status = ValueStatus.RETURNED
        store_values([Change(value, before)], "reopen")  # leaves the series
    assert recomputed == [2023, 2024, 2025]  # its year, the later assessed years; each once
    recomputed.clear()
    with django_capture_on_commit_callbacks(execute=True):
        before = value.snapshot()
        value.value = 1.0
        store_values([Change(value, before)], "edit")
    assert recomputed == []  # a value being corrected is in no assessment
    assert value.changes.count() == 3 and value.version == version + 3
