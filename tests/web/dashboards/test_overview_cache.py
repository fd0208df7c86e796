"""The overview's aggregates are cached per plan and year, and an approved change shows at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection

from halfsky.web.values.actions.store import Change, store_values
from halfsky.web.values.models import Observation, ValueStatus

PLAN = "jixian-women-2021-2025"


def overview(client: Any) -> tuple[dict[str, Any], int]:
    run: list[str] = []
    with connection.execute_wrapper(lambda call, sql, *rest: run.append(sql) or call(sql, *rest)):
        response = client.get(f"/plans/{PLAN}/dashboard/")
    assert response.status_code == 200
    return response.context["data"], len(run)


@pytest.mark.django_db
def test_the_second_overview_reads_the_cached_aggregates(login) -> None:
    cache.clear()
    client = login("coordinator")
    client.get(f"/plans/{PLAN}/assessments/warnings/")  # the session's own queries, once
    first, asked = overview(client)
    again, asked_again = overview(client)
    assert again["rate"] == first["rate"] and again["domains"] == first["domains"]
    assert again["warnings"] == first["warnings"]
    assert asked_again < asked


@pytest.mark.django_db(transaction=False)
def test_an_approved_change_is_on_the_next_overview(login, django_capture_on_commit_callbacks
                                                     ) -> None:
    cache.clear()
    client = login("coordinator")
    before, _ = overview(client)
    health = next(d for d in before["domains"] if d["code"] == "health")
    # H01 (≥ 78.1 by 2025) stands at 77.9 in 2024: expected to meet, not met.
    value = Observation.objects.get(indicator__code="H01", area__code="141028", year=2024,
                                    breakdown="")
    snapshot = value.snapshot()
    value.value, value.status = 80.0, ValueStatus.APPROVED
    with django_capture_on_commit_callbacks(execute=True):  # the reassessment, after commit
        store_values([Change(value, snapshot)], "edit")
    after, _ = overview(client)
    assert after["rate"]["met"] == before["rate"]["met"] + 1
    assert next(d for d in after["domains"] if d["code"] == "health")["met"] == health["met"] + 1
