"""Loading a plan whose indicators share another plan's series (``same_as``)."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from halfsky.formats.plan_file import load_plan, plan_from_dict, plan_to_dict
from halfsky.web.plans.actions import PlanLoadError, do_load_plan
from halfsky.web.plans.models import Indicator

OLD = "jixian-women-2021-2025"
NEW = "jixian-women-2026-2030"


def shifted(code: str, years: int) -> dict[str, Any]:
    """The 2021–2025 plan's file moved ``years`` later under another code."""
    data = copy.deepcopy(plan_to_dict(load_plan(OLD)))
    head = data["plan"]
    head.update(code=code, title=f"{code}（示例）", start_year=head["start_year"] + years,
                end_year=head["end_year"] + years, baseline_year=head["baseline_year"] + years)
    for entry in data["indicators"]:
        for target in entry.get("targets", []):
            if target.get("year"):
                target["year"] += years
    return data


def successor(links: dict[str, object]) -> Any:
    data = shifted(NEW, 5)
    for entry in data["indicators"]:
        if entry["code"] in links:
            entry["same_as"] = links[entry["code"]]
    return plan_from_dict(data)


@pytest.mark.django_db
def test_a_linked_indicator_points_at_the_series_of_the_old_plan() -> None:
    do_load_plan(successor({"H03": {"plan": OLD, "indicator": "H03"}}))
    new = Indicator.objects.get(plan__code=NEW, code="H03")
    old = Indicator.objects.get(plan__code=OLD, code="H03")
    assert new.same_as == old and new.series_id == old.pk
    assert Indicator.objects.get(plan__code=NEW, code="H01").series_id == (
        Indicator.objects.get(plan__code=NEW, code="H01").pk)


@pytest.mark.django_db
def test_a_link_is_followed_to_the_plan_that_stores_the_values() -> None:
    do_load_plan(successor({"H03": {"plan": OLD, "indicator": "H03"}}))
    data = shifted("jixian-women-2031-2035", 10)
    data["indicators"][2]["same_as"] = {"plan": NEW, "indicator": "H03"}
    do_load_plan(plan_from_dict(data))
    third = Indicator.objects.get(plan__code="jixian-women-2031-2035", code="H03")
    assert third.same_as == Indicator.objects.get(plan__code=OLD, code="H03")


@pytest.mark.django_db
@pytest.mark.parametrize(("link", "code"), [
    ({"plan": "no-such-plan", "indicator": "H03"}, "plan_load.unknown_series_link"),
    ({"plan": OLD, "indicator": "ZZ9"}, "plan_load.unknown_series_link"),
    ({"plan": OLD, "indicator": "H01"}, "plan_load.series_link_unit"),  # 岁 vs 1/10万
])
def test_a_bad_link_loads_nothing(link: dict[str, str], code: str) -> None:
    with pytest.raises(PlanLoadError) as refused:
        do_load_plan(successor({"H03": link}))
    assert refused.value.code == code
    assert not Indicator.objects.filter(plan__code=NEW).exists()


@pytest.mark.django_db
def test_the_admin_links_an_indicator_only_to_other_plans_in_its_unit(login) -> None:
    do_load_plan(successor({}))
    new = Indicator.objects.get(plan__code=NEW, code="H03")
    old = Indicator.objects.get(plan__code=OLD, code="H03")
    admin = login("admin")
    url = f"/admin/plans/indicator/{new.pk}/change/"
    form = admin.get(url).content.decode().split('name="same_as"')[1].split("</select>")[0]
    assert f'value="{old.pk}"' in form
    assert f'value="{Indicator.objects.get(plan__code=OLD, code="H01").pk}"' not in form  # 岁
    assert f'value="{Indicator.objects.get(plan__code=NEW, code="H04").pk}"' not in form
    assert admin.post(url, {"same_as": old.pk}).status_code == 302
    new.refresh_from_db()
    assert new.same_as == old
    assert new.plan.document["indicators"][2]["same_as"] == {"plan": OLD, "indicator": "H03"}
    assert login("health_reporter").post(url, {"same_as": ""}).status_code in {302, 403}
    new.refresh_from_db()
    assert new.same_as == old
