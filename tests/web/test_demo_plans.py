"""The demo's companion plans: the children's sample plan with its own sample values, and
the 2026–2030 sample plan with none but the series it shares."""

from __future__ import annotations

import io

import pytest

from halfsky.formats.plan_file import load_plan
from halfsky.formats.reference_csv import read_reference_csv
from halfsky.web.assessments.models import AssessmentResult
from halfsky.web.demo import set_up_demo
from halfsky.web.demo_plans import (
    CHILDREN_PLAN,
    CHILDREN_YEARS,
    NEXT_PLAN,
    WOMEN_PLAN,
    set_up_companion_plans,
)
from halfsky.web.demo_round import YEAR
from halfsky.web.demo_values import SAMPLE_TOWNSHIPS, national_levels
from halfsky.web.orgs.actions import do_ensure_sample_townships
from halfsky.web.plans.models import Indicator
from halfsky.web.values.models import Observation, Round, ValueStatus


@pytest.fixture
def companions(db: None) -> str:
    """The companion plans set up (again: it changes nothing when the demo has them)."""
    townships = do_ensure_sample_townships("141028", SAMPLE_TOWNSHIPS)
    out = io.StringIO()
    set_up_companion_plans(townships, national_levels(read_reference_csv(), 2020), out)
    return out.getvalue()


def test_the_childrens_own_indicators_have_approved_sample_values_2020_to_2024(
        companions: str) -> None:
    own = Indicator.objects.filter(plan__code=CHILDREN_PLAN, same_as__isnull=True)
    assert own.count() == 31
    for indicator in own:
        county = Observation.objects.filter(indicator=indicator, area__code="141028",
                                            breakdown="")
        assert set(county.values_list("year", flat=True)) == set(CHILDREN_YEARS), indicator.code
        assert not county.exclude(is_sample=True, status=ValueStatus.APPROVED).exists()
    vaccination = Observation.objects.filter(indicator__plan__code=CHILDREN_PLAN,
                                             indicator__code="CH06", year=2024, breakdown="")
    assert vaccination.exclude(area__code="141028").count() == len(SAMPLE_TOWNSHIPS)
    assert f"plan {CHILDREN_PLAN}" in companions and "示例（非官方规划）" in companions


def test_a_shared_indicator_and_the_next_plan_have_no_values_of_their_own(
        companions: str) -> None:
    shared = Indicator.objects.filter(plan__code__in=[CHILDREN_PLAN, NEXT_PLAN],
                                      same_as__isnull=False)
    assert shared.count() == 4 + 56
    assert not Observation.objects.filter(indicator__in=shared).exists()
    assert not Observation.objects.filter(indicator__plan__code=NEXT_PLAN).exists()
    # the children's 孕产妇死亡率 is the women's series, which has the values
    maternal = Indicator.objects.get(plan__code=CHILDREN_PLAN, code="CH04")
    assert maternal.same_as.plan.code == WOMEN_PLAN
    assert Observation.objects.filter(indicator_id=maternal.series_id).count() > 0


def test_the_childrens_plan_is_assessed_for_2024_and_a_second_run_adds_nothing(
        companions: str) -> None:
    assessed = AssessmentResult.objects.filter(plan__code=CHILDREN_PLAN, year=2024)
    assert assessed.filter(status="met").exists()
    before = (Observation.objects.count(), Indicator.objects.count(), assessed.count())
    townships = do_ensure_sample_townships("141028", SAMPLE_TOWNSHIPS)
    set_up_companion_plans(townships, national_levels(read_reference_csv(), 2020),
                           io.StringIO())
    assert (Observation.objects.count(), Indicator.objects.count(), assessed.count()) == before


@pytest.mark.parametrize("code", [WOMEN_PLAN, CHILDREN_PLAN, NEXT_PLAN])
def test_each_demo_plans_pages_show_that_plan_through_the_chooser(companions: str, login,
                                                                   code: str) -> None:
    from django.urls import reverse

    from halfsky.web.plans.models import Plan

    titles = dict(Plan.objects.values_list("code", "title"))
    client = login("coordinator")
    for name in ("dashboards:overview", "plans:overview", "assessments:index", "reports:index"):
        start = reverse(name, args=[WOMEN_PLAN if code != WOMEN_PLAN else NEXT_PLAN])
        chosen = client.post(reverse("choose_plan"), {"plan": code, "next": start})
        assert chosen.status_code == 302 and chosen.url == reverse(name, args=[code])
        page = client.get(chosen.url, follow=True).content.decode()
        main = page[page.index("<main"):page.index("</main>")]
        assert titles[code] in main, name
        if name != "plans:overview":  # which lists the plans sharing its series, by title
            assert all(t not in main for other, t in titles.items() if other != code), name
        assert f'<option value="{code}" selected title=' in page


def test_the_demo_round_asks_for_the_childrens_values_too(db: None) -> None:
    """``halfsky demo`` opens its round after loading the companion plans: the health
    department's task carries the children's own indicators beside the women's, filled
    and reviewed."""
    set_up_demo(load_plan(WOMEN_PLAN), out=io.StringIO())
    task = Round.objects.get(year=YEAR).tasks.get(department__code="health")
    plans = set(task.observations.values_list("indicator__plan__code", flat=True))
    assert {WOMEN_PLAN, CHILDREN_PLAN} <= plans
    children = task.observations.filter(indicator__plan__code=CHILDREN_PLAN)
    assert children.filter(status=ValueStatus.APPROVED).exists()
