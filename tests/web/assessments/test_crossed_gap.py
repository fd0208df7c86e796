"""A gap target may compare any two breakdowns, crossed ones too: rural women and rural men."""

from __future__ import annotations

import copy

import pytest
from django.utils import timezone

from halfsky.web.assessments.actions import do_recompute
from halfsky.web.assessments.models import AssessmentResult
from halfsky.web.core.text.plans import group_label
from halfsky.web.plans.models import Plan, Target
from halfsky.web.values.models import Observation, ValueStatus

pytestmark = pytest.mark.django_db

CODE = "E08"  # the demo's 公民具备科学素质的比例: by sex, and by sex × urban/rural
RURAL = ("sex=female;urban_rural=rural", "sex=male;urban_rural=rural")
YEAR = 2024


def gap_between(plan: Plan, groups: list[str]) -> None:
    """The plan's E08 gap target compares ``groups`` (as a plan file would say)."""
    document = copy.deepcopy(plan.document)
    indicator = next(i for i in document["indicators"] if i["code"] == CODE)
    indicator["targets"][0]["groups"] = groups
    plan.document, plan.loaded_at = document, timezone.now()
    plan.save(update_fields=["document", "loaded_at"])
    Target.objects.filter(indicator__plan=plan, indicator__code=CODE, position=0).update(
        groups=groups)


def judged(plan: Plan) -> AssessmentResult:
    return AssessmentResult.objects.get(plan=plan, year=YEAR, indicator__code=CODE,
                                        area=plan.region, breakdown="", target_position=0)


def values(plan: Plan, breakdown: str) -> dict[int, float]:
    return dict(Observation.objects.filter(
        indicator__plan=plan, indicator__code=CODE, area=plan.region, breakdown=breakdown,
        status=ValueStatus.APPROVED).values_list("year", "value"))


def test_a_gap_between_two_crossed_breakdowns_is_judged_on_their_values() -> None:
    plan = Plan.objects.select_related("region").get(code="jixian-women-2021-2025")
    do_recompute(plan, YEAR)
    by_sex = judged(plan)
    gap_between(plan, list(RURAL))
    do_recompute(plan, YEAR)
    rural = judged(plan)
    women, men = values(plan, RURAL[0]), values(plan, RURAL[1])
    assert women and men and rural.status != "no_data"
    assert abs(rural.latest_value) == pytest.approx(abs(women[YEAR] - men[YEAR]))
    assert rural.latest_value != by_sex.latest_value
    # the pages name the groups in words
    assert group_label(RURAL[0]) == "女性 · 农村"
