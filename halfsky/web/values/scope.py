"""What a department reports in a round: its indicators × areas × breakdowns.

A round covers every plan in force in its data year. A value of a series two
plans share (``Indicator.same_as``) is reported once, under the indicator
holding the series, by the department that leads it in the first plan using it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.db.models import Q

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


RoundKey = tuple[Indicator, Area, str]  # the series' indicator, area, breakdown


def round_keys(plans: Sequence[Plan], year: int, election_year: bool
               ) -> dict[int, list[RoundKey]]:
    """Department id → the values it reports in the round of ``year`` for ``plans``,
    each value once however many plans use it."""
    owner: dict[int, int] = {}  # series id → department id
    seen: set[tuple[int, int, str]] = set()
    keys: dict[int, list[RoundKey]] = defaultdict(list)
    for plan in plans:
        indicators = (plan.indicators.filter(lead__isnull=False).select_related("same_as")
                      .order_by("position"))
        for indicator in indicators:
            if not reported_in(indicator, year, election_year):
                continue
            series = indicator.same_as or indicator
            department = owner.setdefault(series.pk, indicator.lead_id)
            for area in areas(indicator, plan):
                for breakdown in breakdowns(indicator) if area == plan.region else ("",):
                    if (series.pk, area.pk, breakdown) in seen:
                        continue
                    seen.add((series.pk, area.pk, breakdown))
                    keys[department].append((series, area, breakdown))
    return dict(keys)


def readers(series_ids: set[int], plans: Sequence[Plan]) -> dict[int, list[Indicator]]:
    """Series id → the indicators of ``plans`` reading it (their plan and targets loaded),
    in ``plans``' order: the plans a value of the round is reported for."""
    order = [plan.pk for plan in plans]
    plan_of = {plan.pk: plan for plan in plans}
    found: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in Indicator.objects.filter(
            Q(pk__in=series_ids) | Q(same_as_id__in=series_ids), plan_id__in=order,
    ).prefetch_related("targets__relative_to"):
        indicator.plan = plan_of[indicator.plan_id]
        found[indicator.series_id].append(indicator)
    return {series: sorted(rows, key=lambda i: order.index(i.plan_id))
            for series, rows in found.items()}
