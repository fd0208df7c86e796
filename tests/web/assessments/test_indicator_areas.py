"""The indicator page, its chart JSON and the township comparison show one area of the
plan's region and that area's direct children (``?area=``), never every area below."""

from __future__ import annotations

import re
from typing import Any

import pytest

from halfsky.web.orgs.models import Area, AreaLevel
from halfsky.web.plans.models import Indicator
from halfsky.web.values.actions.reference import do_store_sample_values

from .conftest import PLAN

CODE = "D11"  # the demo has its values for the county and its 4 sample townships
PAGE = f"/plans/{PLAN}/indicators/{CODE}/"
VILLAGE = "吉昌村（测试）"


@pytest.fixture
def village(plan: Any) -> Area:
    """A village below the first township, with a value of D11 the county's page must not
    show (it is two levels below the county)."""
    township = Area.objects.filter(parent=plan.region).order_by("code").first()
    assert township is not None
    area = Area.objects.create(code=f"{township.code}-V01", name=VILLAGE,
                               level=AreaLevel.TOWNSHIP, parent=township, is_sample=True)
    do_store_sample_values(Indicator.objects.get(plan=plan, code=CODE), area,
                           [{"year": 2023, "breakdown": "", "value": 77.7}])
    return area


def values_section(page: str) -> str:
    return page.split('id="values"')[1].split("</section>")[0]


def test_the_page_shows_the_county_and_its_townships_not_the_areas_below(
        login, plan, village) -> None:
    page = login("coordinator").get(PAGE).content.decode()
    values = values_section(page)
    townships = Area.objects.filter(parent=plan.region)
    assert townships.count() == 4
    assert all(t.name in values for t in townships)
    assert VILLAGE not in page
    assert f'data-area="{plan.region.code}"' in page


def test_choosing_a_township_shows_its_values_and_the_areas_below_it(
        login, plan, village) -> None:
    township = village.parent
    page = login("coordinator").get(f"{PAGE}?area={township.code}").content.decode()
    values = values_section(page)
    assert f'data-area="{township.code}"' in values
    assert VILLAGE in values and "77.7" in values
    others = Area.objects.filter(parent=plan.region).exclude(pk=township.pk)
    assert not any(t.name in values.split("<select")[0] for t in others)
    # the chart reads the same area; the chooser leads back to the county
    assert f"plan={PLAN}&amp;area={township.code}" in page
    assert f'<option value="{plan.region.code}">' in page


@pytest.mark.parametrize("code", ["141000", "110000", "nowhere"])
def test_an_area_outside_the_plan_s_region_is_not_found(login, code) -> None:
    assert login("coordinator").get(f"{PAGE}?area={code}").status_code == 404


def test_the_chart_json_reads_the_chosen_area_and_its_children(login, plan, village) -> None:
    client = login("coordinator")
    county = client.get(f"/api/indicators/{CODE}/series?plan={PLAN}").json()
    keys = {s["key"] for s in county["series"]}
    assert county["area"]["code"] == plan.region.code
    assert f"area={village.parent.code}" in keys and f"area={village.code}" not in keys
    township = client.get(
        f"/api/indicators/{CODE}/series?plan={PLAN}&area={village.parent.code}").json()
    assert township["area"]["code"] == village.parent.code
    assert {s["key"] for s in township["series"] if s["kind"] == "township"} == {
        f"area={village.code}"}


def test_the_township_comparison_compares_the_chosen_area_s_children(
        login, plan, village) -> None:
    client = login("coordinator")
    county = client.get(f"/api/dashboard/townships?plan={PLAN}").json()
    d11 = next(i for i in county["indicators"] if i["code"] == CODE)
    assert len(d11["bars"]) == 4 and village.code not in {b["area"] for b in d11["bars"]}
    below = client.get(
        f"/api/dashboard/townships?plan={PLAN}&area={village.parent.code}").json()
    assert below["area_code"] == village.parent.code
    assert [(i["code"], [b["name"] for b in i["bars"]]) for i in below["indicators"]] == [
        (CODE, [VILLAGE])]
    page = client.get(f"/plans/{PLAN}/dashboard/townships/?area={village.parent.code}")
    assert VILLAGE in page.content.decode()


def test_the_comparison_offers_only_areas_that_have_areas_below(login, plan, village) -> None:
    """A township with nothing below it is not offered for comparing; the one with a
    village is (the indicator page offers every township)."""
    client = login("coordinator")
    chooser = client.get(f"/plans/{PLAN}/dashboard/townships/").content.decode().split(
        'id="area-choice"')[1].split("</select>")[0]
    offered = set(re.findall(r'<option value="([^"]+)">—', chooser))
    assert offered == {village.parent.code}
    page = client.get(f"/plans/{PLAN}/indicators/{CODE}/").content.decode()
    assert len(re.findall(r'<option value="[^"]+">—', page)) == 4


def test_a_county_without_villages_offers_no_choice_on_the_comparison(login) -> None:
    page = login("coordinator").get(f"/plans/{PLAN}/dashboard/townships/").content.decode()
    assert 'id="area-choice"' not in page
