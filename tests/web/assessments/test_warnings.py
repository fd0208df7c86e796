"""The warning workflow through the real pages: answer, accept, send back; who may do what."""

from __future__ import annotations

import re

import pytest

from halfsky.web.assessments.models import Warning, WarningState

from .conftest import YEAR


def health_warning(plan) -> Warning:
    warning = Warning.objects.filter(plan=plan, year=YEAR, department__code="health",
                                     state=WarningState.OPEN).order_by("pk").first()
    assert warning is not None, "the demo leaves the health department's warnings open"
    return warning


def answer(client, warning: Warning, cause: str = "示例原因", actions: str = "示例措施"):
    return client.post(f"/plans/jixian-women-2021-2025/assessments/warnings/{warning.pk}/answer/",
                       {"cause_analysis": cause, "corrective_actions": actions})


def decide(client, warning: Warning, decision: str, comment: str = ""):
    return client.post(f"/plans/jixian-women-2021-2025/assessments/warnings/{warning.pk}/decide/",
                       {"decision": decision, "comment": comment})


def test_department_answers_and_coordinator_accepts(login, plan) -> None:
    warning = health_warning(plan)
    reporter = login("health_reporter")
    page = reporter.get(f"/plans/jixian-women-2021-2025/assessments/warnings/{warning.pk}/").content.decode()
    assert "原因分析" in page and "整改措施" in page and "提交答复" in page
    assert answer(reporter, warning, "分母口径调整", "逐月核对").status_code == 302
    warning.refresh_from_db()
    assert warning.state == WarningState.ANSWERED
    assert (warning.cause_analysis, warning.corrective_actions) == ("分母口径调整", "逐月核对")

    coordinator = login("coordinator")
    assert "采纳" in coordinator.get(f"/plans/jixian-women-2021-2025/assessments/warnings/{warning.pk}/").content.decode()
    assert decide(coordinator, warning, "accept", "同意").status_code == 302
    warning.refresh_from_db()
    assert warning.state == WarningState.ACCEPTED and warning.comment == "同意"
    steps = list(warning.steps.values_list("action", "actor__username"))
    assert steps == [("raised", None), ("answered", "health_reporter"),
                     ("accepted", "coordinator")]
    history = coordinator.get(f"/plans/jixian-women-2021-2025/assessments/warnings/{warning.pk}/").content.decode()
    assert "health_reporter" in history and "分母口径调整" in history


def test_send_back_needs_a_comment_and_the_department_answers_again(login, plan) -> None:
    warning = health_warning(plan)
    answer(login("health_head"), warning)  # the head may answer too
    coordinator = login("coordinator")
    page = coordinator.post(f"/plans/jixian-women-2021-2025/assessments/warnings/{warning.pk}/decide/",
                            {"decision": "send_back", "comment": " "}, follow=True)
    assert "说明退回理由" in page.content.decode()
    warning.refresh_from_db()
    assert warning.state == WarningState.ANSWERED
    decide(coordinator, warning, "send_back", "请补充整改时限")
    warning.refresh_from_db()
    assert warning.state == WarningState.SENT_BACK
    reporter = login("health_reporter")
    assert "请补充整改时限" in reporter.get(f"/plans/jixian-women-2021-2025/assessments/warnings/{warning.pk}/").content.decode()
    answer(reporter, warning, "原因", "措施，年底前完成")
    warning.refresh_from_db()
    assert warning.state == WarningState.ANSWERED


def test_an_empty_answer_is_refused(login, plan) -> None:
    warning = health_warning(plan)
    response = answer(login("health_reporter"), warning, "原因", "")
    assert response.status_code == 400
    warning.refresh_from_db()
    assert warning.state == WarningState.OPEN


def test_another_department_can_neither_see_nor_answer(login, plan) -> None:
    warning = health_warning(plan)
    other = login("education_reporter")
    assert other.get(f"/plans/jixian-women-2021-2025/assessments/warnings/{warning.pk}/").status_code == 403
    assert answer(other, warning).status_code == 403
    listing = other.get("/plans/jixian-women-2021-2025/assessments/warnings/").content.decode()
    assert f'data-warning="{warning.pk}"' not in listing
    shown = set(map(int, re.findall(r'data-warning="(\d+)"', listing)))
    assert shown == set(Warning.objects.filter(department__code="education")
                        .values_list("pk", flat=True))
    warning.refresh_from_db()
    assert warning.state == WarningState.OPEN


def test_health_sees_only_its_warnings(login, plan) -> None:
    listing = login("health_reporter").get("/plans/jixian-women-2021-2025/assessments/warnings/").content.decode()
    shown = set(map(int, re.findall(r'data-warning="(\d+)"', listing)))
    assert shown == set(Warning.objects.filter(department__code="health")
                        .values_list("pk", flat=True))
    everything = login("coordinator").get("/plans/jixian-women-2021-2025/assessments/warnings/").content.decode()
    assert len(re.findall(r'data-warning="(\d+)"', everything)) == Warning.objects.count()


@pytest.mark.parametrize("username", ["viewer", "leader", "statistics", "health_reporter"])
def test_only_the_coordinator_and_administrator_decide(login, plan, username) -> None:
    warning = health_warning(plan)
    answer(login("health_reporter"), warning)
    assert decide(login(username), warning, "accept").status_code == 403
    warning.refresh_from_db()
    assert warning.state == WarningState.ANSWERED


@pytest.mark.parametrize("username", ["coordinator", "viewer", "statistics"])
def test_roles_outside_the_department_do_not_answer(login, plan, username) -> None:
    warning = health_warning(plan)
    assert answer(login(username), warning).status_code == 403


def test_an_accepted_warning_cannot_be_answered_again(login, plan) -> None:
    warning = health_warning(plan)
    answer(login("health_reporter"), warning)
    decide(login("coordinator"), warning, "accept")
    response = login("health_reporter").post(
        f"/plans/jixian-women-2021-2025/assessments/warnings/{warning.pk}/answer/",
        {"cause_analysis": "再次", "corrective_actions": "再次"}, follow=True)
    assert "不在待答复状态" in response.content.decode()
    warning.refresh_from_db()
    assert warning.state == WarningState.ACCEPTED and warning.cause_analysis == "示例原因"


def test_the_demo_has_answered_and_accepted_warnings(plan) -> None:
    states = set(Warning.objects.filter(plan=plan, year=YEAR).values_list("state", flat=True))
    assert {WarningState.OPEN, WarningState.ANSWERED, WarningState.ACCEPTED} <= states
    accepted = Warning.objects.get(plan=plan, year=YEAR, state=WarningState.ACCEPTED)
    assert accepted.cause_analysis.startswith("示例") and accepted.comment.startswith("示例")
    assert accepted.department.code != "health"


def test_stranger_gets_403(login) -> None:
    client = login("stranger")
    assert client.get("/plans/jixian-women-2021-2025/assessments/warnings/").status_code == 403
    assert client.get("/plans/jixian-women-2021-2025/assessments/").status_code == 403
