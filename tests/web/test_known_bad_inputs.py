"""The server errors and silent drops an outside test found (issue 15), each answered now.

Every request here used to answer 500, or 200 without storing what was sent.
"""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from halfsky.web.exchange.models import ChildAccess
from halfsky.web.tokens.actions import do_create_token
from halfsky.web.values.models import Observation, Round, Task, ValueChange

YEAR = 2025
pytestmark = pytest.mark.django_db


def api_client(username: str) -> tuple[Client, dict[str, str]]:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    return Client(), {"Authorization": f"Bearer {do_create_token(user, 'tests', user)[1]}"}


@pytest.fixture
def round_open(login: Any) -> Round:
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    response = login("coordinator").post("/rounds/", {"year": YEAR, "deadline": deadline})
    assert response.status_code == 302, response.content.decode()[:500]
    return Round.objects.get(year=YEAR)


def health_value(rate: bool = False) -> Observation:
    return Observation.objects.filter(task__round__year=YEAR, task__department__code="health",
                                      indicator__per__isnull=not rate).select_related(
        "indicator").order_by("pk").first()


@pytest.mark.parametrize("username", ["viewer", "health_reporter", "statistics"])
def test_a_non_numeric_review_key_is_refused_not_a_server_error(login: Any, round_open: Round,
                                                                username: str) -> None:
    client = login(username)
    response = client.post(f"/rounds/{YEAR}/health/review/", {"decision-abc": "approve"})
    # the viewer and the reporter may not review (403, asked first); the bureau sent nonsense
    assert response.status_code == (400 if username == "statistics" else 403)
    if username == "statistics":
        assert "无法读取" in response.content.decode() or "could not be read" in \
            response.content.decode()
    assert not ValueChange.objects.filter(action__in=["approve", "return"]).exists()


@pytest.mark.parametrize("data", [{"action": "revoke", "token": "abc"},
                                  {"action": "pull", "area": "abc"},
                                  {"action": "source", "area": "99999999999999999999"},
                                  {"action": "nonsense"}])
def test_exchange_posts_with_bad_ids_are_refused(login: Any, data: dict[str, str]) -> None:
    before = ChildAccess.objects.count()
    response = login("coordinator").post("/plans/jixian-women-2021-2025/exchange/", data)
    assert response.status_code == 400
    assert ChildAccess.objects.count() == before


def test_a_huge_year_on_the_sdmx_download_is_ignored(login: Any) -> None:
    client = login("coordinator")
    for path in ("/plans/jixian-women-2021-2025/exchange/sdmx/data.csv", "/plans/jixian-women-2021-2025/exchange/sdmx/data.json", "/plans/jixian-women-2021-2025/exchange/sdmx/"):
        response = client.get(path, {"year": "99999999999999999999"})
        assert response.status_code in {200, 409}, path


def test_a_huge_year_on_the_exchange_api_is_invalid() -> None:
    client, headers = api_client("coordinator")
    response = client.get("/api/exchange/values?year=99999999999999999999", headers=headers)
    assert response.status_code == 422 and response.json()["code"] == "api.invalid"


def test_huge_ids_in_paths_are_not_found(login: Any) -> None:
    client = login("coordinator")
    for path in ("/rounds/values/99999999999999999999/", "/plans/jixian-women-2021-2025/reports/99999999999999999999/",
                 "/jobs/99999999999999999999/", "/rounds/99999/"):
        assert client.get(path).status_code == 404, path
    api, headers = api_client("coordinator")
    response = api.get("/api/values/99999999999999999999", headers=headers)
    assert response.status_code == 422 and response.json()["code"] == "api.invalid"


@pytest.mark.parametrize("field", ["note", "explanation"])
def test_a_nul_byte_in_a_note_is_refused(login: Any, round_open: Round, field: str) -> None:
    observation = health_value()
    client, headers = api_client("health_reporter")
    response = client.patch(f"/api/values/{observation.pk}", json.dumps(
        {"version": observation.version, field: "a\x00b"}), content_type="application/json",
        headers=headers)
    assert response.status_code == 422 and response.json()["code"] == "api.invalid"
    page = login("health_reporter").post(f"/rounds/values/{observation.pk}/save/", {
        "version": observation.version, field: "a\x00b"}, HTTP_HX_REQUEST="true")
    assert page.status_code == 422
    observation.refresh_from_db()
    assert getattr(observation, field) == "" and observation.version == 1


def test_the_schema_refuses_year_zero_and_an_empty_reason(round_open: Round) -> None:
    client, headers = api_client("coordinator")
    response = client.post("/api/rounds", json.dumps({"year": 0, "deadline": "2099-01-01"}),
                           content_type="application/json", headers=headers)
    assert response.status_code == 422
    assert response.json()["params"]["errors"][0]["loc"][-1] == "year"
    statistics, headers = api_client("statistics")
    response = statistics.post(f"/api/values/{health_value().pk}/reopen",
                               json.dumps({"reason": ""}), content_type="application/json",
                               headers=headers)
    assert response.status_code == 422 and response.json()["code"] == "api.invalid"
    schema = Client().get("/api/openapi.json").json()["components"]["schemas"]
    assert schema["RoundIn"]["properties"]["year"]["minimum"] == 1900
    assert schema["ReopenIn"]["properties"]["reason"]["minLength"] == 1
    assert "today or later" in schema["RoundIn"]["properties"]["deadline"]["description"]


