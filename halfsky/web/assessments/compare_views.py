"""Two plans side by side: the final evaluation of the old plan (its end year) and the first
year of the next, for the indicators they share (``Indicator.same_as``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from halfsky.web.assessments.models import AssessmentResult
from halfsky.web.assessments.queries import combined_status
from halfsky.web.core.access import permission_required
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.plans.queries import get_plan, linked_pairs, target_views


@dataclass
class Side:
    indicator: Indicator
    targets: list[Any]
    status: str | None  # None: the year is not assessed
    value: float | None
    value_year: int | None


@dataclass
class Pair:
    old: Side
    new: Side

    @property
    def sides(self) -> tuple[Side, Side]:
        return (self.old, self.new)


def _sides(plan: Plan, year: int, indicators: list[Indicator]) -> list[Side]:
    results: dict[int, list[AssessmentResult]] = {}
    for result in AssessmentResult.objects.filter(
            plan=plan, year=year, area_id=plan.region_id, breakdown="",
            indicator__in=indicators).order_by("target_position"):
        results.setdefault(result.indicator_id, []).append(result)
    assessed = bool(results) or AssessmentResult.objects.filter(plan=plan, year=year).exists()
    sides = []
    for indicator in indicators:
        found = results.get(indicator.pk, [])
        latest = found[0] if found else None
        sides.append(Side(indicator, target_views(indicator),
                          combined_status([r.status for r in found]) if assessed else None,
                          latest.latest_value if latest else None,
                          latest.latest_year if latest else None))
    return sides


@login_required
@permission_required("orgs.use_site")
def compare_plans(request: HttpRequest, plan: str, other: str) -> HttpResponse:
    """``plan``'s final year beside ``other``'s first year, indicator by shared indicator."""
    old, new = get_plan(plan), get_plan(other)
    if new.start_year < old.start_year:
        old, new = new, old
    pairs = linked_pairs(old, new)
    if not pairs:
        raise Http404("no shared indicators")
    old_year, new_year = old.end_year, new.start_year
    olds = _sides(old, old_year, [a for a, _ in pairs])
    news = _sides(new, new_year, [b for _, b in pairs])
    return render(request, "assessments/compare.html", {
        "plan": old, "old": old, "new": new, "old_year": old_year, "new_year": new_year,
        "pairs": [Pair(a, b) for a, b in zip(olds, news, strict=True)],
    })
