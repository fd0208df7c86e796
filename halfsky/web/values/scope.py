"""What a department reports in a round: its indicators × areas × breakdowns."""

from __future__ import annotations

from collections.abc import Iterator

from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Indicator, Plan

BREAKDOWNS = {
    "sex": ("sex=female", "sex=male"),
    "urban_rural": ("urban_rural=urban", "urban_rural=rural"),
}


def reported_in(indicator: Indicator, year: int, election_year: bool) -> bool:
    """Census indicators come in census and 1% sample-survey years (…0, …5)."""
    if indicator.cadence == "census":
        return year % 5 == 0
    if indicator.cadence == "election":
        return election_year
    return True


def breakdowns(indicator: Indicator) -> tuple[str, ...]:
    extra = tuple(b for d in indicator.disaggregations for b in BREAKDOWNS.get(d, ()))
    return ("", *extra)


def areas(indicator: Indicator, plan: Plan) -> list[Area]:
    region = plan.region
    if "township" in indicator.disaggregations:
        return [region, *Area.objects.filter(parent=region, level="township").order_by("code")]
    return [region]


def task_keys(plan: Plan, department_id: int, year: int, election_year: bool
              ) -> Iterator[tuple[Indicator, Area, str]]:
    indicators = plan.indicators.filter(lead_id=department_id).order_by("position")
    for indicator in indicators:
        if not reported_in(indicator, year, election_year):
            continue
        for area in areas(indicator, plan):
            for breakdown in breakdowns(indicator) if area == plan.region else ("",):
                yield indicator, area, breakdown
