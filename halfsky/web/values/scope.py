"""What a department reports in a round: its indicators × areas × breakdowns."""

from __future__ import annotations

from collections.abc import Iterator

from halfsky.domain.breakdowns import combinations_of, entry_breakdowns
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Indicator, Plan


def reported_in(indicator: Indicator, year: int, election_year: bool) -> bool:
    """Census indicators come in census and 1% sample-survey years (…0, …5)."""
    if indicator.cadence == "census":
        return year % 5 == 0
    if indicator.cadence == "election":
        return election_year
    return True


def combinations(indicator: Indicator) -> tuple[tuple[str, ...], ...]:
    """The dimension sets the indicator declares (``("sex",)``, ``("sex", "urban_rural")``)."""
    return combinations_of(indicator.disaggregations)


def breakdowns(indicator: Indicator) -> tuple[str, ...]:
    """The total and every declared combination's cells (age bands, free, are not listed)."""
    return entry_breakdowns(combinations(indicator))


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
