"""The demo: the Ji County plan with sample values and one account per role.

``halfsky demo`` (run by ``make demo``) calls ``set_up_demo``; running it
again updates in place and duplicates nothing. With the women's 2021–2025 plan it
also loads the companion plans (``demo_plans``): the children's plan and the
2026–2030 women's plan, both samples — before it opens the 2025 round, so that the
round asks for the values of every plan in force that year.
"""

from __future__ import annotations

from typing import TextIO

from halfsky.domain import plan as domain
from halfsky.formats.reference_csv import read_reference_csv
from halfsky.web.assessments.actions import do_recompute
from halfsky.web.demo_assessment import set_up_demo_assessment
from halfsky.web.demo_plans import WOMEN_PLAN, set_up_companion_plans
from halfsky.web.demo_province import set_up_province
from halfsky.web.demo_round import set_up_demo_round
from halfsky.web.demo_values import (
    DEMO_YEARS,
    SAMPLE_TOWNSHIPS,
    national_levels,
    store_sample_values,
)
from halfsky.web.orgs.actions import Account, do_ensure_account, do_ensure_sample_townships
from halfsky.web.orgs.roles import Role
from halfsky.web.plans.actions import do_load_plan
from halfsky.web.plans.models import Plan
from halfsky.web.security.passwords import DEMO_PASSWORD
from halfsky.web.values.actions.reference import do_load_reference_values

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


def set_up_demo(plan: domain.Plan, out: TextIO, with_round: bool = True,
                companions: bool = True) -> None:
    """The demo around ``plan``; ``companions``: after the women's 2021–2025 plan, also
    the children's plan and the 2026–2030 plan (which link to it)."""
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
    if companions and plan.code == WOMEN_PLAN:
        set_up_companion_plans(townships, levels, out)
    if with_round:
        set_up_demo_round(plan, DEMO_PASSWORD, levels, out)
    do_recompute(Plan.objects.get(code=plan.code), DEMO_YEARS[-1])
    set_up_demo_assessment(plan, DEMO_YEARS[-1], DEMO_PASSWORD, out)


def set_up_province_demo(plan: domain.Plan, out: TextIO) -> None:
    """The province-scale set (``halfsky demo --scale province``) with the demo accounts."""
    set_up_province(plan, DEMO_ACCOUNTS, out)
