"""The demo's other plans: the children's plan beside the women's, and the next women's plan.

Both are samples written by the project, marked 示例（非官方规划）. They are loaded
after the women's 2021–2025 plan, since some of their indicators are its series
(``same_as``): the children's plan (``jixian-children-2021-2025``) gets sample values
for its own indicators, 2020–2024 like the women's plan, and 2024 assessed; its 2025
values come through the demo's 2025 round, which is opened after these plans are loaded.
The 2026–2030 plan (``jixian-women-2026-2030``) gets no values beyond the series it
shares.
"""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from halfsky.formats.plan_file import load_plan
from halfsky.web.assessments.actions import do_recompute
from halfsky.web.assessments.models import AssessmentResult
from halfsky.web.demo_values import DEMO_YEARS, store_sample_values
from halfsky.web.orgs.models import Area
from halfsky.web.plans.actions import do_load_plan
from halfsky.web.plans.models import Plan

WOMEN_PLAN = "jixian-women-2021-2025"  # the plan the others link to
CHILDREN_PLAN = "jixian-children-2021-2025"
NEXT_PLAN = "jixian-women-2026-2030"
COMPANION_PLANS = (CHILDREN_PLAN, NEXT_PLAN)  # in the order they load
CHILDREN_YEARS = DEMO_YEARS  # 2025 is the round's


def set_up_companion_plans(townships: list[Area], levels: dict[tuple[str, str], float],
                           out: TextIO) -> None:
    """Load the companion plans after the women's 2021–2025 plan, and the children's
    plan's sample values; running it again duplicates nothing."""
    plans = {code: load_plan(code) for code in COMPANION_PLANS}
    for code, plan in plans.items():
        summary = do_load_plan(plan)
        counts = ", ".join(f"{k} {v}" for k, v in summary.counts.items())
        shared = sum(1 for indicator in plan.indicators if indicator.same_as is not None)
        out.write(f"plan {code} (示例（非官方规划）): {counts}; "
                  f"{shared} indicators share another plan's series\n")
    children = plans[CHILDREN_PLAN]
    values = store_sample_values(children, townships, levels, CHILDREN_YEARS)
    out.write(f"sample values of {CHILDREN_PLAN} (示例数据，非官方统计): {values}\n")
    stored, year = Plan.objects.get(code=CHILDREN_PLAN), CHILDREN_YEARS[-1]
    do_recompute(stored, year)
    county = AssessmentResult.objects.filter(plan=stored, year=year, area=stored.region,
                                             breakdown="")
    statuses = Counter(county.values_list("status", flat=True))
    out.write(f"assessment {year} of {CHILDREN_PLAN} (county totals): "
              + ", ".join(f"{s} {n}" for s, n in sorted(statuses.items())) + "\n")
