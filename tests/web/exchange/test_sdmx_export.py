"""The SDMX page and its three downloads: the demo's approved values, read by sdmx1 too."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from halfsky.formats.sdmx import read_sdmx_csv, read_sdmx_json
from halfsky.web.plans.models import Plan
from halfsky.web.values.models import Observation, ValueChange, ValueFlag, ValueStatus

sdmx = pytest.importorskip("sdmx")

URLS = {"csv": "/plans/jixian-women-2021-2025/exchange/sdmx/data.csv", "json": "/plans/jixian-women-2021-2025/exchange/sdmx/data.json",
        "structure": "/plans/jixian-women-2021-2025/exchange/sdmx/structure.xml"}  # fmt: skip


def plan() -> Plan:
    found = Plan.objects.select_related("region").first()
    assert found is not None
    return found


def approved() -> Any:
    return Observation.objects.filter(indicator__plan=plan(), status=ValueStatus.APPROVED)


def csv_rows(body: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(body.decode("utf-8"), newline="")))


def test_the_page_explains_and_links(login: Any) -> None:
    response = login("coordinator").get("/plans/jixian-women-2021-2025/exchange/sdmx/")
    assert response.status_code == 200
    page = response.content.decode()
    for url in URLS.values():
        assert f'href="{url}"' in page
    assert "SDMX" in page and "/plans/jixian-women-2021-2025/earlier-years/" in page
    assert 'aria-current="page"' in page


@pytest.mark.parametrize("kind", list(URLS))
def test_the_downloads_hold_every_approved_value(login: Any, kind: str) -> None:
    response = login("coordinator").get(URLS[kind])
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="{plan().code}-{"structure.xml" if kind == "structure" else "data." + kind}"')
    body = response.content
    expected = {(o.indicator.code, o.area.code, o.year, o.breakdown, o.value)
                for o in approved().select_related("indicator", "area")}
    assert len(expected) == approved().count() > 500
    if kind == "structure":
        assert body.startswith(b"<?xml") and b"DSD_WOMEN" in body
        return
    read = read_sdmx_csv(body) if kind == "csv" else read_sdmx_json(body)
    assert {(o.indicator, o.area, o.year, o.breakdown, o.value) for o in read} == expected
    assert {o.area for o in read} >= {"141028", "141028-S01"}  # the county and its townships
    assert {o.breakdown for o in read} >= {"", "sex=female", "urban_rural=rural"}
    assert all("示例数据" in o.provenance and plan().code in o.provenance for o in read)


def test_status_provenance_and_note(login: Any) -> None:
    statistics = get_user_model().objects.get(username="statistics")
    first, second = approved().filter(area__code="141028", breakdown="").order_by("pk")[:2]
    Observation.objects.filter(pk=first.pk).update(flag=ValueFlag.ESTIMATED, note="估算，见说明")
    Observation.objects.filter(pk=second.pk).update(flag=ValueFlag.NOT_APPLICABLE, is_sample=False)
    ValueChange.objects.create(observation=second, actor=statistics, action="approve")
    rows = {(r["INDICATOR"], r["REF_AREA"], r["TIME_PERIOD"], r["SEX"], r["URBANISATION"]): r
            for r in csv_rows(login("viewer").get(URLS["csv"]).content)}  # fmt: skip
    one = rows[(first.indicator.code, "141028", str(first.year), "_T", "_T")]
    two = rows[(second.indicator.code, "141028", str(second.year), "_T", "_T")]
    assert (one["OBS_STATUS"], one["COMMENT"]) == ("E", "估算，见说明")
    assert two["OBS_STATUS"] == "M"
    assert two["PROVENANCE"].startswith(f"HalfSky {plan().code}; approve statistics 20")
    assert "示例数据" not in two["PROVENANCE"] and "示例数据" in one["PROVENANCE"]
    assert one["UNIT_MEASURE"] and {r["OBS_STATUS"] for r in rows.values()} == {"A", "E", "M"}


def test_years_limit_the_download_and_it_is_the_same_twice(login: Any) -> None:
    client = login("statistics")
    url = URLS["csv"] + "?year=2021&year=2023"
    first, again = client.get(url), client.get(url)
    assert first.content == again.content
    assert "-2021-2023-data.csv" in first["Content-Disposition"]
    years = {row["TIME_PERIOD"] for row in csv_rows(first.content)}
    assert years == {"2021", "2023"}
    assert len(csv_rows(first.content)) == approved().filter(year__in=[2021, 2023]).count()
    json_years = json.loads(client.get(URLS["json"] + "?year=2022").content)
    dimensions = json_years["data"]["structures"][0]["dimensions"]["observation"]
    assert [v["value"] for v in dimensions[-1]["values"]] == ["2022"]


def test_sdmx1_reads_the_structure_and_the_csv(login: Any) -> None:
    client = login("coordinator")
    structure = sdmx.read_sdmx(io.BytesIO(client.get(URLS["structure"]).content))
    codes = structure.codelist
    indicator = approved().select_related("indicator").first().indicator
    assert codes["CL_INDICATOR"][indicator.code].name.localizations["zh"] == indicator.name
    assert codes["CL_AREA"]["141028"].name.localizations["zh"] == "吉县"
    assert "（示例）" in codes["CL_AREA"]["141028-S01"].name.localizations["zh"]
    flow = structure.dataflow["DF_WOMEN"]
    message = sdmx.read_sdmx(io.BytesIO(client.get(URLS["csv"]).content), format="CSV",
                             structure=flow)
    (data_set,) = message.data
    assert len(data_set.obs) == approved().count()
    stored = {(o.indicator.code, o.area.code, str(o.year)): o.value
              for o in approved().filter(breakdown="").select_related("indicator", "area")}
    read = {}
    for obs in data_set.obs:
        key = {k: v.value for k, v in obs.dimension.values.items()}
        if (key["SEX"], key["URBANISATION"], key["AGE"]) == ("_T", "_T", "_T"):
            read[(key["INDICATOR"], key["REF_AREA"], key["TIME_PERIOD"])] = float(obs.value)
            assert obs.attached_attribute["OBS_STATUS"].value == "A"
    assert read == stored


@pytest.mark.parametrize("username", ["health_reporter", "health_head", "education_reporter",
                                      "stranger"])  # fmt: skip
def test_department_users_and_users_without_role_get_403(login: Any, username: str) -> None:
    client = login(username)
    assert client.get("/plans/jixian-women-2021-2025/exchange/sdmx/").status_code == 403
    for url in URLS.values():
        assert client.get(url).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client: Any) -> None:
    for url in URLS.values():
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_value_sdmx_cannot_hold_is_a_message_not_a_file(login: Any) -> None:
    from halfsky.web.orgs.models import Area

    odd = Area.objects.create(code="JX-1", name="新区", level="township",
                              parent=plan().region)  # fmt: skip
    first = approved().first()
    Observation.objects.create(indicator=first.indicator, area=odd, year=first.year, value=1.0,
                               status=ValueStatus.APPROVED, source="x")
    response = login("coordinator").get(URLS["csv"])
    assert response.status_code == 409 and "Content-Disposition" not in response
    assert "sdmx.bad_area" in response.content.decode() and "JX-1" in response.content.decode()
