"""The province-scale demo (``halfsky demo --scale province``): a data set to measure with.

The Ji County plan's indicators, targets and departments, set for 山西省 (140000)
with its 11 cities and 117 county-level units (real GB/T 2260 codes from the
shipped list) as the areas below: every indicator for the province and every
area, 2016–2025, each declared breakdown, approved, all marked 示例数据. The
values are written by the value writer (``store_values``, in bulk, one
transaction per indicator); then every plan year is assessed (statuses and
warnings). About 190,000 values; running it again adds nothing that is stored.
It is a benchmark set, not a plan: its title says so.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TextIO

from halfsky.domain import plan as domain
from halfsky.domain.demo_series import demo_values
from halfsky.formats.plan_import.titles import regions
from halfsky.formats.reference_csv import read_reference_csv
from halfsky.web.assessments.background import do_recompute_pending, pending_years
from halfsky.web.demo_values import DEMO_LEVELS, national_levels, sample_rows
from halfsky.web.orgs.actions import Account, do_ensure_account
from halfsky.web.orgs.models import Area
from halfsky.web.plans.actions import do_load_plan
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.values.actions.reference import do_load_reference_values
from halfsky.web.values.actions.store import Change, store_values
from halfsky.web.values.models import Observation, ValueStatus

PROVINCE = "140000"
PROVINCE_YEARS = range(2016, 2026)
LEVELS = {"province": domain.AreaLevel.PROVINCE, "city": domain.AreaLevel.CITY,
          "county": domain.AreaLevel.COUNTY}


def province_areas(province: str = PROVINCE) -> tuple[domain.Area, ...]:
    """The province and every city and county-level unit below it (GB/T 2260, shipped list)."""
    known = regions()
    areas = [domain.Area(province, known[province][0], domain.AreaLevel.PROVINCE)]
    for code, (name, level) in sorted(known.items()):
        if code[:2] != province[:2] or code == province:
            continue
        city = code[:4] + "00"
        parent = city if level == "county" and city in known else province
        areas.append(domain.Area(code, name, LEVELS[level], parent))
    return tuple(areas)


def province_plan(base: domain.Plan, province: str = PROVINCE) -> domain.Plan:
    """``base``'s indicators and targets for a province: the scale set's plan."""
    areas = province_areas(province)
    return replace(base, code=f"scale-{province}-women-{base.start_year}-{base.end_year}",
                   title=f"{areas[0].name}妇女发展规划（示例，规模测试数据）", region=province,
                   areas=areas)


def _rows(indicator: domain.Indicator, seed: str,
          levels: dict[tuple[str, str], float]) -> list[dict[str, object]]:
    level = DEMO_LEVELS.get(indicator.code, levels.get((indicator.national_reference,
                                                        indicator.unit)))
    series = demo_values(indicator, PROVINCE_YEARS, seed=seed, level=level)
    return sample_rows(series, PROVINCE_YEARS)


def store_province_values(plan: domain.Plan, levels: dict[tuple[str, str], float]) -> int:
    """Every indicator × area × year × breakdown not stored yet, approved, through the writer."""
    areas = list(Area.objects.filter(code__in=[a.code for a in plan.areas]))
    stored = {i.code: i for i in Indicator.objects.filter(plan__code=plan.code)}
    count = 0
    for indicator in plan.indicators:
        row = stored[indicator.code]
        taken = set(Observation.objects.filter(indicator=row).values_list(
            "area_id", "year", "breakdown"))
        changes = [
            Change(Observation(indicator=row, area=area, is_sample=True, source="demo",
                               status=ValueStatus.APPROVED, **item))
            for area in areas for item in _rows(indicator, area.code, levels)
            if (area.pk, item["year"], item["breakdown"]) not in taken]
        if changes:
            store_values(changes, "import")
        count += len(changes)
    return count


def set_up_province(base: domain.Plan, accounts: Sequence[Account], out: TextIO) -> None:
    """Load the province set: plan, areas, reference values, ``accounts``, values, assessments."""
    began = time.perf_counter()
    plan = province_plan(base)
    summary = do_load_plan(plan)
    out.write(f"plan {plan.code}: {', '.join(f'{k} {v}' for k, v in summary.counts.items())}, "
              f"areas {len(plan.areas)}\n")
    figures = read_reference_csv()
    out.write(f"national reference values: {do_load_reference_values(figures)}\n")
    for account in accounts:
        do_ensure_account(account)
    values = store_province_values(plan, national_levels(figures, plan.baseline_year))
    out.write(f"values (示例数据，非官方统计): {values} new, "
              f"{time.perf_counter() - began:.1f} s\n")
    stored = Plan.objects.get(code=plan.code)
    for year in range(plan.baseline_year, plan.end_year + 1):
        if year not in pending_years(stored) and stored.assessment_results.filter(year=year).exists():
            continue
        started = time.perf_counter()
        do_recompute_pending(stored, year)
        out.write(f"assessment {year}: {stored.assessment_results.filter(year=year).count()} results, "
                  f"{stored.warnings.filter(year=year).count()} warnings, "
                  f"{time.perf_counter() - started:.1f} s\n")
    out.write(f"province set ready in {time.perf_counter() - began:.1f} s\n")
