"""SDMX files of the plan's approved values: the page and the three downloads.

Every logged-in user who is not bound to a department may read them; the
downloads change nothing. ``?year=2023&year=2024`` limits the years.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from halfsky.formats.sdmx import SdmxError
from halfsky.web.core.access import permission_required
from halfsky.web.core.inputs import parse_year
from halfsky.web.exchange import sdmx_export
from halfsky.web.exchange.sdmx_export import Export
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import get_plan
from halfsky.web.values.models import Observation, ValueStatus

FORMATS: dict[str, tuple[str, str, Callable[[Export], str | bytes]]] = {
    "csv": ("text/csv; charset=utf-8", "csv", sdmx_export.data_csv),
    "json": ("application/json; charset=utf-8", "json", sdmx_export.data_json),
    "structure": ("application/xml; charset=utf-8", "xml", sdmx_export.structure),
}


def _page(request: HttpRequest, plan: Plan, years: list[int], **extra: object) -> HttpResponse:
    query = "&".join(f"year={y}" for y in years)
    return render(request, "exchange/sdmx.html", {
        "plan": plan, "years": _years_with_values(plan), "chosen": years,
        "query": f"?{query}" if query else "",
        **extra,
    }, status=409 if "error" in extra else 200)


def _years(request: HttpRequest) -> list[int]:
    """The years asked for; a text that is not a year (``0``, 20 digits, ``abc``) is ignored."""
    return sorted({y for y in map(parse_year, request.GET.getlist("year")) if y is not None})


def _years_with_values(plan: Plan) -> list[int]:
    return list(Observation.objects.for_plan(plan).filter(status=ValueStatus.APPROVED)
                .values_list("year", flat=True).distinct().order_by("year"))


def _problem(error: SdmxError) -> str:
    return _("A value cannot be written in SDMX (%(problem)s); nothing was downloaded.") % {
        "problem": str(error)}


@require_GET
@login_required
@permission_required("exchange.view_exchange")
def sdmx_page(request: HttpRequest, plan: str) -> HttpResponse:
    stored = get_plan(plan)
    years = _years(request)
    approved = Observation.objects.for_plan(stored).filter(status=ValueStatus.APPROVED)
    return _page(request, stored, years,
                 count=(approved.filter(year__in=years) if years else approved).count())


@require_GET
@login_required
@permission_required("exchange.view_exchange")
def sdmx_download(request: HttpRequest, plan: str, kind: str) -> HttpResponse:
    return _download(request, get_plan(plan), kind)


def _download(request: HttpRequest, plan: Plan, kind: str) -> HttpResponse:
    years = _years(request)
    content_type, extension, write = FORMATS[kind]
    try:
        body = write(sdmx_export.collect(plan, years))
    except SdmxError as error:
        return _page(request, plan, years, error=_problem(error))
    span = f"-{years[0]}-{years[-1]}" if years else ""
    name = f"{plan.code}{span}-{'structure' if kind == 'structure' else 'data'}.{extension}"
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
