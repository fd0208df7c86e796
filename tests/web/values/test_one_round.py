"""One reporting round for every plan in force: the 2025 round collects the 2021–2025 plan's
final year and the 2026–2030 plan's baseline; a shared value is reported once."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from halfsky.web.assessments.actions import do_recompute
from halfsky.web.assessments.models import AssessmentResult
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.values.models import Observation, Round, Task, ValueStatus
from tests.web.assessments.test_shared_series import load_successor
from tests.web.plans.test_series_links import NEW, OLD

from .test_workflow import save


def open_round(login, year: int):
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    response = login("coordinator").post("/rounds/", {"year": year, "deadline": deadline})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Round.objects.get(year=year)


def health(year: int) -> list[Observation]:
    return list(Observation.objects.filter(task__round__year=year, task__department__code="health")
                .select_related("indicator__plan"))


@pytest.fixture
def successor(db) -> Plan:
    return load_successor()


def test_the_2025_round_covers_both_plans_and_lists_a_shared_value_once(login, successor) -> None:
    round_ = open_round(login, 2025)
    assert [p.code for p in round_.plans] == [OLD, NEW]
    values = health(2025)
    shared = Indicator.objects.get(plan__code=OLD, code="H12")
    totals = [o for o in values if o.indicator.code == "H12" and o.area_id == successor.region_id
              and o.breakdown == ""]
    assert len(totals) == 1 and totals[0].indicator == shared  # once, under the old series
    # an indicator the plans do not share is two series: each plan's baseline/final value
    assert {o.indicator.plan.code for o in values if o.indicator.code == "H13"
            and o.breakdown == ""} == {OLD, NEW}
    page = login("health_reporter").get("/rounds/2025/health/").content.decode()
    assert f'data-value-plans="{OLD} {NEW}"' in page
    board = login("coordinator").get("/rounds/2025/").content.decode()
    assert f'data-plan="{OLD}"' in board and f'data-plan="{NEW}"' in board


def test_a_round_takes_the_plans_in_force_in_its_year(login, successor) -> None:
    assert [p.code for p in open_round(login, 2024).plans] == [OLD]
    later = open_round(login, 2027)
    assert [p.code for p in later.plans] == [NEW]
    # the shared series goes on under the indicator holding it
    h12 = [o for o in health(2027) if o.breakdown == "" and o.area_id == successor.region_id
           and o.indicator.code == "H12"]
    assert [o.indicator.plan.code for o in h12] == [OLD]
    # ... judged by the plan of the round: the task shows the new plan's target (≥ 60%)
    page = login("health_reporter").get("/rounds/2027/health/").content.decode()
    target = page.split("<code>H12</code>")[1].split("</tr>")[0]
    assert "60%" in target and "50%" not in target


def test_a_shared_2025_value_entered_once_appears_in_both_plans(login, successor) -> None:
    open_round(login, 2025)
    reporter, head = login("health_reporter"), login("health_head")
    for observation in health(2025):
        shared_total = (observation.indicator.code == "H12" and observation.breakdown == ""
                        and observation.area_id == successor.region_id
                        and observation.indicator.plan.code == OLD)
        fields = {"value": "55"} if shared_total else {"flag": "not_applicable", "note": "测试"}
        assert save(reporter, observation, **fields).status_code == 200
    assert reporter.post("/rounds/2025/health/submit/").status_code == 302
    assert head.post("/rounds/2025/health/confirm/").status_code == 302
    decisions = {f"decision-{o.pk}": "approve" for o in health(2025)}
    assert login("statistics").post("/rounds/2025/health/review/", decisions).status_code == 302
    assert Task.objects.get(round__year=2025, department__code="health").state == "approved"
    assert Observation.objects.filter(year=2025, value=55, status=ValueStatus.APPROVED).count() == 1

    old = Plan.objects.select_related("region").get(code=OLD)
    do_recompute(old, 2025)
    do_recompute(successor, 2025)
    final, baseline = (AssessmentResult.objects.get(
        plan=plan, year=2025, indicator__code="H12", area=plan.region, breakdown="",
        target_position=0) for plan in (old, successor))
    assert final.latest_value == baseline.latest_value == 55.0
    assert final.status == "met"  # ≥ 50% by 2025
    assert baseline.status != "met"  # ≥ 60% by 2030


def test_the_rounds_page_opens_for_every_role(login) -> None:
    for user in ("coordinator", "statistics", "health_reporter", "leader", "viewer", "admin"):
        assert login(user).get("/rounds/").status_code == 200, user
