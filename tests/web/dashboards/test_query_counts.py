"""Pages cost what they show: the same SQL queries for the demo and for a bigger data set.

The demo has 4 townships and 5 years with one year assessed; the bigger set
adds 8 townships, the years 2016–2019 and three more assessed years (more
results and warnings). Every page asks the database as many times on both.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection

from halfsky.domain.demo_series import demo_values
from halfsky.formats.plan_file import load_plan
from halfsky.web.assessments.actions import do_recompute
from halfsky.web.assessments.models import Warning
from halfsky.web.demo_values import sample_rows
from halfsky.web.orgs.actions import do_ensure_sample_townships
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.values.actions.reference import do_store_sample_values

PLAN = "jixian-women-2021-2025"
PAGES = [
    f"/plans/{PLAN}/dashboard/",
    f"/plans/{PLAN}/indicators/H03/",
    f"/plans/{PLAN}/indicators/D11/",
    f"/plans/{PLAN}/indicators/D11/?area=141028-S01",  # one township (no areas below)
    f"/api/indicators/D11/series?plan={PLAN}&area=141028-S01",
    f"/api/indicators/H03/series?plan={PLAN}",
    f"/plans/{PLAN}/dashboard/townships/",
    f"/api/dashboard/townships?plan={PLAN}",
    f"/plans/{PLAN}/dashboard/townships/?area=141028-S01",
    f"/plans/{PLAN}/dashboard/gender-gap/",
    f"/plans/{PLAN}/assessments/2024/",
    f"/plans/{PLAN}/assessments/warnings/",
    "/departments/health/",
    f"/plans/{PLAN}/economy/",  # a domain: its goals, indicators and their state
    f"/plans/{PLAN}/indicators/",
]


def queries(client: Any, path: str) -> int:
    cache.clear()  # a cached overview would hide its queries
    client.get(path)  # the session and the user's row, as any later request
    cache.clear()
    run: list[str] = []
    with connection.execute_wrapper(lambda call, sql, *rest: run.append(sql) or call(sql, *rest)):
        response = client.get(path)
    assert response.status_code == 200, path
    return len(run)


def grow() -> None:
    """12 townships instead of 4 (the first 4 renamed), values from 2016, four assessed
    years instead of one."""
    plan = load_plan(PLAN)
    names = [f"乡镇{n}（示例）" for n in range(1, 13)]
    townships = do_ensure_sample_townships(plan.region, names)
    stored = {i.code: i for i in Indicator.objects.filter(plan__code=PLAN)}
    for indicator in plan.indicators:
        for township in townships:
            series = demo_values(indicator, range(2016, 2025), seed=township.code)
            do_store_sample_values(stored[indicator.code], township,
                                   [r for r in sample_rows(series, range(2016, 2025))
                                    if not r["breakdown"]])
    for year in (2021, 2022, 2023):
        do_recompute(Plan.objects.get(code=PLAN), year)


@pytest.mark.django_db
def test_every_page_asks_the_database_as_often_for_a_bigger_data_set(login) -> None:
    client = login("coordinator")
    before_warnings = Warning.objects.count()
    small = {path: queries(client, path) for path in PAGES}
    grow()
    assert Warning.objects.count() > 3 * before_warnings  # the set did grow
    big = {path: queries(client, path) for path in PAGES}
    assert big == small
    townships = client.get(f"/api/dashboard/townships?plan={PLAN}").json()["indicators"]
    assert townships and all(item["year"] == 2024 and len(item["bars"]) == 12
                             for item in townships)
    areas = [bar["area"] for bar in townships[0]["bars"]]
    assert areas == sorted(areas)


@pytest.mark.django_db
def test_the_warnings_list_shows_fifty_a_page_and_pages_on(login) -> None:
    grow()
    client = login("coordinator")
    total = Warning.objects.count()
    first = client.get(f"/plans/{PLAN}/assessments/warnings/")
    assert first.content.decode().count("data-warning=") == 50
    last_page = (total + 49) // 50
    last = client.get(f"/plans/{PLAN}/assessments/warnings/?page={last_page}").content.decode()
    assert last.count("data-warning=") == total - 50 * (last_page - 1)
    assert f"?state=&amp;page={last_page - 1}" in last
