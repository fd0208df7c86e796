"""A value of an indicator two plans share is stored once and judged by each plan's targets."""

from __future__ import annotations

from typing import Any

import pytest

from halfsky.formats.plan_file import plan_from_dict
from halfsky.web.assessments.actions import do_recompute
from halfsky.web.assessments.models import AssessmentResult, PendingRecompute
from halfsky.web.plans.actions import do_load_plan
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.values.actions.store import Change, store_values
from halfsky.web.values.models import Observation, ValueStatus
from tests.web.plans.test_series_links import NEW, OLD, shifted


def load_successor(target: float = 60.0) -> Plan:
    """2026–2030 with H12 (体育人口占比, ≥ 50% by 2025 in the old plan) linked, ≥ ``target``%."""
    data = shifted(NEW, 5)
    for entry in data["indicators"]:
        if entry["code"] == "H12":
            entry["same_as"] = {"plan": OLD, "indicator": "H12"}
            entry["targets"][0]["value"] = target
    do_load_plan(plan_from_dict(data))
    return Plan.objects.select_related("region").get(code=NEW)


def county_total(plan: Plan, year: int) -> Any:
    return AssessmentResult.objects.get(plan=plan, year=year, indicator__code="H12",
                                        area=plan.region, breakdown="", target_position=0)


@pytest.mark.django_db
def test_a_2025_value_entered_once_is_judged_by_each_plans_own_target() -> None:
    new = load_successor()
    old = Plan.objects.select_related("region").get(code=OLD)
    linked = Indicator.objects.get(plan=new, code="H12")
    Observation.objects.for_indicator(linked).delete()
    for year, value in {2020: 45.0, 2022: 48.0, 2024: 52.0}.items():
        Observation.objects.create(indicator_id=linked.series_id, area=old.region, year=year,
                                   value=value, status=ValueStatus.APPROVED)
    # entered once, through the new plan's indicator
    store_values([Change(Observation(indicator=linked, area=new.region, year=2025, value=55.0,
                                     status=ValueStatus.APPROVED))], "import")

    assert Observation.objects.filter(year=2025, indicator__code="H12").count() == 1
    assert not Observation.objects.filter(indicator=linked).exists()  # under the old plan's
    # the change asked both plans for their reassessment (2025 is the new plan's baseline)
    assert {p.plan.code for p in PendingRecompute.objects.filter(year=2025)} >= {OLD, NEW}

    do_recompute(old, 2025)
    do_recompute(new, 2026)
    final = county_total(old, 2025)
    first = county_total(new, 2026)
    assert final.latest_value == first.latest_value == 55.0
    assert final.status == "met"  # ≥ 50%
    assert first.status != "met"  # ≥ 60%: the same value falls short of the new target
    assert (first.baseline_year, first.baseline_value) == (2025, 55.0)
    assert (final.baseline_year, final.baseline_value) == (2020, 45.0)


@pytest.mark.django_db
def test_the_linked_indicators_values_show_on_the_new_plans_pages() -> None:
    new = load_successor()
    linked = Indicator.objects.get(plan=new, code="H12")
    old_values = Observation.objects.filter(indicator_id=linked.series_id).count()
    assert old_values  # the demo's sample series
    assert Observation.objects.for_plan(new).filter(indicator_id=linked.series_id).count() == (
        old_values)
