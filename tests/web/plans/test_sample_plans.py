"""The shipped sample plans load after the women's 2021–2025 plan, their links stored."""

from __future__ import annotations

import pytest

from halfsky.formats.plan_file import load_plan
from halfsky.web.plans.actions import do_load_plan
from halfsky.web.plans.models import Indicator

WOMEN = "jixian-women-2021-2025"
ORDER = [WOMEN, "jixian-children-2021-2025", "jixian-women-2026-2030"]


@pytest.mark.django_db
def test_the_plans_load_in_order_and_every_link_points_at_the_womens_series() -> None:
    counts = {code: do_load_plan(load_plan(code)).counts["indicators"] for code in ORDER}
    assert counts == {WOMEN: 59, "jixian-children-2021-2025": 35, "jixian-women-2026-2030": 59}
    linked = Indicator.objects.filter(plan__code__in=ORDER[1:], same_as__isnull=False
                                      ).select_related("same_as__plan", "plan")
    assert {(i.plan.code, i.code, i.same_as.code) for i in linked if i.plan.code == ORDER[1]} == {
        (ORDER[1], "CH04", "H03"), (ORDER[1], "CH05", "H08"), (ORDER[1], "CE05", "E03"),
        (ORDER[1], "CW02", "F02")}
    assert linked.filter(plan__code=ORDER[2]).count() == 56
    for indicator in linked:
        assert indicator.same_as.plan.code == WOMEN
        assert indicator.same_as.unit == indicator.unit
        assert indicator.series_id == indicator.same_as.pk
