"""One indicator's chart data (the indicator page's chart, the series API, the CSV/xlsx
downloads): approved values by breakdown and area, targets, the assessment, the national
reference, the periods of the plans sharing the series — and the values not yet approved,
marked, for those who work on them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from halfsky.domain import breakdowns
from halfsky.web.assessments.models import AssessmentMethod, AssessmentResult
from halfsky.web.core.access import check, may
from halfsky.web.core.text import assessment as labels
from halfsky.web.core.text.plans import breakdown_label
from halfsky.web.core.text.targets import target_in_words
from halfsky.web.orgs.area_view import AreaView
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.plans.queries import linked_indicators, targets_of
from halfsky.web.values.models import (
    Observation,
    ReferenceValue,
    ValueStatus,
)


def visible_indicator(user: Any, plan: Plan, code: str) -> Indicator:
    check(user, "orgs.use_site")
    indicator = (Indicator.objects.select_related("plan__region", "lead", "goal__domain")
                 .defer("plan__document").prefetch_related("targets__relative_to").filter(plan=plan, code=code).first())
    if indicator is None:
        raise Http404(code)
    check(user, "plans.view_indicator", indicator)
    return indicator


def status_info(code: str) -> dict[str, str]:
    return {"code": code, "label": str(labels.STATUS.get(code, code)),
            "tone": labels.STATUS_TONE.get(code, "none"),
            "symbol": labels.STATUS_SYMBOL.get(code, "·")}


def _dimensions(breakdown: str) -> list[str]:
    """The dimensions of a stored breakdown (a chart toggle each); none for the total."""
    try:
        return list(breakdowns.dimensions(breakdown))
    except breakdowns.BreakdownError:
        return ["other"]


def _label(key: str, area_name: str, region: int, area_id: int, children: bool) -> str:
    if area_id != region:
        return area_name
    return breakdown_label(key, children) if key else _("Total")


def _assessment(indicator: Indicator, area: int) -> dict[str, Any] | None:
    """The area total's latest assessment against the first target (AssessmentResult)."""
    result = (AssessmentResult.objects.filter(indicator=indicator, area_id=area, breakdown="")
              .order_by("-year", "target_position").first())
    if result is None:
        return None
    targets = targets_of(indicator)
    position = result.target_position
    target = targets[position] if position is not None and position < len(targets) else None
    forecasts = [v for v in (result.forecast, result.forecast_linear) if v is not None]
    return {
        "year": result.year, "status": status_info(result.status),
        "method": result.method,
        "method_label": str(dict(AssessmentMethod.choices).get(result.method, result.method)),
        "target_year": target.year if target and target.year else indicator.plan.end_year,
        "target_value": target.value if target else None,
        "achievement": result.achievement, "time_elapsed": result.time_elapsed,
        "progress": result.progress,
        "forecast": result.forecast,
        "forecast_low": min(forecasts) if forecasts else None,
        "forecast_high": max(forecasts) if forecasts else None,
        "interval_low": result.interval_low, "interval_high": result.interval_high,
        "latest_year": result.latest_year, "latest_value": result.latest_value,
        "baseline_year": result.baseline_year, "baseline_value": result.baseline_value,
        "warnings": [{"code": c, "label": str(labels.ENGINE_WARNING.get(c, c))}
                     for c in result.warnings or []],
        "is_sample": result.is_sample,
    }


def _series_of(o: Observation, region: int, children: bool) -> dict[str, Any] | None:
    """The chart series a value belongs to (None: another area's breakdown, not drawn)."""
    township = o.area_id != region
    if township and o.breakdown:
        return None
    dimensions = ["township"] if township else _dimensions(o.breakdown)
    return {"key": f"area={o.area.code}" if township else o.breakdown,
            "kind": breakdowns.SEPARATOR.join(dimensions) or "total", "dimensions": dimensions,
            "label": _label(o.breakdown, o.area.name, region, o.area_id, children),
            "area": o.area.code, "breakdown": o.breakdown}


def _shown(observations: Any, region: int, areas: AreaView | None) -> Any:
    """Only the shown area's breakdowns and its children's totals (with ``areas``); else the
    region's breakdowns and every other area's totals (the downloads)."""
    if areas is not None:
        return observations.filter(Q(area_id=region) | Q(area_id__in=areas.ids[1:],
                                                          breakdown=""))
    return observations.filter(Q(area_id=region) | Q(breakdown=""))


