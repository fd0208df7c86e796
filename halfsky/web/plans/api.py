"""The stored plans as JSON: every role reads the plan's text, targets and indicators."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema

from halfsky.web.core.api import ERROR_RESPONSES, caller
from halfsky.web.plans import queries
from halfsky.web.plans.models import Plan

router = Router(tags=["plans"])


class PlanSummary(Schema):
    code: str
    title: str
    region: str = Field(description="GB/T 2260 code of the plan's region")
    region_name: str
    start_year: int
    end_year: int
    baseline_year: int


@router.get("", response={200: list[PlanSummary], **ERROR_RESPONSES}, summary="List the plans")
def list_plans(request: HttpRequest) -> list[dict[str, Any]]:
    caller(request)
    return [{"code": p.code, "title": p.title, "region": p.region.code,
             "region_name": p.region.name, "start_year": p.start_year, "end_year": p.end_year,
             "baseline_year": p.baseline_year}
            for p in Plan.objects.select_related("region")]


@router.get("/{code}", response={200: dict[str, Any], **ERROR_RESPONSES},
            summary="Read a plan")
def read_plan(request: HttpRequest, code: str) -> dict[str, Any]:
    """The plan file's JSON form (``format_version: 1``), as ``halfsky plan show --json`` prints it.

    ``plan``, ``departments``, ``areas``, ``domains`` (with goals and measures),
    ``indicators`` (with their targets: kind, comparator, value, tolerance, unit,
    year, source); the README's section "The plan file and its JSON form" says
    what each field means.
    """
    caller(request)
    document: dict[str, Any] = queries.get_plan(code).document
    return document
