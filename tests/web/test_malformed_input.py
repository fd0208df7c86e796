"""Each class of malformed input, sent to each form and endpoint by a user allowed to use it:
the answer is 400, 413 or 422 (never a 5xx, never a success), and nothing is written (the
row count of every HalfSky table is unchanged).

Classes: NUL and other control characters in text, huge numbers, non-numeric ids, choices
not offered, missing required fields, and (JSON) bodies nested too deeply or too large.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

YEAR = 2025
pytestmark = pytest.mark.django_db

TEXT = {"nul": "a\x00b", "control": "a\x1bb"}
NUMBER = {"huge": "1e400", "not_a_number": "abc"}  # 1e400: beyond a float
JSON_NUMBER = {"huge": 10**400, "not_a_number": "abc"}  # 10**400: beyond a float


@dataclass
class Target:
    """A form or endpoint, a valid body, and the kind of each field that can go wrong."""

    name: str
    user: str
    path: Callable[[dict[str, Any]], str]
    body: Callable[[dict[str, Any]], dict[str, Any]]
    fields: dict[str, str]  # name → text, number, integer, id, choice or date
    method: str = "post"
    api: bool = False
    required: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


def _future() -> str:
    return (timezone.localdate() + datetime.timedelta(days=20)).isoformat()


TARGETS = [
    Target("open a round (page)", "coordinator", lambda w: "/rounds/",
           lambda w: {"year": "2024", "deadline": _future()},
           {"year": "integer", "deadline": "date"}, required=("year", "deadline")),
    Target("save a value (page)", "health_reporter",
           lambda w: f"/rounds/values/{w['value'].pk}/save/",
           lambda w: {"version": str(w["value"].version), "value": "12", "note": "ok",
                      "flag": "", "explanation": "ok"},
           {"note": "text", "explanation": "text", "value": "number", "version": "integer",
            "flag": "choice"}, required=("version",)),
    Target("review a task (page)", "statistics", lambda w: f"/rounds/{YEAR}/health/review/",
           lambda w: {f"decision-{w['value'].pk}": "approve", f"comment-{w['value'].pk}": "ok"},
           {"decision-{pk}": "choice", "comment-{pk}": "text", "decision-key": "id"},
           required=("decision-{pk}",)),
    Target("reopen a value (page)", "statistics",
           lambda w: f"/rounds/values/{w['approved'].pk}/", lambda w: {"reason": "口径调整"},
           {"reason": "text"}, required=("reason",)),
    Target("reopen a round (page)", "coordinator", lambda w: f"/rounds/{YEAR}/reopen/",
           lambda w: {"reason": "补报"}, {"reason": "text"}, required=("reason",)),
    Target("answer a warning (page)", "health_reporter",
           lambda w: f"/plans/jixian-women-2021-2025/assessments/warnings/{w['warning'].pk}/answer/",
           lambda w: {"cause_analysis": "原因", "corrective_actions": "措施"},
           {"cause_analysis": "text", "corrective_actions": "text"},
           required=("cause_analysis",)),
    Target("decide a warning (page)", "coordinator",
           lambda w: f"/plans/jixian-women-2021-2025/assessments/warnings/{w['warning'].pk}/decide/",
           lambda w: {"decision": "accept", "comment": "好"},
           {"decision": "choice", "comment": "text"}, required=("decision",)),
    Target("issue a township token (page)", "coordinator", lambda w: "/plans/jixian-women-2021-2025/exchange/",
           lambda w: {"action": "issue", "area": str(w["area"].pk), "name": "乡镇"},
           {"action": "choice", "area": "id", "name": "text"}, required=("area",)),
    Target("revoke a township token (page)", "coordinator", lambda w: "/plans/jixian-women-2021-2025/exchange/",
           lambda w: {"action": "revoke", "token": str(w["access"].pk)},
           {"token": "id"}, required=("token",)),
    Target("decide a conflict (page)", "coordinator",
           lambda w: f"/plans/jixian-women-2021-2025/exchange/conflicts/{w['conflict'].pk}/",
           lambda w: {"decision": "take", "comment": "以乡镇为准"},
           {"decision": "choice", "comment": "text"}, required=("decision", "comment")),
    Target("map an indicator (page)", "coordinator", lambda w: "/plans/jixian-women-2021-2025/exchange/mapping/",
           lambda w: {"indicator": w["value"].indicator.code, "parent_plan": "",
                      "parent_indicator": "", "factor": "1"},
           {"indicator": "text", "factor": "number", "parent_indicator": "text"},
           required=("indicator",)),
    Target("create a token (page)", "viewer", lambda w: "/tokens/", lambda w: {"name": "脚本"},
           {"name": "text"}, required=("name",)),
    Target("write a yearly report (page)", "health_reporter",
           lambda w: f"/plans/jixian-women-2021-2025/reports/year-reports/{YEAR}/health/",
           lambda w: {"implementation": "落实", "next_year": "计划", "action": "save"},
           {"implementation": "text", "next_year": "text"}),
    Target("unlock (page)", "admin", lambda w: "/security/lockouts/unlock/",
           lambda w: {"kind": "account", "value": "viewer"},
           {"kind": "choice", "value": "text"}, required=("kind", "value")),
    Target("open a round (API)", "coordinator", lambda w: "/api/rounds",
           lambda w: {"year": 2024, "deadline": _future()},
           {"year": "integer", "deadline": "date", "election_year": "choice"}, api=True,
           required=("year", "deadline")),
    Target("save a value (API)", "health_reporter", lambda w: f"/api/values/{w['value'].pk}",
           lambda w: {"version": w["value"].version, "value": 12, "note": "ok"},
           {"note": "text", "explanation": "text", "value": "number", "version": "integer",
            "flag": "choice"}, method="patch", api=True, required=("version",)),
    Target("review a task (API)", "statistics", lambda w: f"/api/rounds/{YEAR}/tasks/health/review",
           lambda w: {"decisions": [{"value": w["value"].pk, "decision": "approve",
                                     "comment": "ok"}]},
           {"decisions.0.value": "id", "decisions.0.decision": "choice",
            "decisions.0.comment": "text"}, api=True, required=("decisions",)),
    Target("reopen a value (API)", "statistics",
           lambda w: f"/api/values/{w['approved'].pk}/reopen", lambda w: {"reason": "口径调整"},
           {"reason": "text"}, api=True, required=("reason",)),
    Target("deliver a township's values (API)", "child", lambda w: "/api/exchange/deliveries",
           lambda w: {"batch": "0" * 64, "instance": "", "values": [{
               "plan": "china-women-2021-2030", "indicator": "孕产妇死亡率",
               "area": w["area"].code, "year": 2024, "value": 1.0, "flag": ""}]},
           {"values.0.indicator": "text", "values.0.area": "text", "values.0.note": "text",
            "values.0.year": "integer", "values.0.value": "number", "values.0.flag": "choice",
            "batch": "choice"}, api=True, required=("batch", "values")),
    Target("read exchange values (API)", "coordinator", lambda w: "/api/exchange/values",
           lambda w: {"year": 2024}, {"year": "integer"}, method="get", api=True),
]


def malformed(target: Target, w: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """(class, body) for every class of bad input that applies to the target."""
    base = target.body(w)
    pk = w["value"].pk

    def named(name: str) -> str:
        return name.replace("{pk}", str(pk))

    def with_value(name: str, value: Any) -> Any:
        body = json.loads(json.dumps(base))
        if name == "decision-key":  # the id inside a field's name
            return {k.replace(str(pk), "abc"): v for k, v in body.items()}
        if "." in name:
            first, index, last = name.split(".")
            body[first][int(index)][last] = value
        else:
            body[named(name)] = value
        return body

    for name, kind in target.fields.items():
        if kind == "text":
            for label, text in TEXT.items():
                yield f"{label} in {name}", with_value(name, text)
        elif kind == "number":
            for label, number in (JSON_NUMBER if target.api else NUMBER).items():
                yield f"{label} in {name}", with_value(name, number)
        elif kind == "integer":
            yield f"huge integer in {name}", with_value(name, 10**20 if target.api
                                                        else "99999999999999999999")
            yield f"not an integer in {name}", with_value(name, "abc")
        elif kind == "id":
            yield f"non-numeric id in {name}", with_value(name, "abc")
            yield f"huge id in {name}", with_value(name, 10**20 if target.api
                                                    else "99999999999999999999")
        elif kind == "choice":
            yield f"bad choice in {name}", with_value(name, "nonsense")
        elif kind == "date":
            yield f"bad date in {name}", with_value(name, "2024-13-45")
    for name in target.required:
        body = dict(base)
        body.pop(named(name), None)
        yield f"missing {name}", body
    if target.api and target.method != "get":
        yield "deep JSON", "[" * 5000 + "]" * 5000
        yield "oversize JSON", json.dumps({**base, "padding": "x" * 3_000_000})
        yield "not JSON", "{not json"


def row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()
            if model.__module__.startswith("halfsky.") and model._meta.label not in SKIPPED}


# Rows a refused request may write: the audit trail of refusals, notifications read.
SKIPPED = {"audit.AuditEvent"}


@pytest.fixture
def world(login: Any) -> dict[str, Any]:
    from halfsky.web.assessments.models import Warning, WarningKind
    from halfsky.web.exchange.actions.access import do_issue_child_token
    from halfsky.web.exchange.models import Conflict, Delivery, ReceivedValue
    from halfsky.web.orgs.models import Area, Department
    from halfsky.web.plans.models import Plan
    from halfsky.web.values.models import Observation, TaskState, ValueStatus

    coordinator = get_user_model().objects.get(username="coordinator")
    assert login("coordinator").post("/rounds/", {"year": YEAR, "deadline": _future()}
                                     ).status_code == 302
    values = Observation.objects.filter(task__round__year=YEAR, task__department__code="health",
                                        indicator__per__isnull=True).order_by("pk")
    value, approved = values[0], values[1]
    approved.status = ValueStatus.APPROVED
    approved.save(update_fields=["status"])
    value.task.state = TaskState.CONFIRMED  # the review reads its decisions
    value.task.save(update_fields=["state"])
    plan = Plan.objects.select_related("region").first()
    area = Area.objects.filter(parent=plan.region).order_by("code").first()
    warning = Warning.objects.create(plan=plan, year=YEAR - 1, indicator=value.indicator,
                                     area=plan.region, kind=WarningKind.values[0],
                                     department=Department.objects.get(code="health"))
    access, key = do_issue_child_token(plan.region, area, "乡镇", coordinator)
    delivery = Delivery.objects.create(area=area, batch="0" * 64, method="push", access=access)
    received = ReceivedValue.objects.create(delivery=delivery, indicator=value.indicator,
                                            area=area, year=YEAR - 1, value=1, version=1,
                                            outcome="conflict")
    conflict = Conflict.objects.create(received=received, observation=value)
    return {"value": value, "approved": approved, "warning": warning, "area": area,
            "access": access, "conflict": conflict, "child_key": key}


def send(client: Client, target: Target, body: Any, headers: dict[str, str]) -> Any:
    path = target.path
    if target.method == "get":
        return client.get(path, body, headers=headers)
    if target.api:
        data = body if isinstance(body, str) else json.dumps(body)
        return getattr(client, target.method)(path, data, content_type="application/json",
                                              headers=headers)
    return client.post(path, body, headers=headers)


def test_every_class_of_malformed_input_is_refused_and_writes_nothing(
        world: dict[str, Any], capsys: Any) -> None:
    from halfsky.web.tokens.actions import do_create_token

    users = get_user_model().objects
    sent, failures = 0, []
    for target in TARGETS:
        client, headers = Client(raise_request_exception=False), {}
        user = users.filter(username=target.user).first()
        if target.user == "child":
            headers = {"Authorization": f"Bearer {world['child_key']}"}
        elif target.api:
            headers = {"Authorization": f"Bearer {do_create_token(user, 'bad', user)[1]}"}
        else:
            client.force_login(user)
        path = target.path(world)
        bound = Target(**{**target.__dict__, "path": path})  # type: ignore[arg-type]
        for label, body in malformed(target, world):
            before = row_counts()
            response = send(client, bound, body, headers)
            sent += 1
            after = row_counts()
            changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
            if response.status_code not in {400, 413, 422} or changed:
                failures.append(f"{target.name}: {label} → {response.status_code} {changed}"
                                f" {response.content[:160]!r}")
    with capsys.disabled():
        print(f"\nmalformed input: {sent} requests over {len(TARGETS)} forms and endpoints, "
              f"{len(failures)} not refused or writing")
    assert not failures, "\n".join(failures)
