"""The demo's sample values (示例数据): plausible series for every indicator, never official."""

from __future__ import annotations

from typing import Any

from halfsky.domain import plan as domain
from halfsky.domain.demo_series import demo_values
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
GROUP_DIMENSIONS = {"female": "sex", "male": "sex", "urban": "urban_rural", "rural": "urban_rural"}


def sample_rows(series: Any, years: range = DEMO_YEARS) -> list[dict[str, Any]]:
    """Observation rows for a demo series in ``years``: the total and each group."""
    rows: list[dict[str, Any]] = []
    for year, value in series.total.items():
        if year not in years:
            continue
        row: dict[str, Any] = {"year": year, "breakdown": "", "value": value}
        if year in series.numerators:
            row["numerator"] = series.numerators[year]
            row["denominator"] = series.denominators[year]
        rows.append(row)
    for group, values in series.by_group.items():
        breakdown = f"{GROUP_DIMENSIONS.get(group, 'group')}={group}"
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
        rows = sample_rows(demo_series(indicator, levels, years=years), years)
        count += do_store_sample_values(row, county, rows)
        if domain.Disaggregation.TOWNSHIP in indicator.disaggregations:
            for township in townships:
                local = demo_series(indicator, levels, seed=township.code, years=years)
                count += do_store_sample_values(row, township, sample_rows(local, years))
    return count
