"""Dashboard pages and the indicator chart's downloads (CSV, xlsx)."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from openpyxl import Workbook

from halfsky.web.core.access import permission_required
from halfsky.web.dashboards import queries, series
from halfsky.web.orgs.area_view import area_view
from halfsky.web.plans.queries import get_plan


@login_required
@permission_required("orgs.use_site")
def overview(request: HttpRequest, plan: str) -> HttpResponse:
    stored = get_plan(plan)
    return render(request, "dashboards/overview.html",
                  {"plan": stored, "data": queries.overview(stored, request.user)})


@login_required
@permission_required("orgs.use_site")
def townships(request: HttpRequest, plan: str) -> HttpResponse:
    stored = get_plan(plan)
    areas = area_view(stored.region, request.GET.get("area"), compared=True)
    return render(request, "dashboards/townships.html", {
        "plan": stored, "areas": areas, "words": areas.children_words,
        "data": queries.townships(stored, request.user, areas)})


@login_required
@permission_required("orgs.use_site")
def gender_gap(request: HttpRequest, plan: str) -> HttpResponse:
    stored = get_plan(plan)
    return render(request, "dashboards/gender_gap.html",
                  {"plan": stored, "data": queries.gender_gap(stored, request.user)})


def _download(request: HttpRequest, plan: str, code: str) -> tuple[dict[str, Any], str]:
    stored = get_plan(plan)
    data = series.indicator_series(series.visible_indicator(request.user, stored, code))
    return data, f"halfsky-{stored.code}-{code}"


def _header() -> list[str]:
    return [_("Indicator code"), _("Indicator"), _("Area code"), _("Area"), _("Breakdown code"),
            _("Series"), _("Year"), _("Value"), _("Unit"), _("Sample data")]


@login_required
@permission_required("orgs.use_site")
def download_csv(request: HttpRequest, plan: str, code: str) -> HttpResponse:
    data, name = _download(request, plan, code)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(series.TABLE_HEADER)
    writer.writerows(series.series_rows(data))
    response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


@login_required
@permission_required("orgs.use_site")
def download_xlsx(request: HttpRequest, plan: str, code: str) -> HttpResponse:
    data, name = _download(request, plan, code)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = data["indicator"]["code"]
    sheet.append(_header())
    for row in series.series_rows(data):
        sheet.append(list(row[:-1]) + [row[-1] == "1"])
    if data["is_sample"]:
        sheet.append([])
        sheet.append([_("Sample data (not official statistics)")])
    out = io.BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(), content_type=(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response
