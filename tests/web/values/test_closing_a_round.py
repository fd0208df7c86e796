"""The coordinator closes a round after its deadline; a late change needs it reopened
with a reason."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from halfsky.web.audit.models import AuditEvent
from halfsky.web.core.models import Notification
from halfsky.web.values.models import Observation, Round

YEAR = 2025


@pytest.fixture
def round_open(login) -> Round:
    deadline = timezone.localdate() + datetime.timedelta(days=1)
    response = login("coordinator").post("/rounds/", {"year": YEAR, "deadline": deadline.isoformat()})
    assert response.status_code == 302
    return Round.objects.get(year=YEAR)


def a_draft() -> Observation:
    return Observation.objects.filter(task__round__year=YEAR, task__department__code="health",
                                      value__isnull=True).order_by("pk").first()


def save(client, observation: Observation, value: str):
    return client.post(f"/rounds/values/{observation.pk}/save/",
                       {"version": observation.version, "value": value}, HTTP_HX_REQUEST="true")


def test_a_closed_round_takes_no_more_values_until_it_is_reopened_with_a_reason(
        login, round_open: Round) -> None:
    coordinator = login("coordinator")
    board = coordinator.get(f"/rounds/{YEAR}/").content.decode()
    assert "关闭本轮填报" in board
    coordinator.post(f"/rounds/{YEAR}/close/")
    round_open.refresh_from_db()
    assert round_open.closed_at is not None
    assert Notification.objects.filter(user__username="health_reporter",
                                       code="round.closed_notice").exists()

    reporter = login("health_reporter")
    assert "已关闭" in reporter.get(f"/rounds/{YEAR}/health/").content.decode()
    draft = a_draft()
    refused = save(reporter, draft, "12.5")
    assert refused.status_code == 409
    assert "已关闭" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.value is None  # nothing stored

    coordinator = login("coordinator")
    page = coordinator.post(f"/rounds/{YEAR}/reopen/", {"reason": ""}, follow=True)
    assert "请说明重新开放的原因" in page.content.decode()
    round_open.refresh_from_db()
    assert round_open.closed_at is not None  # still closed without a reason

    coordinator.post(f"/rounds/{YEAR}/reopen/", {"reason": "卫健局补报2025年孕产妇死亡率"})
    round_open.refresh_from_db()
    assert round_open.closed_at is None
    event = AuditEvent.objects.get(action="round.reopen")
    assert event.details["reason"] == "卫健局补报2025年孕产妇死亡率"
    assert Notification.objects.filter(user__username="health_reporter", code="round.reopened",
                                       params__reason="卫健局补报2025年孕产妇死亡率").exists()

    reporter = login("health_reporter")
    assert save(reporter, a_draft(), "12.5").status_code == 200


def test_only_the_coordinator_closes_a_round(login, round_open: Round) -> None:
    assert login("health_reporter").post(f"/rounds/{YEAR}/close/").status_code == 403
    assert login("statistics").post(f"/rounds/{YEAR}/close/").status_code == 403
    round_open.refresh_from_db()
    assert round_open.closed_at is None
    assert "关闭本轮填报" not in login("statistics").get(f"/rounds/{YEAR}/").content.decode()