def indicator_series(indicator: Indicator, areas: AreaView | None = None,
                     user: Any = None) -> dict[str, Any]:
    """The chart of one indicator: approved values by breakdown and township, targets,
    forecast and its range, the interval band, the national reference, the assessment.
    With ``areas``, only the shown area's breakdowns and its children's totals are read;
    without (the downloads), the region's breakdowns and every other area's totals.
    ``unapproved``: the values not yet approved with their state, only for a ``user`` who
    works on them (``data.view_unapproved_values``); never in ``series``."""
    region = indicator.plan.region_id if areas is None else areas.focus.pk
    children = indicator.plan.is_children_plan  # girls and boys, not women and men
    with_unapproved = user is not None and may(user, "data.view_unapproved_values", indicator)
    stored = Observation.objects.for_indicator(indicator).filter(value__isnull=False)
    if not with_unapproved:
        stored = stored.approved()
    series: dict[tuple[str, str], dict[str, Any]] = {}
    unapproved: list[dict[str, Any]] = []  # hollow points, never part of a series line
    for o in _shown(stored, region, areas).select_related("area").order_by(
            "area__code", "breakdown", "year"):
        found = _series_of(o, region, children)
        if found is None:
            continue
        if o.status != ValueStatus.APPROVED:
            unapproved.append({**found, "year": o.year, "value": o.value, "status": o.status,
                               "state": o.state_label, "is_sample": o.is_sample})
            continue
        entry = series.setdefault((found["kind"], found["key"]), {**found, "values": []})
        entry["values"].append({"year": o.year, "value": o.value, "status": o.status,
                                "is_sample": o.is_sample})
    order = {"total": 0, "sex": 1, "urban_rural": 2, "age_band": 3, "township": 9}
    ordered = sorted(series.values(), key=lambda s: (
        len(s["dimensions"]), [order.get(d, 5) for d in s["dimensions"]], s["key"]))
    years = sorted({v["year"] for s in ordered for v in s["values"]})
    targets = [{"position": t.position, "kind": t.kind, "comparator": t.comparator,
                "value": t.value, "year": t.year, "unit": t.unit,
                "words": target_in_words(t.to_domain(), t.relative_to, children)}
               for t in targets_of(indicator)]
    reference = None
    if indicator.national_reference:
        rows = list(ReferenceValue.objects.filter(indicator_name=indicator.national_reference)
                    .order_by("year", "id"))
        by_year: dict[int, ReferenceValue] = {}
        for row in rows:
            by_year.setdefault(row.year, row)  # sources that disagree: the first, all in the table
        reference = {"name": indicator.national_reference, "label": _("National (reference)"),
                     "values": [{"year": r.year, "value": r.value, "unit": r.unit,
                                 "source": r.citation}
                                for r in by_year.values()]}
    return {
        "periods": periods(indicator),
        "indicator": {"code": indicator.code, "name": indicator.name, "unit": indicator.unit,
                      "polarity": indicator.polarity},
        "plan": {"code": indicator.plan.code, "end_year": indicator.plan.end_year,
                 "baseline_year": indicator.plan.baseline_year},
        "area": ({"code": indicator.plan.region.code, "name": indicator.plan.region.name}
                 if areas is None else {"code": areas.focus.code, "name": areas.focus.name}),
        "years": years, "series": ordered, "targets": targets, "reference": reference,
        "assessment": _assessment(indicator, region),
        "is_sample": any(v["is_sample"] for s in ordered for v in s["values"]),
        "unapproved": unapproved,
    }


def periods(indicator: Indicator) -> list[dict[str, Any]]:
    """Every plan reading the indicator's series (``same_as``), oldest first, with its period
    and its targets — the chart shades each period and draws each plan's target line over it.
    Empty when no other plan shares the series."""
    linked = linked_indicators(indicator)
    if len(linked) < 2:
        return []
    return [{"plan": i.plan.code, "title": i.plan.title, "current": i.pk == indicator.pk,
             "start_year": i.plan.start_year, "end_year": i.plan.end_year,
             "baseline_year": i.plan.baseline_year, "indicator": i.code,
             "url": reverse("plans:indicator", args=[i.plan.code, i.code]),
             "targets": [{"value": t.value, "year": t.year or i.plan.end_year,
                          "words": target_in_words(t.to_domain(), t.relative_to,
                                                   i.plan.is_children_plan)}
                         for t in targets_of(i) if t.value is not None]}
            for i in linked]


TABLE_HEADER = ("indicator", "name", "area", "area_name", "breakdown", "series", "year", "value",
                "unit", "sample")


def series_rows(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The chart's values as rows (CSV, xlsx): exactly the stored values."""
    ind = data["indicator"]
    return [(ind["code"], ind["name"], s["area"],
             s["label"] if s["kind"] == "township" else data["area"]["name"], s["breakdown"],
             s["label"], v["year"], v["value"], ind["unit"], "1" if v["is_sample"] else "0")
            for s in data["series"] for v in s["values"]]
