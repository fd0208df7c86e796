"""The exchange pages as the coordinator, a viewer and a department see them."""

from __future__ import annotations

import pytest

from halfsky.web.exchange.models import ChildAccess, Conflict, PushRun
from halfsky.web.plans.models import Plan
from tests.web.exchange.conftest import push, value

pytestmark = pytest.mark.django_db


def test_department_users_do_not_see_the_exchange(login) -> None:
    for path in ("/plans/jixian-women-2021-2025/exchange/", "/plans/jixian-women-2021-2025/exchange/compare/", "/plans/jixian-women-2021-2025/exchange/conflicts/", "/plans/jixian-women-2021-2025/exchange/mapping/"):
        assert login("health_reporter").get(path).status_code == 403


def test_a_viewer_reads_but_changes_nothing(login) -> None:
    viewer = login("viewer")
    page = viewer.get("/plans/jixian-women-2021-2025/exchange/").content.decode()
    assert "上级实例" in page and "签发令牌" not in page
    assert viewer.post("/plans/jixian-women-2021-2025/exchange/", {"action": "push"}).status_code == 403
    assert viewer.post("/plans/jixian-women-2021-2025/exchange/mapping/", {"indicator": "H02"}).status_code == 403


def test_the_coordinator_issues_a_token_shown_once_and_revokes_it(login) -> None:
    coordinator = login("coordinator")
    township = Plan.objects.get(code="jixian-women-2021-2025").region.children.first()
    response = coordinator.post("/plans/jixian-women-2021-2025/exchange/", {"action": "issue", "area": township.pk,
                                               "name": "乡镇实例"}, follow=True)
    page = response.content.decode()
    access = ChildAccess.objects.get()
    assert response.status_code == 200 and access.prefix in page and "只显示这一次" in page
    again = coordinator.get("/plans/jixian-women-2021-2025/exchange/").content.decode()
    assert access.prefix in again and "只显示这一次" not in again
    coordinator.post("/plans/jixian-women-2021-2025/exchange/", {"action": "revoke", "token": access.pk})
    access.refresh_from_db()
    assert access.revoked_at is not None


def test_a_push_to_an_unreachable_parent_says_so_and_keeps_the_run(login) -> None:
    coordinator = login("coordinator")
    bad = coordinator.post("/plans/jixian-women-2021-2025/exchange/", {"action": "parent", "url": "not a url", "token": "x"})
    assert bad.status_code == 400
    coordinator.post("/plans/jixian-women-2021-2025/exchange/", {"action": "parent", "url": "http://127.0.0.1:9",
                                    "token": "hsx_test"})
    page = coordinator.post("/plans/jixian-women-2021-2025/exchange/", {"action": "push"}, follow=True).content.decode()
    assert "无法连接" in page
    run = PushRun.objects.get()
    assert (run.state, run.error, run.sent) == ("failed", "exchange.unreachable", 0)
    assert run.batches > 0 and run.values > 0


CONFLICTS = "/plans/linfen-sample-women-2021-2025/exchange/conflicts/"  # the city's plan


def test_a_conflict_is_shown_and_settled_with_a_reason(login, city, county_key) -> None:
    from halfsky.web.orgs.models import Area
    from halfsky.web.values.models import Observation

    Observation.objects.create(indicator=city.indicators.get(code="H02"), year=2024,
                               area=Area.objects.get(code="141028"), value=11.0,
                               source="手工录入")
    push(county_key, [value()])
    coordinator = login("coordinator")
    page = coordinator.get(CONFLICTS).content.decode()
    assert "孕产妇死亡率 · 吉县 · 2024" in page and "手工录入" in page
    conflict = Conflict.objects.get()
    # the conflict is the city plan's: not found under the county plan's address
    assert coordinator.post(f"/plans/jixian-women-2021-2025/exchange/conflicts/{conflict.pk}/",
                            {"decision": "keep", "comment": "x"}).status_code == 404
    assert "孕产妇死亡率 · 吉县" not in coordinator.get(
        "/plans/jixian-women-2021-2025/exchange/conflicts/").content.decode()
    refused = coordinator.post(f"{CONFLICTS}{conflict.pk}/", {"decision": "keep"}, follow=True)
    assert "说明" in refused.content.decode()
    coordinator.post(f"{CONFLICTS}{conflict.pk}/",
                     {"decision": "keep", "comment": "手工录入数为最终核定数"})
    conflict.refresh_from_db()
    assert conflict.state == "kept" and conflict.comment == "手工录入数为最终核定数"
    assert "没有待决定的冲突" in coordinator.get(CONFLICTS).content.decode()


def test_the_mapping_is_editable(login) -> None:
    coordinator = login("coordinator")
    plan = Plan.objects.get(code="jixian-women-2021-2025")
    saved = coordinator.post("/plans/jixian-women-2021-2025/exchange/mapping/", {
        "indicator": "H02", "parent_plan": "linfen-women-2021-2025",
        "parent_indicator": "计划外妊娠率", "factor": "1"}, follow=True)
    assert "已保存" in saved.content.decode()
    plan.refresh_from_db()
    h02 = next(i for i in plan.document["indicators"] if i["code"] == "H02")
    assert h02["maps_to"] == {"plan": "linfen-women-2021-2025", "indicator": "计划外妊娠率",
                              "factor": 1}
    # two indicators on one parent indicator would count a value twice: refused
    twice = coordinator.post("/plans/jixian-women-2021-2025/exchange/mapping/", {
        "indicator": "H04", "parent_plan": "linfen-women-2021-2025",
        "parent_indicator": "计划外妊娠率", "factor": "1"}, follow=True)
    assert "不能保存" in twice.content.decode()
    unknown = coordinator.post("/plans/jixian-women-2021-2025/exchange/mapping/", {
        "indicator": "H04", "parent_plan": "beijing-women", "parent_indicator": "x",
        "factor": "1"}, follow=True)
    assert "不能保存" in unknown.content.decode()
    plan.refresh_from_db()
    h04 = next(i for i in plan.document["indicators"] if i["code"] == "H04")
    assert h04["maps_to"]["indicator"] == "孕产妇系统管理率"
    # removing a mapping keeps the indicator at this level
    coordinator.post("/plans/jixian-women-2021-2025/exchange/mapping/", {"indicator": "H02", "parent_plan": "",
                                            "parent_indicator": "", "factor": ""})
    plan.refresh_from_db()
    assert next(i for i in plan.document["indicators"] if i["code"] == "H02")["maps_to"] is None


def test_areas_side_by_side(login) -> None:
    # the demo county's areas below are its (sample) townships, which report D12
    page = login("leader").get("/plans/jixian-women-2021-2025/exchange/compare/?indicator=D12&year=2024").content.decode()
    assert "村民委员会成员中女性比例" in page and 'id="compare-chart"' in page
    assert page.count("<tr data-area=") >= 3 and "各地区汇总" in page
    empty = login("leader").get("/plans/jixian-women-2021-2025/exchange/compare/?indicator=H03").content.decode()
    assert "还没有地区报送该指标的数据" in empty and 'id="compare-chart"' not in empty
