"""Report inputs from demo values (``demo_series.demo_values``): sample data, never official.

Used by the tests, the page images in ``docs/reports`` and the benchmark;
the web layer reads stored values instead.
"""

from __future__ import annotations

from collections.abc import Mapping

from halfsky.domain.demo_series import demo_values
from halfsky.domain.plan import Plan
from halfsky.domain.reports.inputs import GroupValues, IndicatorData

GROUP_DIMENSIONS = {"female": "sex", "male": "sex", "urban": "urban_rural", "rural": "urban_rural"}


def demo_report_data(plan: Plan, years: range, levels: Mapping[str, float] | None = None,
                     seed: str = "") -> tuple[list[IndicatorData], dict[str, str]]:
    """Sample values of every indicator (marked ``sample``) and the demo ratings of
    qualitative targets (indicator code → met | partly_met | not_met)."""
    levels = levels or {}
    series, ratings = [], {}
    for indicator in plan.indicators:
        demo = demo_values(indicator, years, seed=seed, level=levels.get(indicator.code))
        groups = tuple(
            GroupValues(f"{GROUP_DIMENSIONS.get(name, 'group')}={name}", dict(values))
            for name, values in demo.by_group.items())
        series.append(IndicatorData(indicator.code, dict(demo.total), groups, sample=True))
        if demo.rating is not None:
            ratings[indicator.code] = demo.rating
    return series, ratings
