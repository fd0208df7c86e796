"""A value broken down by two dimensions (公民具备科学素质的比例, women in rural areas):
entered in the web form, in the Excel template and by the import of earlier years, shown
with its words, out through SDMX-CSV and back in unchanged."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from halfsky.formats.excel_layout import FIRST_ROW, LETTERS
from halfsky.web.orgs.actions import Account, do_ensure_account
from halfsky.web.orgs.models import Profile
from halfsky.web.orgs.roles import Role
from halfsky.web.values.actions.earlier_years import (
    check_staged,
    do_apply_history,
    do_stage_history,
)
from halfsky.web.values.actions.values import do_review_task
from halfsky.web.values.models import Observation, Round, Task, TaskState, ValueStatus

YEAR = 2025
CODE = "E08"  # disaggregations: [sex, [sex, urban_rural]]
DEPARTMENT = "science_association"
FEMALE_RURAL = "sex=female;urban_rural=rural"
FEMALE_URBAN = "sex=female;urban_rural=urban"
MALE_RURAL = "sex=male;urban_rural=rural"
CELLS = {FEMALE_URBAN, FEMALE_RURAL, "sex=male;urban_rural=urban", MALE_RURAL}


@pytest.fixture
def reporter(login: Any) -> Any:
    do_ensure_account(Account("science_reporter", "x-unused-1", Role.REPORTER, DEPARTMENT))
    Profile.objects.filter(user__username="science_reporter").update(must_change_password=False)
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    login("coordinator").post("/rounds/", {"year": YEAR, "deadline": deadline.isoformat()})
    assert Round.objects.filter(year=YEAR).exists()
    return login("science_reporter")


def entry(breakdown: str) -> Observation:
    return Observation.objects.select_related("indicator", "area").get(
        indicator__code=CODE, area__code="141028", year=YEAR, breakdown=breakdown)


def test_the_task_has_exactly_the_declared_combinations(reporter: Any) -> None:
    breakdowns = set(Observation.objects.filter(indicator__code=CODE, year=YEAR)
                     .values_list("breakdown", flat=True))
    assert breakdowns == {"", "sex=female", "sex=male"} | CELLS
    task = Task.objects.get(round__year=YEAR, department__code=DEPARTMENT)
    page = reporter.get(f"/rounds/{YEAR}/{DEPARTMENT}/").content.decode()
    assert "女性 · 农村" in page and "男性 · 城镇" in page
    assert task.observations.filter(breakdown=FEMALE_RURAL).count() == 1


def _template_row(content: bytes, label: str) -> int:
    sheet = load_workbook(io.BytesIO(content))["数据"]
    row = FIRST_ROW
    while sheet[f"{LETTERS['code']}{row}"].value is not None:
        if (sheet[f"{LETTERS['code']}{row}"].value, sheet[f"{LETTERS['breakdown']}{row}"].value) \
                == (CODE, label):
            return row
        row += 1
    raise AssertionError(f"no row {CODE} {label}")


def test_a_crossed_value_in_the_web_form_the_template_and_the_history_import(
        reporter: Any, login: Any) -> None:
    # the web form: autosave of the row
    cell = entry(FEMALE_RURAL)
    response = reporter.post(reverse("data:save_value", args=[cell.pk]),
                             {"version": cell.version, "value": "61.3", "flag": "",
                              "note": "", "source": ""})
    assert response.status_code == 200, response.content.decode()
    assert entry(FEMALE_RURAL).value == 61.3

    # the Excel template: the crossed row is there, with its words; fill and upload
    template = reporter.get(f"/rounds/{YEAR}/{DEPARTMENT}/template.xlsx").content
    row = _template_row(template, "女性 · 城镇")
    book = load_workbook(io.BytesIO(template))
    book["数据"][f"{LETTERS['value']}{row}"] = 77.4
    out = io.BytesIO()
    book.save(out)
    response = reporter.post(f"/rounds/{YEAR}/{DEPARTMENT}/upload/",
                             {"file": SimpleUploadedFile("模板.xlsx", out.getvalue())})
    assert response.status_code in (200, 302)
    assert entry(FEMALE_URBAN).value == 77.4

    # the import of earlier years: the breakdown column in any order, or a column per dimension
    coordinator = login("coordinator")
    csv = ("indicator,area,year,breakdown,sex,urban_rural,value,numerator,denominator,source,note\n"
           f"{CODE},141028,2019,\"urban_rural=rural;sex=male\",,,58.2,,,调查,\n"
           f"{CODE},141028,2019,,female,urban,70.1,,,调查,\n")
    response = coordinator.post("/plans/jixian-women-2021-2025/earlier-years/",
                                {"file": SimpleUploadedFile("history.csv", csv.encode())})
    assert response.status_code == 302
    preview = coordinator.get(response.url).content.decode()
    assert "男性 · 农村" in preview and "女性 · 城镇" in preview
    staged_pk = response.url.rstrip("/").split("/")[-1]
    assert coordinator.post(f"/plans/jixian-women-2021-2025/earlier-years/{staged_pk}/apply/").status_code == 302
    imported = {o.breakdown: o.value for o in Observation.objects.filter(
        indicator__code=CODE, year=2019)}
    assert imported == {MALE_RURAL: 58.2, FEMALE_URBAN: 70.1}


def test_crossed_values_go_out_through_sdmx_csv_and_come_back_unchanged(
        reporter: Any, login: Any) -> None:
    cell = entry(FEMALE_RURAL)
    reporter.post(reverse("data:save_value", args=[cell.pk]),
                  {"version": cell.version, "value": "61.3", "flag": "", "note": "", "source": ""})
    task = Task.objects.get(round__year=YEAR, department__code=DEPARTMENT)
    Task.objects.filter(pk=task.pk).update(state=TaskState.CONFIRMED)
    Observation.objects.filter(pk=cell.pk).update(status=ValueStatus.SUBMITTED)
    task.refresh_from_db()
    do_review_task(task, {cell.pk: ("approve", "")},
                   get_user_model().objects.get(username="statistics"))
    approved = Observation.objects.filter(indicator__code=CODE, status=ValueStatus.APPROVED)
    before = {(o.year, o.breakdown): (o.value, o.numerator, o.denominator) for o in approved}
    assert before[(YEAR, FEMALE_RURAL)] == (61.3, None, None)
    assert sum(1 for _, b in before if b in CELLS) >= 4 * 5  # the demo's years and 2025

    coordinator = login("coordinator")
    content = coordinator.get("/plans/jixian-women-2021-2025/exchange/sdmx/data.csv").content
    assert b"E08,141028,F,R,_T,2025" in content.replace(b'"', b"")
    approved.delete()
    # the import writes no year of an open round: the round is closed first
    from django.utils import timezone

    from halfsky.web.values.models import Round

    Round.objects.filter(year=YEAR).update(closed_at=timezone.now())
    actor = get_user_model().objects.get(username="coordinator")
    staged = do_stage_history(cell.indicator.plan, "back.csv", content, actor)
    assert check_staged(staged).problems == []
    do_apply_history(staged, actor)
    after = {(o.year, o.breakdown): (o.value, o.numerator, o.denominator)
             for o in Observation.objects.filter(indicator__code=CODE,
                                                 status=ValueStatus.APPROVED)}
    assert after == before


def test_the_indicator_page_names_the_cross_product_and_lists_its_values(login: Any) -> None:
    page = login("coordinator").get(f"/plans/jixian-women-2021-2025/indicators/{CODE}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "性别 × 城乡" in text
    table = text[text.find("女性 · 城镇"):]
    assert table and "男性 · 农村" in table  # the crossed rows follow the one-dimension rows
    assert text.find(">女性<") < text.find("女性 · 城镇")
