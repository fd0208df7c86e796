"""A reporting round through the real pages: open, fill, submit, confirm, review, reopen."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from halfsky.web.core.models import Notification
from halfsky.web.values.models import Observation, Round, Task, ValueStatus

YEAR = 2025


@pytest.fixture
def round_open(login) -> Round:
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    response = login("coordinator").post("/rounds/", {"year": YEAR, "deadline": deadline.isoformat()})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Round.objects.get(year=YEAR)


def health_values() -> list[Observation]:
    return list(Observation.objects.filter(task__round__year=YEAR, task__department__code="health")
                .select_related("indicator").order_by("indicator__position", "area__code", "breakdown"))


def save(client, observation: Observation, **fields):
    data = {"version": observation.version, **fields}
    return client.post(f"/rounds/values/{observation.pk}/save/", data, HTTP_HX_REQUEST="true")


def fill_all_as_not_applicable(client) -> None:
    for observation in health_values():
        observation.refresh_from_db()
        if observation.status in {ValueStatus.DRAFT, ValueStatus.RETURNED} and observation.value is None:
            assert save(client, observation, flag="not_applicable", note="测试").status_code == 200


def test_opening_a_round_creates_a_task_per_department_and_notifies(round_open: Round) -> None:
    departments = set(Task.objects.filter(round=round_open).values_list("department__code", flat=True))
    assert {"health", "education"} <= departments
    assert Notification.objects.filter(user__username="health_reporter", code="round.opened").exists()
    assert health_values() and all(o.status == ValueStatus.DRAFT for o in health_values())


def test_only_the_coordinator_opens_a_round(login) -> None:
    response = login("health_reporter").post("/rounds/", {"year": YEAR, "deadline": "2099-01-01"})
    assert response.status_code == 403
    assert not Round.objects.exists()


def test_a_round_cannot_be_opened_twice(login, round_open: Round) -> None:
    page = login("coordinator").post("/rounds/", {"year": YEAR, "deadline": "2099-01-01"})
    assert "已开启" in page.content.decode()
    assert Round.objects.count() == 1


def test_reporter_saves_a_value_and_its_history_records_it(login, round_open: Round) -> None:
    client = login("health_reporter")
    observation = next(o for o in health_values() if o.indicator.per is None)
    response = save(client, observation, value="77.9")
    assert response.status_code == 200
    observation.refresh_from_db()
    assert observation.value == 77.9 and observation.version == 2
    assert list(observation.changes.values_list("action", flat=True)) == ["open", "edit"]
    assert Task.objects.get(round=round_open, department__code="health").state == "in_progress"


def test_not_a_number_infinity_and_text_are_refused_full_width_digits_read(
        login, round_open: Round) -> None:
    client = login("health_reporter")
    observation = next(o for o in health_values() if o.indicator.per is None)
    for typed in ("nan", "inf", "1e400", "七十七"):
        response = save(client, observation, value=typed)
        assert "不是数字" in response.content.decode(), typed
        observation.refresh_from_db()
        assert observation.value is None and observation.version == 1  # nothing stored
    save(client, observation, value="７７．９")
    observation.refresh_from_db()
    assert observation.value == 77.9


def test_a_rate_is_computed_from_numerator_and_denominator(login, round_open: Round) -> None:
    client = login("health_reporter")
    observation = next(o for o in health_values() if o.indicator.per == 100000)
    assert save(client, observation, numerator="1", denominator="700").status_code == 200
    observation.refresh_from_db()
    assert observation.value == pytest.approx(142.857, abs=0.01)


def test_a_stale_save_is_a_conflict_and_overwrites_nothing(login, round_open: Round) -> None:
    client = login("health_reporter")
    observation = next(o for o in health_values() if o.indicator.per is None)
    stale_version = observation.version
    assert save(client, observation, value="77.9").status_code == 200
    response = client.post(f"/rounds/values/{observation.pk}/save/",
                           {"version": stale_version, "value": "70.1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    page = response.content.decode()
    assert "77.9" in page and "70.1" in page
    observation.refresh_from_db()
    assert observation.value == 77.9


def test_text_in_a_number_field_is_refused_clearly(login, round_open: Round) -> None:
    client = login("health_reporter")
    observation = health_values()[0]
    response = save(client, observation, value="七十八")
    assert response.status_code == 422
    assert "不是数字" in response.content.decode()
    observation.refresh_from_db()
    assert observation.value is None and observation.version == 1


def test_another_department_cannot_read_or_change_the_task(login, round_open: Round) -> None:
    client = login("education_reporter")
    assert client.get(f"/rounds/{YEAR}/health/").status_code == 403
    observation = next(o for o in health_values() if not o.indicator.supporting.filter(
        code="education").exists())
    assert save(client, observation, value="1").status_code == 404
    observation.refresh_from_db()
    assert observation.value is None


def test_submit_is_refused_while_values_are_missing(login, round_open: Round) -> None:
    client = login("health_reporter")
    response = client.post(f"/rounds/{YEAR}/health/submit/", follow=True)
    assert "提交前" in response.content.decode()
    assert Task.objects.get(round=round_open, department__code="health").state == "not_started"


def test_the_whole_workflow_ends_with_locked_values_and_full_history(login, round_open: Round) -> None:
    reporter, head, statistics = login("health_reporter"), login("health_head"), login("statistics")
    fill_all_as_not_applicable(reporter)
    assert reporter.post(f"/rounds/{YEAR}/health/submit/").status_code == 302
    task = Task.objects.get(round=round_open, department__code="health")
    assert task.state == "submitted"
    assert statistics.post(f"/rounds/{YEAR}/health/review/", {}).status_code == 400
    assert Task.objects.get(pk=task.pk).state == "submitted"  # not confirmed yet: no review
    assert head.post(f"/rounds/{YEAR}/health/confirm/").status_code == 302
    assert Task.objects.get(pk=task.pk).state == "confirmed"

    values = health_values()
    returned = values[0]
    decisions = {f"decision-{o.pk}": "approve" for o in values}
    decisions[f"decision-{returned.pk}"] = "return"
    decisions[f"comment-{returned.pk}"] = "请核实数据来源"
    assert statistics.post(f"/rounds/{YEAR}/health/review/", decisions).status_code == 302
    assert Task.objects.get(pk=task.pk).state == "returned"
    page = reporter.get(f"/rounds/{YEAR}/health/").content.decode()
    assert "请核实数据来源" in page

    returned.refresh_from_db()
    assert save(reporter, returned, flag="not_applicable", note="已核实").status_code == 200
    assert reporter.post(f"/rounds/{YEAR}/health/submit/").status_code == 302
    assert head.post(f"/rounds/{YEAR}/health/confirm/").status_code == 302
    assert statistics.post(f"/rounds/{YEAR}/health/review/",
                           {f"decision-{returned.pk}": "approve"}).status_code == 302
    assert Task.objects.get(pk=task.pk).state == "approved"

    returned.refresh_from_db()
    assert returned.status == ValueStatus.APPROVED
    assert save(reporter, returned, value="1").status_code == 409  # locked
    actions = list(returned.changes.values_list("action", flat=True))
    assert actions == ["open", "edit", "submit", "confirm", "return", "edit", "submit",
                       "confirm", "approve"]
    history = reporter.get(f"/rounds/values/{returned.pk}/").content.decode()
    assert "请核实数据来源" in history and "statistics" in history and "health_head" in history


def test_reopening_an_approved_value_needs_a_reason(login, round_open: Round) -> None:
    from django.contrib.auth import get_user_model

    from halfsky.web.values.actions.values import do_confirm_task, do_review_task, do_submit_task

    users = get_user_model().objects
    reporter = login("health_reporter")
    fill_all_as_not_applicable(reporter)
    task = Task.objects.get(round=round_open, department__code="health")
    do_submit_task(task, users.get(username="health_reporter"))
    do_confirm_task(task, users.get(username="health_head"))
    value = health_values()[0]
    do_review_task(task, {value.pk: ("approve", "")}, users.get(username="statistics"))
    statistics = login("statistics")
    page = statistics.post(f"/rounds/values/{value.pk}/", {"reason": ""}).content.decode()
    assert "这个字段是必填项" in page
    value.refresh_from_db()
    assert value.status == ValueStatus.APPROVED
    statistics.post(f"/rounds/values/{value.pk}/", {"reason": "统计口径调整"})
    value.refresh_from_db()
    assert value.status == ValueStatus.RETURNED and value.review_comment == "统计口径调整"
    assert login("health_reporter").post(f"/rounds/values/{value.pk}/", {"reason": "x"}).status_code == 403


def test_board_shows_every_department_and_a_reminder_list(login, round_open: Round) -> None:
    page = login("coordinator").get(f"/rounds/{YEAR}/").content.decode()
    assert "县卫生健康和体育局" in page and "未开始" in page
    assert 'id="reminders"' in page


def test_department_user_is_taken_from_the_board_to_own_task(login, round_open: Round) -> None:
    response = login("health_head").get(f"/rounds/{YEAR}/")
    assert response.status_code == 302 and response.url == f"/rounds/{YEAR}/health/"
