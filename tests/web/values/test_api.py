"""The reporting workflow through the JSON API with personal tokens: same steps, same rules."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from halfsky.web.tokens.actions import do_create_token
from halfsky.web.values.models import Observation, Round, Task, ValueStatus

YEAR = 2025


class Api:
    """A client that calls /api/ with a personal token of the named demo user."""

    def __init__(self, username: str) -> None:
        user = get_user_model().objects.get(username=username)
        _token, key = do_create_token(user, "tests", user)
        self.client = Client(enforce_csrf_checks=True)  # a token needs no CSRF token
        self.headers = {"Authorization": f"Bearer {key}"}

    def get(self, path: str) -> Any:
        return self.client.get(f"/api{path}", headers=self.headers)

    def post(self, path: str, body: dict[str, Any] | None = None) -> Any:
        return self.client.post(f"/api{path}", json.dumps(body or {}),
                                content_type="application/json", headers=self.headers)

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return self.client.patch(f"/api{path}", json.dumps(body),
                                 content_type="application/json", headers=self.headers)


@pytest.fixture
def api(db: None) -> Any:
    return Api


@pytest.fixture
def round_open(api: Any) -> Round:
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    response = api("coordinator").post("/rounds", {"year": YEAR, "deadline": deadline.isoformat()})
    assert response.status_code == 201, response.content.decode()
    assert {"health", "education"} <= {t["department"] for t in response.json()["tasks"]}
    return Round.objects.get(year=YEAR)


def task_path(department: str = "health") -> str:
    return f"/rounds/{YEAR}/tasks/{department}"


def fill_as_not_applicable(reporter: Api, department: str = "health") -> None:
    for value in reporter.get(task_path(department)).json()["values"]:
        if value["status"] in {"draft", "returned"} and value["value"] is None:
            response = reporter.patch(f"/values/{value['id']}", {
                "version": value["version"], "flag": "not_applicable", "note": "测试"})
            assert response.status_code == 200, response.content.decode()


def explain_warnings(reporter: Api, department: str = "health") -> None:
    for value in reporter.get(task_path(department)).json()["values"]:
        if any(f["blocking"] and f["severity"] == "warning" for f in value["findings"]):
            response = reporter.patch(f"/values/{value['id']}", {
                "version": value["version"], "explanation": "已与原始台账核对"})
            assert response.status_code == 200, response.content.decode()


def snapshot(department: str) -> list[tuple[Any, ...]]:
    return list(Observation.objects.filter(task__department__code=department).order_by("pk")
                .values_list("pk", "value", "flag", "status", "version"))


def test_only_the_coordinator_opens_a_round(api: Any) -> None:
    response = api("health_reporter").post("/rounds", {"year": YEAR, "deadline": "2099-01-01"})
    assert response.status_code == 403
    assert response.json()["code"] == "round.not_allowed"
    assert response.json()["message"] == "只有妇儿工委办公室可以开启和关闭填报任务。"
    assert not Round.objects.exists()


def test_opening_a_round_is_checked_like_the_form(api: Any) -> None:
    coordinator = api("coordinator")
    past = coordinator.post("/rounds", {"year": YEAR, "deadline": "2001-01-01"})
    assert past.status_code == 422 and past.json()["code"] == "api.invalid"
    assert past.json()["params"]["errors"][0]["loc"][-1] == "deadline"
    outside = coordinator.post("/rounds", {"year": 2040, "deadline": "2099-01-01"})
    assert outside.status_code == 422 and outside.json()["code"] == "round.year_outside_plan"
    assert outside.json()["params"] == {"year": 2040}  # no plan in force that year
    assert not Round.objects.exists()


def test_the_whole_workflow_through_the_api(api: Any, round_open: Round) -> None:
    reporter, head, statistics = api("health_reporter"), api("health_head"), api("statistics")
    task = reporter.get(task_path())
    assert task.status_code == 200
    body = task.json()
    assert body["state"] == "not_started" and body["department"] == "health"
    assert body["problems"] > 0
    first = next(v for v in body["values"] if v["per"] is None)
    assert first["version"] == 1 and first["status"] == "draft" and first["flag"] == ""
    assert {f["code"] for f in first["findings"]} == {"value.missing"}
    assert first["findings"][0]["message"]  # a translated sentence

    # save, then a stale save: 409 with both values, nothing overwritten
    saved = reporter.patch(f"/values/{first['id']}", {"version": 1, "value": 77.9})
    assert saved.status_code == 200, saved.content.decode()
    assert saved.json()["value"] == 77.9 and saved.json()["version"] == 2
    stale = reporter.patch(f"/values/{first['id']}", {"version": 1, "value": 70.1})
    assert stale.status_code == 409
    conflict = stale.json()
    assert conflict["code"] == "value.conflict" and conflict["message"]
    assert conflict["params"]["current"]["value"] == 77.9
    assert conflict["params"]["current"]["version"] == 2
    assert conflict["params"]["attempted"] == {"value": 70.1}
    assert Observation.objects.get(pk=first["id"]).value == 77.9

    # a rate is computed from numerator and denominator
    rate = next(v for v in body["values"] if v["per"] == 100000)
    computed = reporter.patch(f"/values/{rate['id']}",
                              {"version": rate["version"], "numerator": 1, "denominator": 700})
    assert computed.json()["value"] == pytest.approx(142.857, abs=0.01)

    fill_as_not_applicable(reporter)
    explain_warnings(reporter)
    submitted = reporter.post(f"{task_path()}/submit")
    assert submitted.status_code == 200, submitted.content.decode()
    assert submitted.json()["state"] == "submitted" and submitted.json()["problems"] == 0
    early = statistics.post(f"{task_path()}/review",
                            {"decisions": [{"value": first["id"], "decision": "approve"}]})
    assert early.status_code == 409 and early.json()["code"] == "task.not_confirmed"
    assert reporter.post(f"{task_path()}/confirm").status_code == 403  # the head's step
    confirmed = head.post(f"{task_path()}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["state"] == "confirmed"

    # return one value with a comment, approve the rest
    values = statistics.get(task_path()).json()["values"]
    returned = values[0]
    no_comment = statistics.post(f"{task_path()}/review", {"decisions": [
        {"value": returned["id"], "decision": "return"}]})
    assert no_comment.status_code == 422 and no_comment.json()["code"] == "review.comment_required"
    decisions = [{"value": v["id"], "decision": "approve"} for v in values[1:]]
    decisions.append({"value": returned["id"], "decision": "return", "comment": "请核实数据来源"})
    reviewed = statistics.post(f"{task_path()}/review", {"decisions": decisions})
    assert reviewed.status_code == 200 and reviewed.json()["state"] == "returned"
    seen = {v["id"]: v for v in reporter.get(task_path()).json()["values"]}
    assert seen[returned["id"]]["status"] == "returned"
    assert seen[returned["id"]]["review_comment"] == "请核实数据来源"

    # a locked (approved) value is refused, and stays as it was
    locked = seen[values[1]["id"]]
    assert locked["locked"] is True
    refused = reporter.patch(f"/values/{locked['id']}", {"version": locked["version"], "value": 1})
    assert refused.status_code == 409 and refused.json()["code"] == "value.locked"
    assert Observation.objects.get(pk=locked["id"]).value == locked["value"]

    # the reporter fixes the returned value; the round ends approved
    fixed = reporter.patch(f"/values/{returned['id']}", {
        "version": seen[returned["id"]]["version"], "note": "已核实"})
    assert fixed.status_code == 200
    assert reporter.post(f"{task_path()}/submit").status_code == 200
    assert head.post(f"{task_path()}/confirm").status_code == 200
    approved = statistics.post(f"{task_path()}/review", {"decisions": [
        {"value": returned["id"], "decision": "approve"}]})
    assert approved.status_code == 200 and approved.json()["state"] == "approved"
    assert all(v["locked"] for v in approved.json()["values"])

    history = reporter.get(f"/values/{returned['id']}").json()["history"]
    assert [c["action"] for c in history] == ["open", "edit", "submit", "confirm", "return",
                                              "edit", "submit", "confirm", "approve"]
    assert history[4]["actor"] == "statistics" and history[4]["comment"] == "请核实数据来源"
    assert history[3]["actor"] == "health_head"

    rounds = statistics.get("/rounds").json()
    health = next(t for t in rounds[0]["tasks"] if t["department"] == "health")
    assert health["state"] == "approved" and health["filled"] == health["total"]


def test_reopening_needs_the_right_role_and_a_reason(api: Any, round_open: Round) -> None:
    reporter, statistics = api("health_reporter"), api("statistics")
    fill_as_not_applicable(reporter)
    assert reporter.post(f"{task_path()}/submit").status_code == 200
    assert api("health_head").post(f"{task_path()}/confirm").status_code == 200
    value = statistics.get(task_path()).json()["values"][0]
    assert statistics.post(f"{task_path()}/review", {"decisions": [
        {"value": value["id"], "decision": "approve"}]}).status_code == 200

    by_reporter = reporter.post(f"/values/{value['id']}/reopen", {"reason": "想改"})
    assert by_reporter.status_code == 403 and by_reporter.json()["code"] == "workflow.not_allowed"
    blank = statistics.post(f"/values/{value['id']}/reopen", {"reason": "  "})
    assert blank.status_code == 422 and blank.json()["code"] == "value.reason_required"
    assert Observation.objects.get(pk=value["id"]).status == ValueStatus.APPROVED
    reopened = statistics.post(f"/values/{value['id']}/reopen", {"reason": "统计口径调整"})
    assert reopened.status_code == 200
    assert reopened.json()["status"] == "returned"
    assert reopened.json()["review_comment"] == "统计口径调整"
    again = statistics.post(f"/values/{value['id']}/reopen", {"reason": "统计口径调整"})
    assert again.status_code == 409 and again.json()["code"] == "value.not_approved"


def test_submit_is_refused_while_values_are_missing(api: Any, round_open: Round) -> None:
    response = api("health_reporter").post(f"{task_path()}/submit")
    assert response.status_code == 409 and response.json()["code"] == "task.has_problems"
    assert response.json()["params"]["count"] > 0
    assert Task.objects.get(round=round_open, department__code="health").state == "not_started"


def test_a_reporter_cannot_read_or_change_another_departments_task(api: Any,
                                                                   round_open: Round) -> None:
    education = api("education_reporter")
    before = snapshot("health")
    assert education.get(task_path("health")).status_code == 403
    assert education.get(task_path("health")).json()["code"] == "api.forbidden"
    assert education.post(f"{task_path('health')}/submit").status_code == 403
    assert api("education_reporter").post(f"{task_path('health')}/confirm").status_code == 403
    health_values = Observation.objects.filter(task__department__code="health").select_related(
        "indicator")
    for value in health_values:
        supported = value.indicator.supporting.filter(code="education").exists()
        read = education.get(f"/values/{value.pk}")
        saved = education.patch(f"/values/{value.pk}", {"version": value.version, "value": 1})
        # a value of an indicator education supports is readable, never writable
        assert read.status_code == (200 if supported else 404)
        assert saved.status_code == (403 if supported else 404)
    assert snapshot("health") == before
    rounds = education.get("/rounds").json()
    assert [t["department"] for t in rounds[0]["tasks"]] == ["education"]
    assert education.get(task_path("education")).status_code == 200


def test_the_head_and_the_statistics_bureau_cannot_edit_values(api: Any, round_open: Round) -> None:
    value = Observation.objects.filter(task__department__code="health").first()
    assert value is not None
    for username in ("health_head", "statistics", "coordinator"):
        response = api(username).patch(f"/values/{value.pk}", {"version": 1, "value": 3})
        assert response.status_code == 403, username
        assert response.json()["code"] == "workflow.not_allowed"
    value.refresh_from_db()
    assert value.value is None and value.version == 1


def test_bad_input_is_refused_with_every_problem(api: Any, round_open: Round) -> None:
    reporter = api("health_reporter")
    value = reporter.get(task_path()).json()["values"][0]
    response = reporter.patch(f"/values/{value['id']}", {"version": 1, "value": "七十八",
                                                         "flag": "maybe"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "api.invalid" and body["message"]
    assert {e["loc"][-1] for e in body["params"]["errors"]} == {"value", "flag"}
    no_version = reporter.patch(f"/values/{value['id']}", {"value": 1})
    assert no_version.status_code == 422
    empty_review = api("statistics").post(f"{task_path()}/review", {"decisions": []})
    assert empty_review.status_code == 422
    assert Observation.objects.get(pk=value["id"]).version == 1


def test_english_messages_follow_the_language_cookie(api: Any, round_open: Round) -> None:
    education = api("education_reporter")
    chinese = education.get(task_path("health")).json()["message"]
    education.client.cookies["django_language"] = "en"
    english = education.get(task_path("health")).json()["message"]
    assert english == "You may not open this." and chinese != english


def test_every_role_reads_the_plan_as_its_json_form(api: Any) -> None:
    from halfsky.web.plans.models import Plan

    stored = Plan.objects.get()
    for username in ("health_reporter", "viewer"):
        client = api(username)
        plans = client.get("/plans").json()
        assert [p["code"] for p in plans] == [stored.code]
        document = client.get(f"/plans/{stored.code}").json()
        assert document == stored.document
        assert document["format_version"] == 1 and len(document["domains"]) == 8
        assert any(t.get("kind") for i in document["indicators"] for t in i["targets"])
    assert api("viewer").get("/plans/no-such-plan").status_code == 404


def test_me_tells_the_role_and_department(api: Any) -> None:
    assert api("health_head").get("/me").json() == {
        "username": "health_head", "role": "department_head", "department": "health",
        "department_name": "县卫生健康和体育局"}
    assert api("statistics").get("/me").json()["department"] is None
