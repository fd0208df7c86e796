"""Comparing periods: the chart's data covers every plan sharing a series, and the old plan's
final evaluation opens beside the next plan's first year."""

from __future__ import annotations

import pytest

from halfsky.web.assessments.actions import do_recompute
from halfsky.web.plans.models import Plan
from tests.web.plans.test_series_links import NEW, OLD

from .test_shared_series import load_successor


@pytest.fixture
def successor(db) -> Plan:
    return load_successor(target=60.0)


def test_the_chart_data_shades_both_periods_with_each_plans_target(login, successor) -> None:
    data = login("coordinator").get(f"/api/indicators/H12/series?plan={NEW}").json()
    periods = {p["plan"]: p for p in data["periods"]}
    assert (periods[OLD]["baseline_year"], periods[OLD]["end_year"]) == (2020, 2025)
    assert (periods[NEW]["baseline_year"], periods[NEW]["end_year"]) == (2025, 2030)
    assert [t["value"] for t in periods[OLD]["targets"]] == [50.0]
    assert [t["value"] for t in periods[NEW]["targets"]] == [60.0]
    assert periods[NEW]["current"] and not periods[OLD]["current"]
    assert 2021 in data["years"]  # the old plan's values, on the new plan's indicator
    alone = login("coordinator").get(f"/api/indicators/H13/series?plan={NEW}").json()
    assert alone["periods"] == []  # not shared: one plan, no shading


def test_the_indicator_page_names_the_other_plan_and_links_the_comparison(login,
                                                                          successor) -> None:
    page = login("coordinator").get(f"/plans/{NEW}/indicators/H12/").content.decode()
    assert f'data-plan="{OLD}"' in page and f"/plans/{NEW}/compare/{OLD}/" in page


def test_final_evaluation_and_first_year_side_by_side(login, successor) -> None:
    old = Plan.objects.select_related("region").get(code=OLD)
    do_recompute(old, 2025)
    do_recompute(successor, 2026)
    page = login("leader").get(f"/plans/{OLD}/compare/{NEW}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert html.count('data-indicator="') == 1  # only H12 is shared
    row = html.split('data-indicator="H12"')[1].split("</tr>")[0]
    assert "50" in row and "60" in row  # each plan's own target
    assert 'data-status="' in row
    same = login("leader").get(f"/plans/{NEW}/compare/{OLD}/")  # either order
    assert same.status_code == 200
    overview = login("leader").get(f"/plans/{OLD}/").content.decode()
    assert f'data-compare="{NEW}"' in overview
