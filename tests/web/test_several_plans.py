"""Several plans at once: each page is its plan's, the chooser switches and remembers,
the old addresses and ``/`` go to the current plan, and a plan's objects are not reached
under another plan's address."""

from __future__ import annotations

import dataclasses
import re

import pytest
from django.urls import reverse

from halfsky.formats.plan_file import load_plan

OLD = "jixian-women-2021-2025"
OLD_TITLE = "吉县妇女发展“十四五”规划"
NEW = "jixian-women-2026-2030-test"
NEW_TITLE = "吉县妇女发展规划（2026—2030年，测试用）"
TITLES = {OLD: OLD_TITLE, NEW: NEW_TITLE}


@pytest.fixture
def two_plans(db, monkeypatch) -> None:
    from halfsky.web.plans import choice
    from halfsky.web.plans.actions import do_load_plan
    from halfsky.web.plans.models import Plan

    assert Plan.objects.get(code=OLD).title == OLD_TITLE
    monkeypatch.setattr(choice, "this_year", lambda: 2027)  # 2021–2025 closed, 2026–2030 in force
    do_load_plan(dataclasses.replace(load_plan(OLD), code=NEW, title=NEW_TITLE,
                                     start_year=2026, end_year=2030, baseline_year=2025))


def main_of(response) -> str:
    """The page's own content (the top bar's chooser names every plan)."""
    page = response.content.decode()
    return page[page.index("<main"):page.index("</main>")]


def chooser_of(response) -> str:
    page = response.content.decode()
    return re.search(r'<form class="plan-chooser".*?</form>', page, re.S).group(0)


def pages_of(code: str) -> list[str]:
    return [reverse("dashboards:overview", args=[code]), reverse("plans:overview", args=[code]),
            reverse("assessments:index", args=[code]), reverse("reports:index", args=[code])]


@pytest.mark.parametrize("code", [OLD, NEW])
def test_each_page_of_the_chosen_plan_shows_that_plan(two_plans, login, code) -> None:
    client = login("coordinator")
    other = NEW if code == OLD else OLD
    for page, before in zip(pages_of(code), pages_of(other), strict=True):
        # on the other plan's page, the chooser goes to the same page of this plan
        chosen = client.post(reverse("choose_plan"), {"plan": code, "next": before})
        assert chosen.status_code == 302 and chosen.url == page
        response = client.get(page, follow=True)
        assert response.status_code == 200, page
        assert TITLES[code] in main_of(response), page
        assert TITLES[other] not in main_of(response), page
        chooser = chooser_of(response)
        assert f'<option value="{code}" selected title=' in chooser
        assert f'<option value="{other}" title=' in chooser
        menu = re.findall(r'data-menu="(\w+)"', response.content.decode())
        assert "reports" in menu
        assert f'href="/plans/{code}/reports/" data-menu="reports"' in response.content.decode()


def test_the_chooser_lists_plans_in_force_and_closed_plans_apart(two_plans, login) -> None:
    chooser = chooser_of(login("viewer").get(f"/plans/{OLD}/", follow=True))
    # the narrow list carries the current plan's full name as its title (shown on hover)
    assert f'<select id="plan-chooser" name="plan" title="{OLD_TITLE} (2021–2025)">' in chooser
    chooser = chooser[chooser.index("<optgroup"):]
    in_force, closed = chooser.index('label="实施中"'), chooser.index('label="已结束"')
    assert in_force < chooser.index(NEW_TITLE) < closed < chooser.index(OLD_TITLE)
    assert "data-plan-closed" in chooser  # the current plan (the old one) is marked closed


def options_of(chooser: str) -> dict[str, tuple[str, str]]:
    """The chooser's options: code → (the name shown, the full name on hover)."""
    return {code: (shown, full) for code, full, shown in re.findall(
        r'<option value="([^"]+)"(?: selected)? title="([^"]+)">([^<]+)</option>', chooser)}


def test_the_chooser_shows_each_plan_by_a_short_name_and_the_full_name_on_hover(
        two_plans, login) -> None:
    from halfsky.web.demo_plans import CHILDREN_PLAN
    from halfsky.web.plans.actions import do_load_plan

    do_load_plan(load_plan(CHILDREN_PLAN))  # the children's plan beside the women's
    client = login("viewer")
    options = options_of(chooser_of(client.get(f"/plans/{OLD}/", follow=True)))
    assert options[OLD] == ("妇女 2021–2025", f"{OLD_TITLE} (2021–2025)")
    assert options[CHILDREN_PLAN][0] == "儿童 2021–2025"
    assert options[NEW][0] == "妇女 2026–2030"
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    options = options_of(chooser_of(client.get(f"/plans/{OLD}/", follow=True)))
    assert options[OLD][0] == "Women 2021–2025"
    assert options[CHILDREN_PLAN][0] == "Children 2021–2025"


