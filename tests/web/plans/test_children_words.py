"""A children's plan says girls and boys (女童, 男童) where a women's plan says women and
men (女性, 男性): the indicator page, its chart and downloads, the gender gap page, the
report's words — decided by whom the plan's title says it is about."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from halfsky.domain.plan import Subject, plan_subject

CHILDREN = "jixian-children-2021-2025"
WOMEN = "jixian-women-2021-2025"
CODE = "CH10"  # 儿童青少年总体近视率, broken down by sex


@pytest.fixture
def children(db: None) -> Any:
    from halfsky.formats.plan_file import load_plan
    from halfsky.web.plans.actions import do_load_plan
    from halfsky.web.plans.models import Indicator, Plan
    from halfsky.web.values.actions.reference import do_store_sample_values

    do_load_plan(load_plan(CHILDREN))
    plan = Plan.objects.select_related("region").get(code=CHILDREN)
    indicator = Indicator.objects.get(plan=plan, code=CODE)
    do_store_sample_values(indicator, plan.region, [
        {"year": year, "breakdown": breakdown, "value": value}
        for year in (2022, 2023)
        for breakdown, value in (("", 50.0), ("sex=female", 52.5), ("sex=male", 47.5))])
    return plan


@pytest.mark.parametrize(("title", "code", "subject"), [
    ("吉县儿童发展“十四五”规划 示例（非官方规划）", "x", Subject.CHILDREN),
    ("吉县妇女发展“十四五”规划", "x", Subject.WOMEN),
    ("山西省妇女儿童发展规划", "shanxi-children-2021-2025", Subject.CHILDREN),
    ("山西省妇女儿童发展规划", "shanxi-2021-2025", None),
])
def test_the_plan_s_subject_is_read_from_its_title_then_its_code(title, code, subject) -> None:
    assert plan_subject(title, code) == subject


def chart_words(page: str) -> dict[str, str]:
    """The words the page gives its charts (legend, toggles)."""
    found = re.search(r'<script id="chart-words" type="application/json">(.*?)</script>', page)
    assert found is not None
    return json.loads(found.group(1))


def english(client: Any) -> Any:
    from django.urls import reverse

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    return client


def test_the_indicator_page_and_its_chart_say_girls_and_boys(children, login) -> None:
    client = login("coordinator")
    page = client.get(f"/plans/{CHILDREN}/indicators/{CODE}/").content.decode()
    values = page.split('id="values"')[1].split("</section>")[0]
    assert "女童" in values and "男童" in values and "女性" not in values
    labels = {s["key"]: s["label"] for s in client.get(
        f"/api/indicators/{CODE}/series?plan={CHILDREN}").json()["series"]}
    assert labels["sex=female"] == "女童" and labels["sex=male"] == "男童"
    english(client)
    labels = {s["key"]: s["label"] for s in client.get(
        f"/api/indicators/{CODE}/series?plan={CHILDREN}").json()["series"]}
    assert labels["sex=female"] == "girls" and labels["sex=male"] == "boys"
    csv = client.get(f"/plans/{CHILDREN}/dashboard/indicators/{CODE}.csv").content.decode()
    assert ",sex=female,girls,2023," in csv and "women" not in csv


def test_a_women_s_plan_still_says_women_and_men(login) -> None:
    client = english(login("coordinator"))
    series = client.get(f"/api/indicators/D11/series?plan={WOMEN}").json()["series"]
    labels = {s["key"]: s["label"] for s in series}
    assert labels.get("sex=female", "women") == "women"
    page = client.get(f"/plans/{WOMEN}/dashboard/gender-gap/").content.decode()
    assert ">Women</th>" in page and "Girls" not in page


def test_the_gender_gap_of_a_children_s_plan_compares_girls_and_boys(children, login) -> None:
    client = login("coordinator")
    page = client.get(f"/plans/{CHILDREN}/dashboard/gender-gap/").content.decode()
    main = page[page.index("<main"):page.index("</main>")]
    assert '>女童</th><th scope="col" class="num">男童</th>' in main and "女性" not in main
    assert chart_words(page)["Women"] == "女童"  # the chart's legend
    page = english(client).get(f"/plans/{CHILDREN}/dashboard/gender-gap/").content.decode()
    assert ">Girls</th>" in page and ">Boys</th>" in page
    assert chart_words(page)["Gap (women − men)"] == "Gap (girls − boys)"


def test_the_report_names_a_children_s_groups_girls_and_boys(children) -> None:
    from django.utils import translation

    from halfsky.domain.reports.indicators import group_message
    from halfsky.formats.plan_file import load_plan
    from halfsky.web.core.text.report_phrases import report_phrases

    plan, women = load_plan(CHILDREN), load_plan(WOMEN)
    assert group_message("female", plan).code == "group.girls"
    assert group_message("female", women).code == "group.female"
    assert group_message("rural", plan).code == "group.rural"
    with translation.override("zh-hans"):
        assert report_phrases()["group.girls"] == "女童"
    with translation.override("en"):
        assert report_phrases()["group.boys"] == "boys"
