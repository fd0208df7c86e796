"""A county's corrected 2023 value, received by the city or aggregated into the city's own
value, changes the city's stored 2024 and 2025 assessments that the series changes."""

from __future__ import annotations

from typing import Any

import pytest

from halfsky.web.assessments.actions import FLOATS, do_recompute
from halfsky.web.assessments.models import AssessmentResult
from halfsky.web.exchange.actions.aggregates import do_aggregate
from halfsky.web.plans.models import Plan
from halfsky.web.values.models import Observation
from tests.web.exchange.conftest import push, value

pytestmark = pytest.mark.django_db

CODE, NAME, COUNTY = "H02", "孕产妇死亡率", "141028"
DEATHS = {2020: 3, 2021: 2, 2022: 2, 2023: 1, 2024: 1}  # per 10,000 births


def judged(plan: Plan, area: str, year: int) -> tuple[Any, ...]:
    result = AssessmentResult.objects.get(plan=plan, year=year, indicator__code=CODE,
                                          area__code=area, breakdown="", target_position=0)
    return (result.status, result.latest_value, *(getattr(result, f) for f in FLOATS))


@pytest.fixture
def assessed(city: Plan, county_key: str, django_capture_on_commit_callbacks: Any
             ) -> dict[tuple[str, int], tuple[Any, ...]]:
    """The county's series received (version 1) and the city's 2024 and 2025 assessed."""
    with django_capture_on_commit_callbacks(execute=True):
        response = push(county_key, [value(NAME, year=year, number=deaths * 10.0,
                                           numerator=deaths, denominator=10000)
                                     for year, deaths in DEATHS.items()])
    assert response.json()["counts"] == {"created": 5}
    for year in (2024, 2025):
        do_recompute(city, year)
    return {(area, year): judged(city, area, year)
            for area in (COUNTY, city.region.code) for year in (2024, 2025)}


def test_a_received_correction_reassesses_the_later_years(
        city: Plan, county_key: str, assessed: dict[tuple[str, int], tuple[Any, ...]],
        django_capture_on_commit_callbacks: Any) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = push(county_key, [value(NAME, year=2023, number=40.0, numerator=4,
                                           denominator=10000, version=2, reason="补报")])
    assert response.json()["counts"] == {"updated": 1}
    for area in (COUNTY, city.region.code):  # the county's series and the city's aggregate
        for year in (2024, 2025):
            assert judged(city, area, year) != assessed[(area, year)], (area, year)


def test_an_aggregate_of_a_changed_year_reassesses_the_later_years(
        city: Plan, assessed: dict[tuple[str, int], tuple[Any, ...]],
        django_capture_on_commit_callbacks: Any) -> None:
    county = Observation.objects.get(indicator__plan=city, indicator__code=CODE,
                                     area__code=COUNTY, year=2023, breakdown="")
    Observation.objects.filter(pk=county.pk).update(value=40.0, numerator=4)  # not assessed
    region = city.region.code
    assert all(judged(city, region, y) == assessed[(region, y)] for y in (2024, 2025))
    with django_capture_on_commit_callbacks(execute=True):
        assert do_aggregate(city, {(county.indicator_id, 2023)}) == 1
    stored = Observation.objects.get(indicator=county.indicator, area__code=region, year=2023)
    assert stored.value == pytest.approx(40.0) and stored.changes.last().action == "aggregate"
    for year in (2024, 2025):
        assert judged(city, region, year) != assessed[(region, year)], year
