"""Dashboards: the chart JSON, the downloads and the pages read the stored data, by role."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from halfsky.web.assessments.models import AssessmentResult
from halfsky.web.values.models import Observation

PLAN = "jixian-women-2021-2025"


def stored(code: str) -> dict[tuple[str, str, int], float]:
    return {(o.area.code, o.breakdown, o.year): o.value for o in Observation.objects.filter(
        indicator__code=code, value__isnull=False).select_related("area")
        if o.area.level == "county" or o.breakdown == ""}


def test_series_holds_the_stored_values_and_the_assessment(login) -> None:
    data = login("coordinator").get("/api/indicators/H03/series?plan=jixian-women-2021-2025").json()
    got = {(s["area"], s["breakdown"], v["year"]): v["value"]
           for s in data["series"] for v in s["values"]}
    assert got == stored("H03")
    assert {s["kind"] for s in data["series"]} >= {"total", "urban_rural"}
    result = AssessmentResult.objects.filter(indicator__code="H03", breakdown="",
                                             area__code="141028").order_by(
        "-year", "target_position").first()
    assert result is not None
    assert data["assessment"]["status"]["code"] == result.status
    assert data["assessment"]["forecast"] == result.forecast
    assert data["assessment"]["target_year"] == 2025
    assert data["targets"][0]["value"] == 12.5
    assert data["reference"]["values"] and all(r["source"] for r in data["reference"]["values"])


def test_crossed_series_carry_their_dimensions_for_the_toggles(login) -> None:
    data = login("coordinator").get("/api/indicators/E08/series?plan=jixian-women-2021-2025").json()
    series = {s["breakdown"]: s for s in data["series"]}
    assert series["sex=female"]["dimensions"] == ["sex"]
    crossed = series["sex=female;urban_rural=rural"]
    assert crossed["dimensions"] == ["sex", "urban_rural"]
    assert crossed["label"] == "女性 · 农村"
    assert [s["breakdown"] for s in data["series"]][:3] == ["", "sex=female", "sex=male"]
    got = {(s["area"], s["breakdown"], v["year"]): v["value"]
           for s in data["series"] for v in s["values"]}
    assert got == stored("E08")


def test_township_series_are_in_the_chart(login) -> None:
    code = Observation.objects.filter(area__level="township").values_list(
        "indicator__code", flat=True).first()
    data = login("coordinator").get(f"/api/indicators/{code}/series?plan=jixian-women-2021-2025").json()
    assert any(s["kind"] == "township" for s in data["series"])


def test_department_users_read_only_their_indicators(login) -> None:
    client = login("health_reporter")
    assert client.get("/api/indicators/H03/series?plan=jixian-women-2021-2025").status_code == 200
    refused = client.get("/api/indicators/E03/series?plan=jixian-women-2021-2025")
    assert refused.status_code == 403 and refused.json()["code"] == "api.forbidden"
    assert client.get(f"/plans/{PLAN}/dashboard/indicators/E03.csv").status_code == 403
    assert client.get(f"/plans/{PLAN}/dashboard/indicators/E03.xlsx").status_code == 403
    assert login("stranger").get("/api/indicators/H03/series?plan=jixian-women-2021-2025").status_code == 403
    assert login("coordinator").get("/api/indicators/NOPE/series?plan=jixian-women-2021-2025").status_code == 404


def test_csv_download_equals_the_stored_values(login) -> None:
    response = login("coordinator").get(f"/plans/{PLAN}/dashboard/indicators/H03.csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    got = {(r["area"], r["breakdown"], int(r["year"])): float(r["value"]) for r in rows}
    assert got == stored("H03")
    assert {r["sample"] for r in rows} == {"1"}


def test_xlsx_download_equals_the_stored_values(login) -> None:
    response = login("coordinator").get(f"/plans/{PLAN}/dashboard/indicators/H03.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r and r[6] is not None]
    got = {(r[2], r[4] or "", int(r[6])): float(r[7]) for r in rows}
    assert got == stored("H03")


@pytest.mark.parametrize("username", ["coordinator", "health_reporter", "leader", "viewer"])
@pytest.mark.parametrize("url", [f"/plans/{PLAN}/dashboard/", f"/plans/{PLAN}/dashboard/townships/", f"/plans/{PLAN}/dashboard/gender-gap/",
                                 f"/plans/{PLAN}/indicators/H03/"])
def test_pages_open_for_each_role(login, username: str, url: str) -> None:
    page = login(username).get(url)
    assert page.status_code == 200
    assert "vendor/echarts.min.js" in page.content.decode()


def test_overview_counts_follow_the_role(login) -> None:
    everything = login("coordinator").get("/api/dashboard/overview?plan=jixian-women-2021-2025").json()
    own = login("health_reporter").get("/api/dashboard/overview?plan=jixian-women-2021-2025").json()
    assert len(everything["domains"]) == 8
    assert sum(d["count"] for d in own["warnings"]["by_department"]) <= sum(
        d["count"] for d in everything["warnings"]["by_department"])
    assert {d["code"] for d in own["warnings"]["by_department"]} <= {"health"}
    if everything["round"] is not None:  # the test demo opens no round
        assert everything["round"]["total"] >= own["round"]["total"]


def test_gender_gap_is_female_minus_male(login) -> None:
    data = login("coordinator").get("/api/dashboard/gender-gap?plan=jixian-women-2021-2025").json()
    assert data["indicators"]
    for item in data["indicators"]:
        values = {(o.breakdown, o.year): o.value for o in Observation.objects.filter(
            indicator__code=item["code"], area__code="141028", breakdown__startswith="sex=")}
        for point in item["values"]:
            assert point["female"] == values[("sex=female", point["year"])]
            assert point["gap"] == pytest.approx(point["female"] - point["male"])
    assert login("stranger").get(f"/plans/{PLAN}/dashboard/gender-gap/").status_code == 403


def test_township_comparison_holds_the_latest_township_values(login) -> None:
    data = login("coordinator").get("/api/dashboard/townships?plan=jixian-women-2021-2025").json()
    assert data["indicators"]
    for item in data["indicators"]:
        for bar in item["bars"]:
            assert bar["value"] == Observation.objects.get(
                indicator__code=item["code"], area__code=bar["area"], year=item["year"],
                breakdown="").value
    own = login("health_reporter").get("/api/dashboard/townships?plan=jixian-women-2021-2025").json()
    assert {i["code"] for i in own["indicators"]} <= {i["code"] for i in data["indicators"]}
    from django.contrib.auth import get_user_model

    from halfsky.web.plans.models import Indicator

    reporter = get_user_model().objects.get(username="health_reporter")
    visible = set(Indicator.objects.restrict(reporter).values_list("code", flat=True))
    assert {i["code"] for i in own["indicators"]} <= visible
    assert {i["code"] for i in data["indicators"]} - visible  # others exist but are not shown


def test_domain_and_department_pages_show_the_state_of_their_indicators(login) -> None:
    for url in [f"/plans/{PLAN}/health/", "/departments/health/"]:
        page = login("health_reporter").get(url).content.decode()
        assert 'data-chart="statuses"' in page and 'data-table="statuses"' in page
    assert login("health_reporter").get("/departments/education/").status_code == 403


def test_every_township_chart_has_the_county_line(login) -> None:
    from halfsky.web.plans.models import Plan

    plan = Plan.objects.get(code=PLAN)
    item = login("coordinator").get("/api/dashboard/townships?plan=jixian-women-2021-2025").json()["indicators"][0]
    # the county has no value in the townships' latest year: its latest earlier one is drawn
    Observation.objects.filter(indicator__code=item["code"], area=plan.region, breakdown="",
                               year=item["year"]).delete()
    data = login("coordinator").get("/api/dashboard/townships?plan=jixian-women-2021-2025").json()
    assert data["indicators"]
    for entry in data["indicators"]:
        assert entry["county"] is not None and entry["county_year"] <= entry["year"], entry["code"]
    moved = next(e for e in data["indicators"] if e["code"] == item["code"])
    assert moved["county_year"] < moved["year"]
