"""The demo: the Ji County plan with sample values and one account per role.

``halfsky demo`` (run by ``make demo``) calls ``set_up_demo``; running it
again updates in place and duplicates nothing.
"""

from __future__ import annotations

from typing import Any, TextIO

from halfsky.domain import plan as domain
from halfsky.domain.demo_series import demo_values
from halfsky.formats.reference_csv import read_reference_csv
from halfsky.web.data.actions import do_load_reference_values, do_store_sample_values
from halfsky.web.orgs.actions import Account, do_ensure_account, do_ensure_sample_townships
from halfsky.web.orgs.models import Area
from halfsky.web.orgs.roles import Role
from halfsky.web.plans.actions import do_load_plan
from halfsky.web.plans.models import Indicator

DEMO_PASSWORD = "halfsky-demo"
DEMO_YEARS = range(2020, 2025)
SAMPLE_TOWNSHIPS = ["吉昌镇（示例）", "屯里镇（示例）", "壶口镇（示例）", "车城乡（示例）"]
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


def sample_rows(series: Any) -> list[dict[str, Any]]:
    """Observation rows for a demo series: the total and each group."""
    rows: list[dict[str, Any]] = []
    for year, value in series.total.items():
        row: dict[str, Any] = {"year": year, "breakdown": "", "value": value}
        if year in series.numerators:
            row["numerator"] = series.numerators[year]
            row["denominator"] = series.denominators[year]
        rows.append(row)
    for group, values in series.by_group.items():
        breakdown = f"{GROUP_DIMENSIONS.get(group, 'group')}={group}"
        rows.extend({"year": y, "breakdown": breakdown, "value": v} for y, v in values.items())
    return rows


def store_sample_values(plan: domain.Plan, townships: list[Area]) -> int:
    county = Area.objects.get(code=plan.region)
    stored = {i.code: i for i in Indicator.objects.filter(plan__code=plan.code)}
    count = 0
    for indicator in plan.indicators:
        row = stored[indicator.code]
        series = demo_values(indicator, DEMO_YEARS)
        count += do_store_sample_values(row, county, sample_rows(series))
        if domain.Disaggregation.TOWNSHIP in indicator.disaggregations:
            for township in townships:
                local = demo_values(indicator, DEMO_YEARS, seed=township.code)
                count += do_store_sample_values(row, township, sample_rows(local))
    return count


def set_up_demo(plan: domain.Plan, out: TextIO) -> None:
    summary = do_load_plan(plan)
    counts = ", ".join(f"{k} {v}" for k, v in summary.counts.items())
    out.write(f"plan {plan.code}: {counts}\n")
    townships = do_ensure_sample_townships(plan.region, SAMPLE_TOWNSHIPS)
    out.write(f"sample townships: {len(townships)}\n")
    out.write(f"sample values (示例数据，非官方统计): {store_sample_values(plan, townships)}\n")
    out.write(f"national reference values: {do_load_reference_values(read_reference_csv())}\n")
    out.write(f"\ndemo accounts (password for all: {DEMO_PASSWORD})\n")
    for account in DEMO_ACCOUNTS:
        do_ensure_account(account)
        department = f"  [{account.department}]" if account.department else ""
        out.write(f"  {account.username:<20} {account.role.value}{department}\n")
