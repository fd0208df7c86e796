"""The dashboards' charts as JSON: the same dictionaries the pages draw."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from halfsky.web.core.api import ERROR_RESPONSES, caller
from halfsky.web.dashboards import queries, series
from halfsky.web.orgs.area_view import area_view
from halfsky.web.plans.queries import get_plan

router = Router(tags=["dashboards"])

# Every dashboard endpoint names its plan; an unknown code answers 404 (the error shape).
PLAN = Query(..., description="The plan's code (as in /api/plans), e.g. jixian-women-2021-2025")
AREA = Query("", description="An area code below the plan's region (default: the region)")


@router.get("/indicators/{code}/series", response={200: dict[str, Any], **ERROR_RESPONSES},
            summary="An indicator's chart data")
def indicator_series(request: HttpRequest, code: str, plan: str = PLAN,
                     area: str = AREA) -> dict[str, Any]:
    """Values by year and breakdown (``series``: total, sex, urban/rural, townships) of
    the plan's region, or of ``area`` below it, with its direct children's totals,
    ``targets`` (value and year), ``assessment`` (status, forecast to the target year with
    its range, the small-number interval, method — the stored assessment result), and the
    national ``reference`` series with its sources. ``series`` holds approved values only;
    ``unapproved`` lists the values not yet approved with their ``state`` (待审核, 已退回,
    草稿) for those who work on them (the department, the reviewers, the coordinator), and
    is empty for everyone else. A department user reads only the department's indicators
    (403 otherwise)."""
    user = caller(request)
    stored = get_plan(plan)
    return series.indicator_series(series.visible_indicator(user, stored, code),
                                    area_view(stored.region, area), user)


@router.get("/dashboard/overview", response={200: dict[str, Any], **ERROR_RESPONSES},
            summary="The overview dashboard")
def overview(request: HttpRequest, plan: str = PLAN) -> dict[str, Any]:
    """达标率 and status counts per domain, warnings by kind and department, the latest
    reporting round's progress, key indicators with their yearly values."""
    user = caller(request)
    return queries.overview(get_plan(plan), user)


@router.get("/dashboard/townships", response={200: dict[str, Any], **ERROR_RESPONSES},
            summary="Township comparison")
def townships(request: HttpRequest, plan: str = PLAN, area: str = AREA) -> dict[str, Any]:
    """The latest values of the region's direct children (a county's townships), or of
    ``area``'s children, of every indicator (visible to the caller) that has them."""
    user = caller(request)
    stored = get_plan(plan)
    return queries.townships(stored, user, area_view(stored.region, area))


@router.get("/dashboard/gender-gap", response={200: dict[str, Any], **ERROR_RESPONSES},
            summary="Gender gap")
def gender_gap(request: HttpRequest, plan: str = PLAN) -> dict[str, Any]:
    """Female and male values and their gap (female − male) by year, for every indicator
    (visible to the caller) with both."""
    user = caller(request)
    return queries.gender_gap(get_plan(plan), user)