def test_plans_of_two_regions_with_the_same_short_name_are_told_apart_by_region(
        two_plans, login) -> None:
    from halfsky.web.orgs.models import Area
    from halfsky.web.plans.models import Plan

    city = Area.objects.get(code="141000")
    Plan.objects.filter(code=NEW).update(region=city, start_year=2021, end_year=2025)
    options = options_of(chooser_of(login("viewer").get(f"/plans/{OLD}/", follow=True)))
    assert options[OLD][0] == "吉县 妇女 2021–2025"
    assert options[NEW][0] == f"{city.name} 妇女 2021–2025"


def test_home_and_the_old_addresses_go_to_the_remembered_plan(two_plans, login) -> None:
    client = login("leader")
    assert client.get("/").url == f"/plans/{NEW}/dashboard/"  # nothing chosen: the plan in force
    client.get(f"/plans/{OLD}/indicators/")  # visiting a plan's page chooses it
    assert client.get("/").url == f"/plans/{OLD}/dashboard/"
    assert client.get("/reports/").url == f"/plans/{OLD}/reports/"
    assert client.get("/assessments/warnings/?state=open").url == (
        f"/plans/{OLD}/assessments/warnings/?state=open")
    assert client.get(f"/assessments/{NEW}/2027/").url == f"/plans/{NEW}/assessments/2027/"
    client.post(reverse("choose_plan"), {"plan": NEW, "next": "/rounds/"})
    assert login("leader").get("/dashboard/").url == f"/plans/{NEW}/dashboard/"  # a new session too
    assert login("viewer").get("/").url == f"/plans/{NEW}/dashboard/"  # another user: her own


def test_a_plans_objects_are_not_found_under_another_plan(two_plans, login) -> None:
    from halfsky.web.assessments.models import Warning
    from halfsky.web.reports.models import EvaluationRound, Report

    client = login("coordinator")
    client.post(reverse("reports:index", args=[OLD]), {"year": 2024})
    report = Report.objects.get(plan__code=OLD, year=2024)
    assert client.get(reverse("reports:report", args=[OLD, report.pk])).status_code == 200
    assert client.get(reverse("reports:report", args=[NEW, report.pk])).status_code == 404
    client.post(reverse("reports:index", args=[OLD]), {"kind": "midterm"})
    evaluation = EvaluationRound.objects.get(plan__code=OLD)
    assert client.get(reverse("reports:round", args=[NEW, evaluation.pk])).status_code == 404
    assert client.get(reverse("reports:round", args=[OLD, evaluation.pk])).status_code == 200
    warning = Warning.objects.filter(plan__code=OLD).first()
    assert warning is not None
    assert client.get(reverse("assessments:warning", args=[NEW, warning.pk])).status_code == 404
    assert client.get(reverse("assessments:warning", args=[OLD, warning.pk])).status_code == 200
    assert str(warning.indicator.name) not in main_of(
        client.get(reverse("assessments:warnings", args=[NEW])))
    assert client.get("/plans/no-such-plan/dashboard/").status_code == 404


def test_the_api_takes_the_plan_code(two_plans, login) -> None:
    client = login("coordinator")
    assert client.get("/api/dashboard/overview").status_code == 422  # the plan is required
    unknown = client.get("/api/dashboard/overview?plan=no-such-plan")
    assert unknown.status_code == 404 and set(unknown.json()) == {"code", "message", "params"}
    old = client.get(f"/api/indicators/H03/series?plan={OLD}").json()
    new = client.get(f"/api/indicators/H03/series?plan={NEW}").json()
    assert any(s["values"] for s in old["series"])
    assert not any(s["values"] for s in new["series"])  # the values are the old plan's
    schema = client.get("/api/openapi.json").json()
    parameters = schema["paths"]["/api/dashboard/overview"]["get"]["parameters"]
    assert [(p["name"], p["required"]) for p in parameters] == [("plan", True)]


def test_a_command_names_its_plan_when_there_are_several(two_plans) -> None:
    from halfsky.web.plans.queries import plan_for_command

    plan, problem = plan_for_command(None)
    assert plan is None and "--plan" in problem and NEW in problem
    plan, problem = plan_for_command(NEW)
    assert plan is not None and plan.title == NEW_TITLE and problem == ""
