"""Approved is the county's number: a value not yet approved (here a returned 2025 value)
is absent from every table, chart, dashboard and export a viewer reads, and shown marked
with its state to those who work on it."""

from __future__ import annotations

import csv
import io

import pytest
from django.contrib.auth import get_user_model

from halfsky.web.assessments.series import build_table
from halfsky.web.dashboards import queries
from halfsky.web.exchange.outbox import local_values, outgoing_values
from halfsky.web.exchange.queries import compare_table
from halfsky.web.orgs.area_view import area_view
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.reports.inputs import collect
from halfsky.web.values.models import Observation, ValueStatus
from halfsky.web.values.value_tables import latest_totals

PLAN = "jixian-women-2021-2025"
YEAR = 2025
CODE = "H14"  # a key indicator of the overview (health department)


def plan() -> Plan:
    return Plan.objects.get(code=PLAN)


def indicator(code: str = CODE) -> Indicator:
    return Indicator.objects.get(plan__code=PLAN, code=code)


def unapproved(code: str = CODE, area: Area | None = None, breakdown: str = "",
               value: float = 97.5, status: str = ValueStatus.RETURNED) -> Observation:
    return Observation.objects.create(
        indicator=indicator(code), area=area or plan().region, year=YEAR, breakdown=breakdown,
        value=value, status=status, review_comment="请核对")


@pytest.fixture
def returned(db: None) -> Observation:
    return unapproved()


def series_years(data: dict) -> set[int]:
    return {v["year"] for s in data["series"] for v in s["values"]}


def page(client, code: str = CODE) -> str:
    response = client.get(f"/plans/{PLAN}/indicators/{code}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_viewer_reads_no_returned_value_on_the_indicator_page(login, returned) -> None:
    for name in ("leader", "viewer"):
        html = page(login(name))
        assert f">{YEAR}<" not in html and "97.5" not in html and "已退回" not in html


def test_the_reviewer_and_the_department_read_it_marked_with_its_state(login, returned) -> None:
    for name in ("statistics", "coordinator", "health_reporter"):
        html = page(login(name))
        assert f">{YEAR}<" in html and "97.5" in html, name
        assert 'data-state="returned"' in html and "已退回" in html, name
    unapproved("H03", status=ValueStatus.SUBMITTED)
    assert "待审核" in page(login("statistics"), "H03")


def test_the_series_api_has_approved_values_only_unapproved_apart_for_workers(
        login, returned) -> None:
    url = f"/api/indicators/{CODE}/series?plan={PLAN}"
    viewer = login("leader").get(url).json()
    assert YEAR not in series_years(viewer) and YEAR not in viewer["years"]
    assert viewer["unapproved"] == []
    reviewer = login("statistics").get(url).json()
    assert YEAR not in series_years(reviewer)
    assert [(u["year"], u["value"], u["status"], u["state"], u["kind"])
            for u in reviewer["unapproved"]] == [(YEAR, 97.5, "returned", "已退回", "total")]


def test_the_downloads_hold_approved_values_only(login, returned) -> None:
    client = login("statistics")
    text = client.get(f"/plans/{PLAN}/dashboard/indicators/{CODE}.csv").content.decode("utf-8-sig")
    years = {row["year"] for row in csv.DictReader(io.StringIO(text))}
    assert years and str(YEAR) not in years


def test_the_overview_sparkline_and_the_goal_page_leave_it_out(login, returned) -> None:
    data = queries.overview(plan(), login("leader").get("/").wsgi_request.user)
    spark = next(k for k in data["key_indicators"] if k["code"] == CODE)
    assert spark["values"] and YEAR not in {v["year"] for v in spark["values"]}
    assert latest_totals([indicator()])[indicator().pk].year == YEAR - 1


def test_township_and_gender_gap_dashboards_leave_it_out(db) -> None:
    leader = get_user_model().objects.get(username="leader")
    township = Area.objects.filter(parent=plan().region).order_by("code").first()
    areas = area_view(plan().region, None)
    shown = queries.townships(plan(), leader, areas)["indicators"]
    assert shown
    code = shown[0]["code"]
    unapproved(code, area=township, value=12345.0)
    unapproved(code, value=54321.0)
    after = next(i for i in queries.townships(plan(), leader, areas)["indicators"]
                 if i["code"] == code)
    assert after["year"] == shown[0]["year"] < YEAR
    assert 12345.0 not in {b["value"] for b in after["bars"]} and after["county"] != 54321.0

    gap = queries.gender_gap(plan(), leader)["indicators"][0]
    unapproved(gap["code"], breakdown="sex=female", value=60.0)
    unapproved(gap["code"], breakdown="sex=male", value=40.0)
    again = next(i for i in queries.gender_gap(plan(), leader)["indicators"]
                 if i["code"] == gap["code"])
    assert YEAR not in {p["year"] for p in again["values"]}


def test_the_exchange_comparison_shows_the_approved_county_value_only(returned) -> None:
    table = compare_table(plan(), indicator())
    cell = table.region_values[table.years.index(YEAR)]
    assert cell is None
    approved = table.region_values[table.years.index(YEAR - 1)]
    assert approved is not None and approved.status == ValueStatus.APPROVED


def test_reports_the_exchange_and_the_assessment_read_approved_values_only(returned) -> None:
    series = next(s for s in collect(plan(), YEAR)["series"] if s["code"] == CODE)
    assert series["values"] and str(YEAR) not in series["values"]
    assert not [v for v in local_values(plan(), {YEAR}) if v.indicator == CODE]
    assert not [v for v in outgoing_values(plan(), {YEAR}) if v.year == YEAR and v.value == 97.5]
    table = build_table(plan(), YEAR)
    assert len(table.observations.year) and YEAR not in set(table.observations.year.tolist())
