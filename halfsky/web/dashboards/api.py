"""The dashboards' charts as JSON: the same dictionaries the pages draw."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router

from halfsky.web.core.api import ERROR_RESPONSES, caller
from halfsky.web.dashboards import queries
from halfsky.web.plans.queries import current_plan

router = Router(tags=["dashboards"])


@router.get("/indicators/{code}/series", response={200: dict[str, Any], **ERROR_RESPONSES},
            summary="An indicator's chart data")
def indicator_series(request: HttpRequest, code: str, plan: str = "") -> dict[str, Any]:
    """Values by year and breakdown (``series``: total, sex, urban/rural, townships),
    ``targets`` (value and year), ``assessment`` (status, forecast to the target year with
    its range, the small-number interval, method — the stored assessment result), and the
    national ``reference`` series with its sources. A department user reads only the
    department's indicators (403 otherwise)."""
    user = caller(request)
    stored = current_plan(plan or None)
    return queries.indicator_series(queries.visible_indicator(user, stored, code))


@router.get("/dashboard/overview", response={200: dict[str, Any], **ERROR_RESPONSES},
            summary="The overview dashboard")
def overview(request: HttpRequest, plan: str = "") -> dict[str, Any]:
    """达标率 and status counts per domain, warnings by kind and department, the latest
    reporting round's progress, key indicators with their yearly values."""
    return queries.overview(current_plan(plan or None), caller(request))


@router.get("/dashboard/townships", response={200: dict[str, Any], **ERROR_RESPONSES},
            summary="Township comparison")
def townships(request: HttpRequest, plan: str = "") -> dict[str, Any]:
    """The latest township values of every indicator (visible to the caller) that has them."""
    return queries.townships(current_plan(plan or None), caller(request))


@router.get("/dashboard/gender-gap", response={200: dict[str, Any], **ERROR_RESPONSES},
            summary="Gender gap")
def gender_gap(request: HttpRequest, plan: str = "") -> dict[str, Any]:
    """Female and male values and their gap (female − male) by year, for every indicator
    (visible to the caller) with both."""
    return queries.gender_gap(current_plan(plan or None), caller(request))
