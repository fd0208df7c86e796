"""The state panel of a domain's and a department's page: what it counts is what the user
may open, and a department's panel names its task in the latest round."""

from __future__ import annotations

import datetime
import json
import re

from django.contrib.auth import get_user_model
from django.db.models import Q

from halfsky.formats.plan_file import load_plan
from halfsky.web.assessments.models import AssessmentResult, Warning
from halfsky.web.assessments.queries import AWAITING_DEPARTMENT
from halfsky.web.plans.actions import do_load_plan
from halfsky.web.plans.models import Indicator
from halfsky.web.values.actions.rounds import do_open_round

PLAN = "jixian-women-2021-2025"


def state(page: str) -> dict:
    found = re.search(r'<script id="state-data" type="application/json">(.*?)</script>', page)
    assert found, "no state panel with figures"
    return json.loads(found.group(1))


def test_a_domain_panel_counts_the_indicators_and_warnings_the_user_may_open(login) -> None:
    year = AssessmentResult.objects.filter(plan__code=PLAN).order_by("-year").first().year
    for username in ["coordinator", "health_reporter"]:
        user = get_user_model().objects.get(username=username)
        mine = Indicator.objects.restrict(user).filter(plan__code=PLAN,
                                                       goal__domain__code="environment")
        data = state(login(username).get(f"/plans/{PLAN}/environment/").content.decode())
        assert data["year"] == year
        assert sum(s["count"] for s in data["statuses"]) == mine.count()
        assert data["open_warnings"] == Warning.objects.restrict(user).filter(
            indicator__in=mine, state__in=AWAITING_DEPARTMENT).count()
    every = Indicator.objects.filter(plan__code=PLAN, goal__domain__code="environment").count()
    assert mine.count() < every  # the reporter's panel counted fewer


def test_a_department_panel_names_its_task_in_the_latest_round(login) -> None:
    url = "/departments/health/"
    assert "data-task" not in login("coordinator").get(url).content.decode()
    do_open_round(2025, datetime.date(2025, 1, 31), None)  # its deadline has passed
    page = login("health_reporter").get(url).content.decode()
    assert '<a href="/rounds/2025/health/">' in page
    assert 'class="overdue"' in page
    data = state(page)
    assert data["task"]["year"] == 2025 and data["task"]["overdue"] is True
    health = Indicator.objects.filter(plan__code=PLAN, lead__code="health").count()
    assert sum(s["count"] for s in data["statuses"]) >= health


def test_a_department_panel_is_the_state_of_its_indicators_in_the_current_plan(login) -> None:
    """The department page lists the department's indicators of every plan; its panel
    counts those of the user's current plan (named), not a mixture of plans."""
    do_load_plan(load_plan("jixian-women-2026-2030"))  # the next period's: not assessed
    client = login("coordinator")
    client.get(f"/plans/{PLAN}/")  # the current plan
    page = client.get("/departments/health/").content.decode()
    assert f'data-plan="{PLAN}"' in page
    data = state(page)
    involved = Indicator.objects.filter(plan__code=PLAN).filter(
        Q(lead__code="health") | Q(supporting__code="health")).distinct()
    assert sum(s["count"] for s in data["statuses"]) == involved.count()
    assert data["year"] == AssessmentResult.objects.filter(
        plan__code=PLAN).order_by("-year").first().year
    every = Indicator.objects.filter(Q(lead__code="health") | Q(supporting__code="health"))
    assert every.distinct().count() > involved.count()  # the other plan's are not counted
