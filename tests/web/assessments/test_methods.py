"""The assessment method is chosen per indicator and recorded with each result."""

from __future__ import annotations

from halfsky.web.assessments.actions import do_recompute
from halfsky.web.assessments.models import AssessmentResult, IndicatorMethod
from halfsky.web.plans.models import Indicator, Plan

PLAN = "jixian-women-2021-2025"


def test_the_national_method_is_the_default_and_another_can_be_chosen(db) -> None:
    plan = Plan.objects.get(code=PLAN)
    do_recompute(plan, 2024)
    h01 = AssessmentResult.objects.get(year=2024, indicator__code="H01", breakdown="",
                                       area=plan.region)
    assert h01.method == "china"
    IndicatorMethod.objects.create(indicator=Indicator.objects.get(code="H01"), method="opensdg")
    do_recompute(plan, 2024)
    h01 = AssessmentResult.objects.get(year=2024, indicator__code="H01", breakdown="",
                                       area=plan.region)
    assert h01.method == "opensdg"
    assert h01.status in {"target_achieved", "substantial_progress", "moderate_progress",
                          "limited_progress", "deterioration", "not_available"}


def test_the_statistics_bureau_chooses_methods_in_the_admin(login) -> None:
    assert login("statistics").get("/admin/assessments/indicatormethod/add/").status_code == 200
    assert login("health_reporter").get("/admin/assessments/indicatormethod/").status_code == 302


def test_new_warnings_and_decisions_reach_the_people_concerned(login) -> None:
    from django.contrib.auth import get_user_model

    from halfsky.web.assessments.actions import do_accept_warning, do_answer_warning
    from halfsky.web.assessments.models import Warning
    from halfsky.web.core.models import Notification

    users = get_user_model().objects
    Warning.objects.all().delete()
    Notification.objects.all().delete()
    do_recompute(Plan.objects.get(code=PLAN), 2024)
    warning = Warning.objects.filter(department__code="health").first()
    assert warning is not None
    assert Notification.objects.filter(user__username="health_reporter",
                                       code="warning.raised").count() == 1
    do_answer_warning(warning, "原因", "措施", users.get(username="health_reporter"))
    assert Notification.objects.filter(user__username="coordinator",
                                       code="warning.answered").exists()
    do_accept_warning(warning, users.get(username="coordinator"))
    assert Notification.objects.filter(user__username="health_head",
                                       code="warning.accepted").exists()


def test_a_qualitative_target_takes_the_evaluation_groups_rating(db) -> None:
    from django.contrib.auth import get_user_model

    from halfsky.web.reports.actions import do_open_evaluation, do_review_item
    from halfsky.web.reports.models import EvaluationItem

    plan = Plan.objects.get(code=PLAN)
    coordinator = get_user_model().objects.get(username="coordinator")
    evaluation = do_open_evaluation(plan, "midterm", coordinator)
    do_recompute(plan, evaluation.year)
    d01 = AssessmentResult.objects.get(year=evaluation.year, indicator__code="D01",
                                       area=plan.region, breakdown="", target_kind="qualitative")
    assert d01.status == "no_data"  # waiting for the evaluators
    item = EvaluationItem.objects.get(round=evaluation, goal__domain__code="decision",
                                      goal__number=2)
    do_review_item(item, "met", "", coordinator)
    do_recompute(plan, evaluation.year)
    d01 = AssessmentResult.objects.get(year=evaluation.year, indicator__code="D01",
                                       area=plan.region, breakdown="", target_kind="qualitative")
    assert d01.status == "met"


def test_a_goal_rating_reassesses_its_year_and_the_later_ones(
        db, django_capture_on_commit_callbacks) -> None:
    from django.contrib.auth import get_user_model

    from halfsky.web.reports.actions import do_open_evaluation, do_review_item
    from halfsky.web.reports.models import EvaluationItem

    plan = Plan.objects.get(code=PLAN)
    coordinator = get_user_model().objects.get(username="coordinator")
    evaluation = do_open_evaluation(plan, "midterm", coordinator)  # 2023
    item = EvaluationItem.objects.get(round=evaluation, goal__domain__code="decision",
                                      goal__number=2)
    with django_capture_on_commit_callbacks(execute=True):
        do_review_item(item, "met", "", coordinator)
    for year in (evaluation.year, evaluation.year + 1):  # 2024 takes the mid-term rating too
        d01 = AssessmentResult.objects.get(year=year, indicator__code="D01", area=plan.region,
                                           breakdown="", target_kind="qualitative")
        assert d01.status == "met", year
