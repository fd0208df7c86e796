"""The demo: the Ji County plan with sample values and one account per role.

``halfsky demo`` (run by ``make demo``) calls ``set_up_demo``; running it
again updates in place and duplicates nothing.
"""

from __future__ import annotations

from typing import Any, TextIO

from halfsky.domain import plan as domain
from halfsky.domain.demo_series import demo_values
from halfsky.formats.reference_csv import ReferenceFigure, read_reference_csv
from halfsky.web.data.actions.reference import do_load_reference_values, do_store_sample_values
from halfsky.web.orgs.actions import Account, do_ensure_account, do_ensure_sample_townships
from halfsky.web.orgs.models import Area
from halfsky.web.orgs.roles import Role
from halfsky.web.plans.actions import do_load_plan
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.security.passwords import DEMO_PASSWORD

DEMO_YEARS = range(2020, 2025)
SAMPLE_TOWNSHIPS = ["吉昌镇（示例）", "屯里镇（示例）", "壶口镇（示例）", "车城乡（示例）"]
# Plausible levels for the Ji County demo where neither a target nor a national
# figure gives one (a county of ~100,000 people, ~80 villages).
DEMO_LEVELS = {
    "D09": 22.0, "D10": 11.0, "D14": 45.0, "D05": 18.0, "D06": 12.0, "D07": 25.0, "D08": 28.0,
    "D01": 27.0, "L01": 40.0, "L03": 1.0, "S01": 5200.0, "S04": 3100.0, "S05": 2600.0,
    "S06": 1800.0, "E06": 260.0, "V03": 100.0, "F03": 92.0, "H14": 80.0,
}
GROUP_DIMENSIONS = {"female": "sex", "male": "sex", "urban": "urban_rural", "rural": "urban_rural"}

DEMO_ACCOUNTS = [
    Account("coordinator", DEMO_PASSWORD, Role.COORDINATOR),
    Account("statistics", DEMO_PASSWORD, Role.MONITORING_LEAD),
    Account("health_reporter", DEMO_PASSWORD, Role.REPORTER, "health"),
    Account("health_head", DEMO_PASSWORD, Role.DEPARTMENT_HEAD, "health"),
    Account("education_reporter", DEMO_PASSWORD, Role.REPORTER, "education"),
    Account("leader", DEMO_PASSWORD, Role.LEADERSHIP),
    Account("viewer", DEMO_PASSWORD, Role.VIEWER),
    Account("admin", DEMO_PASSWORD, Role.ADMINISTRATOR),
]


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
                seed: str = "") -> Any:
    """The demo's series of an indicator, 2020–2024, heading for a plausible level."""
    level = DEMO_LEVELS.get(indicator.code, levels.get((indicator.national_reference,
                                                        indicator.unit)))
    return demo_values(indicator, DEMO_YEARS, seed=seed, level=level)


def store_sample_values(plan: domain.Plan, townships: list[Area],
                        levels: dict[tuple[str, str], float]) -> int:
    county = Area.objects.get(code=plan.region)
    stored = {i.code: i for i in Indicator.objects.filter(plan__code=plan.code)}
    count = 0
    for indicator in plan.indicators:
        row = stored[indicator.code]
        count += do_store_sample_values(row, county, sample_rows(demo_series(indicator, levels)))
        if domain.Disaggregation.TOWNSHIP in indicator.disaggregations:
            for township in townships:
                local = demo_series(indicator, levels, seed=township.code)
                count += do_store_sample_values(row, township, sample_rows(local))
    return count


def set_up_demo(plan: domain.Plan, out: TextIO, with_round: bool = True) -> None:
    summary = do_load_plan(plan)
    counts = ", ".join(f"{k} {v}" for k, v in summary.counts.items())
    out.write(f"plan {plan.code}: {counts}\n")
    townships = do_ensure_sample_townships(plan.region, SAMPLE_TOWNSHIPS)
    out.write(f"sample townships: {len(townships)}\n")
    figures = read_reference_csv()
    out.write(f"national reference values: {do_load_reference_values(figures)}\n")
    levels = national_levels(figures, plan.baseline_year)
    values = store_sample_values(plan, townships, levels)
    out.write(f"sample values (示例数据，非官方统计): {values}\n")
    out.write(f"\ndemo accounts (password for all: {DEMO_PASSWORD})\n")
    for account in DEMO_ACCOUNTS:
        do_ensure_account(account)
        department = f"  [{account.department}]" if account.department else ""
        out.write(f"  {account.username:<20} {account.role.value}{department}\n")
    if with_round:
        from halfsky.web.demo_round import set_up_demo_round

        set_up_demo_round(plan, DEMO_PASSWORD, levels, out)
    from halfsky.web.assessments.actions import do_recompute
    from halfsky.web.demo_assessment import set_up_demo_assessment

    do_recompute(Plan.objects.get(code=plan.code), DEMO_YEARS[-1])
    set_up_demo_assessment(plan, DEMO_YEARS[-1], DEMO_PASSWORD, out)
