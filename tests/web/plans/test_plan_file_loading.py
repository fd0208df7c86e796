"""Pages do not read plan files: a plan's ``document`` (the whole plan as loaded, hundreds
of KB of JSON) is read only by the code that uses it, and then it is all there."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from halfsky.formats.plan_file import load_plan, plan_to_dict
from halfsky.web.assessments.models import Warning
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import domain_plan

PLAN = "jixian-women-2021-2025"
PAGES = [f"/plans/{PLAN}/dashboard/", f"/plans/{PLAN}/indicators/D11/",
         f"/plans/{PLAN}/assessments/2024/", f"/plans/{PLAN}/assessments/warnings/",
         f"/plans/{PLAN}/economy/", f"/plans/{PLAN}/indicators/", "/departments/health/"]


def sql_of(client: Any, path: str) -> list[str]:
    run: list[str] = []
    with connection.execute_wrapper(lambda call, sql, *rest: run.append(sql) or call(sql, *rest)):
        response = client.get(path)
    assert response.status_code == 200, path
    return run


@pytest.mark.django_db
def test_no_page_reads_a_plan_file(login) -> None:
    client = login("coordinator")
    first = Warning.objects.filter(plan__code=PLAN).order_by("pk").values_list("pk", flat=True)[0]
    for path in [*PAGES, f"/plans/{PLAN}/assessments/warnings/{first}/"]:
        assert not [sql for sql in sql_of(client, path) if '"document"' in sql], path


@pytest.mark.django_db
def test_the_plan_file_is_read_whole_when_code_asks_for_it(login) -> None:
    plan = Plan.objects.get(code=PLAN)
    assert plan.document == plan_to_dict(load_plan(PLAN))
    assert domain_plan(Plan.objects.get(code=PLAN)).code == PLAN
    read = login("coordinator").get(f"/api/plans/{PLAN}").json()
    assert read == plan.document