def test_parse_errors_and_oversize_bodies_answer_the_json_error_shape(settings: Any) -> None:
    client, headers = api_client("coordinator")
    broken = client.post("/api/rounds", "{not json", content_type="application/json",
                         headers=headers)
    assert broken.status_code == 400 and broken.json()["code"] == "api.bad_body"
    deep = client.post("/api/rounds", "[" * 100_000 + "]" * 100_000,
                       content_type="application/json", headers=headers)
    assert deep.status_code == 400 and deep.json()["code"] == "api.too_deep"
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    large = client.post("/api/rounds", json.dumps({"year": 2025, "deadline": "2099-01-01",
                                                   "x": "y" * 5000}),
                        content_type="application/json", headers=headers)
    assert large.status_code == 413 and large.json()["code"] == "api.too_large"
    assert not Round.objects.exists()
    documented = Client().get("/api/openapi.json").json()["paths"]["/api/rounds"]["post"]
    assert {"400", "413", "422"} <= set(documented["responses"])


def test_a_value_sent_to_a_rate_is_stored_and_clears_its_parts(round_open: Round) -> None:
    observation = health_value(rate=True)
    client, headers = api_client("health_reporter")

    def patch(body: dict[str, Any]) -> Any:
        observation.refresh_from_db()
        return client.patch(f"/api/values/{observation.pk}", json.dumps(
            {"version": observation.version, **body}), content_type="application/json",
            headers=headers)

    assert patch({"numerator": 3, "denominator": 1000}).status_code == 200
    observation.refresh_from_db()
    computed = observation.value
    assert computed is not None and observation.numerator == 3
    response = patch({"value": 13})
    assert response.status_code == 200
    assert response.json()["value"] == 13 and response.json()["numerator"] is None
    observation.refresh_from_db()
    assert (observation.value, observation.numerator, observation.denominator) == (13, None, None)
    refused = patch({"value": 14, "numerator": 3, "denominator": 1000})
    assert refused.status_code == 422 and refused.json()["code"] == "value.rate_parts"
    assert refused.json()["params"]["fields"] == ["value", "numerator", "denominator"]
    observation.refresh_from_db()
    assert observation.value == 13
    agreeing = patch({"value": computed, "numerator": 3, "denominator": 1000})
    assert agreeing.status_code == 200 and agreeing.json()["numerator"] == 3


def test_the_web_form_stores_the_value_of_a_rate_as_typed(login: Any, round_open: Round) -> None:
    observation = health_value(rate=True)
    client = login("health_reporter")

    def save(**fields: str) -> Any:
        observation.refresh_from_db()
        return client.post(f"/rounds/values/{observation.pk}/save/",
                           {"version": observation.version, **fields}, HTTP_HX_REQUEST="true")

    assert save(numerator="3", denominator="1000", value="").status_code == 200
    observation.refresh_from_db()
    shown = observation.value
    assert shown is not None
    # a note changed beside the computed value as shown keeps the parts
    assert save(numerator="3", denominator="1000", value=str(shown), note="核实").status_code == 200
    observation.refresh_from_db()
    assert observation.numerator == 3 and observation.note == "核实"
    # the value typed over the computed one is stored, the parts cleared
    assert save(numerator="3", denominator="1000", value="13").status_code == 200
    observation.refresh_from_db()
    assert (observation.value, observation.numerator, observation.denominator) == (13, None, None)
    refused = save(numerator="5", denominator="1000", value="14")
    assert refused.status_code == 422
    observation.refresh_from_db()
    assert observation.value == 13


def test_a_supporting_department_reads_but_never_writes_another_departments_values(
        round_open: Round) -> None:
    """Decided (README, docs/permissions.md): a department that supports an indicator may
    read its values in the lead department's task, with their history (who entered them);
    it may not open that task, change a value or take a step."""
    from halfsky.web.orgs.models import Department

    value = health_value()
    value.indicator.supporting.add(Department.objects.get(code="education"))
    client, headers = api_client("education_reporter")
    read = client.get(f"/api/values/{value.pk}", headers=headers)
    assert read.status_code == 200 and "history" in read.json()
    saved = client.patch(f"/api/values/{value.pk}", json.dumps({"version": 1, "value": 1}),
                         content_type="application/json", headers=headers)
    assert saved.status_code == 403
    lead = value.task.department.code
    assert client.get(f"/api/rounds/{YEAR}/tasks/{lead}", headers=headers).status_code == 403
    value.refresh_from_db()
    assert value.value is None and value.version == 1
    assert Task.objects.get(round=round_open, department__code=lead).state == "not_started"


def test_permission_is_asked_before_the_input_is_read(login: Any, round_open: Round) -> None:
    client, headers = api_client("viewer")
    for method, path in (("post", "/api/rounds"), ("post", f"/api/rounds/{YEAR}/tasks/health/review"),
                         ("patch", f"/api/values/{health_value().pk}")):
        response = getattr(client, method)(path, "{not json", content_type="application/json",
                                           headers=headers)
        assert response.status_code in {403, 404}, (path, response.content)
    response = login("stranger").post("/api/rounds", "{not json",
                                      content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "api.no_role"
    viewer = login("viewer")
    observation = health_value()
    assert viewer.post(f"/rounds/values/{observation.pk}/save/", {"note": "\x00"}).status_code == 403
    assert viewer.post(f"/rounds/{YEAR}/health/upload/", {}).status_code == 403
    assert viewer.post("/plans/jixian-women-2021-2025/reports/", {"year": "abc"}).status_code == 403
