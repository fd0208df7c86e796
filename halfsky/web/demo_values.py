"""The demo's sample values (示例数据): plausible series for every indicator, never official."""

from __future__ import annotations

import math
from typing import Any

from halfsky.domain import breakdowns
from halfsky.domain import plan as domain
from halfsky.domain.demo_series import demo_values
from halfsky.domain.units import is_percent, is_whole_count
from halfsky.formats.reference_csv import ReferenceFigure
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Indicator
from halfsky.web.values.actions.reference import do_store_sample_values

DEMO_YEARS = range(2020, 2025)
SAMPLE_TOWNSHIPS = ["吉昌镇（示例）", "屯里镇（示例）", "壶口镇（示例）", "车城乡（示例）"]
# Plausible levels for the Ji County demo where neither a target nor a national
# figure gives one (a county of ~100,000 people, ~80 villages).
DEMO_LEVELS = {
    "D09": 22.0, "D10": 11.0, "D14": 45.0, "D05": 18.0, "D06": 12.0, "D07": 25.0, "D08": 28.0,
    "D01": 27.0, "L01": 40.0, "L03": 1.0, "S01": 5200.0, "S04": 3100.0, "S05": 2600.0,
    "S06": 1800.0, "E06": 260.0, "V03": 100.0, "F03": 92.0, "H14": 80.0,
    # the children's plan (jixian-children-2021-2025)
    "CH10": 52.0, "CS02": 5.0, "CL01": 4.0, "CL02": 1.0,
}
# Where a crossed cell's second dimension has no drawn groups: its level relative to the
# first group's (non-counts) or its share of it (counts).
CELL_FACTORS = {"urban": 1.08, "rural": 0.94, "female": 0.97, "male": 1.03}
CELL_SHARES = {"urban": 0.38, "rural": 0.62, "female": 0.49, "male": 0.51}


def group_breakdown(group: str) -> str:
    """A demo group's breakdown: 'rural' → 'urban_rural=rural' (a gap target's group may
    be a whole breakdown already)."""
    if "=" in group:
        return breakdowns.canonical(group)
    return breakdowns.format_pairs([(breakdowns.group_dimension(group) or "group", group)])


def crossed_values(indicator: domain.Indicator, series: Any) -> dict[str, dict[int, float]]:
    """Demo values of the crossed cells (``sex=female;urban_rural=rural``) of an indicator.

    A cell is its first dimension's group value × the second group's value / the total
    (so the cells of a count add up to the group, and to the total); without drawn
    groups of the second dimension, a fixed relative level or share stands in.
    """
    count = is_whole_count(indicator.unit)
    high = 100.0 if is_percent(indicator.unit, indicator.per) else math.inf
    cells: dict[str, dict[int, float]] = {}
    for combination in indicator.combinations:
        if len(combination) != 2 or not breakdowns.cells(combination):
            continue
        first, second = combination
        for group in breakdowns.VALUES[first]:
            base = series.by_group.get(group, {})
            for year, whole in base.items():
                parts = [_cell(series, other, year, whole, count, high)
                         for other in breakdowns.VALUES[second]]
                if count:  # the last cell takes what rounding left: the cells add up
                    parts[-1] = whole - sum(parts[:-1])
                for other, part in zip(breakdowns.VALUES[second], parts, strict=True):
                    key = breakdowns.format_pairs([(first, group), (second, other)])
                    cells.setdefault(key, {})[year] = part
    return cells


def _cell(series: Any, other: str, year: int, whole: float, count: bool,
          high: float) -> float:
    total = series.total.get(year)
    drawn = series.by_group.get(other, {}).get(year)
    if drawn is not None and total:
        value = whole * drawn / total
    else:
        value = whole * (CELL_SHARES if count else CELL_FACTORS).get(other, 1.0)
    return float(round(value)) if count else round(min(max(value, 0.0), high), 1)


def sample_rows(series: Any, years: range = DEMO_YEARS,
                indicator: domain.Indicator | None = None) -> list[dict[str, Any]]:
    """Observation rows for a demo series in ``years``: the total, each group and, given the
    indicator, each crossed cell."""
    rows: list[dict[str, Any]] = []
    for year, value in series.total.items():
        if year not in years:
            continue
        row: dict[str, Any] = {"year": year, "breakdown": "", "value": value}
        if year in series.numerators:
            row["numerator"] = series.numerators[year]
            row["denominator"] = series.denominators[year]
        rows.append(row)
    groups = {group_breakdown(group): values for group, values in series.by_group.items()}
    if indicator is not None:
        groups.update(crossed_values(indicator, series))
    for breakdown, values in groups.items():
        rows.extend({"year": y, "breakdown": breakdown, "value": v} for y, v in values.items()
                    if y in years)
    return rows


def national_levels(figures: list[ReferenceFigure], year: int) -> dict[tuple[str, str], float]:
    """(indicator name, unit) → the national figure nearest to ``year``: a plausible level."""
    nearest: dict[tuple[str, str], ReferenceFigure] = {}
    for figure in figures:
        key = (figure.indicator, figure.unit)
        best = nearest.get(key)
        if best is None or abs(figure.year - year) < abs(best.year - year):
            nearest[key] = figure
    return {key: figure.value for key, figure in nearest.items()}


def demo_series(indicator: domain.Indicator, levels: dict[tuple[str, str], float],
                seed: str = "", years: range = DEMO_YEARS) -> Any:
    """The demo's series of an indicator (2020–2024 unless told), heading for a plausible
    level."""
    level = DEMO_LEVELS.get(indicator.code, levels.get((indicator.national_reference,
                                                        indicator.unit)))
    return demo_values(indicator, years, seed=seed, level=level)


def store_sample_values(plan: domain.Plan, townships: list[Area],
                        levels: dict[tuple[str, str], float], years: range = DEMO_YEARS) -> int:
    """Sample values of the plan's own indicators in ``years``: the county's, and each
    sample township's where the indicator is broken down by township. An indicator that is
    another plan's series (``same_as``) gets none: its values are that plan's."""
    county = Area.objects.get(code=plan.region)
    stored = {i.code: i for i in Indicator.objects.filter(plan__code=plan.code)}
    count = 0
    for indicator in plan.indicators:
        if indicator.same_as is not None:
            continue
        row = stored[indicator.code]
        rows = sample_rows(demo_series(indicator, levels, years=years), years, indicator=indicator)
        count += do_store_sample_values(row, county, rows)
        if domain.Disaggregation.TOWNSHIP in indicator.disaggregations:
            for township in townships:
                local = demo_series(indicator, levels, seed=township.code, years=years)
                count += do_store_sample_values(row, township, sample_rows(local, years))
    return count
