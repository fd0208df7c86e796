"""The inputs of a report, read from the database and kept as JSON with the report.

``collect(plan, year)`` reads what a report of ``year`` is built from —
approved values (county totals, their breakdowns, township totals),
the stored assessment results of the county totals (the caller reassesses a
stale year first: ``assessments.reassess.ensure_assessed``), the warnings
with the departments' answers and the national reference figures — as plain
JSON.
``from_json`` turns that JSON back into the domain's report inputs, so a
report regenerates from its stored inputs exactly. ``changes`` lists the
values that differ between two such JSON documents.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from typing import Any

from halfsky.domain import breakdowns
from halfsky.domain.reports import (
    GroupValues,
    IndicatorAssessment,
    IndicatorData,
    NationalFigure,
    WarningInput,
)
from halfsky.web.assessments.models import AssessmentResult, Warning
from halfsky.web.core.text.plans import breakdown_label
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import own_by_series
from halfsky.web.values.models import Observation, ReferenceValue, ValueStatus

INPUT_FIELDS = ("series", "assessments", "warnings", "national")


def collect(plan: Plan, year: int) -> dict[str, Any]:
    """Everything a report of ``year`` reads from the database, as JSON."""
    return {"year": year, "series": _series(plan, year), "assessments": stored_assessments(plan, year),
            "warnings": _warnings(plan, year), "national": _national(year)}


def _series(plan: Plan, year: int) -> list[dict[str, Any]]:
    totals: dict[str, dict[int, float]] = defaultdict(dict)
    groups: dict[str, dict[tuple[str, str], dict[int, float]]] = defaultdict(dict)
    sample: dict[str, bool] = defaultdict(bool)
    code_of = {series: i.code for series, i in own_by_series(plan).items()}
    rows = (Observation.objects.for_plan(plan)
            .filter(status=ValueStatus.APPROVED, year__lte=year, value__isnull=False)
            .values_list("indicator_id", "area_id", "area__code", "area__name",
                         "breakdown", "year", "value", "is_sample")
            .order_by("area__code", "breakdown", "year"))
    for series, area_id, area_code, area_name, breakdown, value_year, value, is_sample in rows:
        code = code_of[series]
        sample[code] |= is_sample
        if area_id == plan.region_id and not breakdown:
            totals[code][value_year] = value
        elif area_id == plan.region_id:
            label = (breakdown_label(breakdown, plan.is_children_plan)
                     if breakdowns.is_crossed(breakdown) else "")
            groups[code].setdefault((breakdown, label), {})[value_year] = value
        elif not breakdown:
            groups[code].setdefault((f"township={area_code}", area_name), {})[value_year] = value
    codes = plan.indicators.order_by("position").values_list("code", flat=True)
    return [{"code": code, "values": _years(totals.get(code, {})),
             "groups": [{"key": key, "label": label, "values": _years(values)}
                        for (key, label), values in groups.get(code, {}).items()],
             "sample": sample.get(code, False)} for code in codes]


def _years(values: dict[int, float]) -> dict[str, float]:
    return {str(year): value for year, value in sorted(values.items())}


def stored_assessments(plan: Plan, year: int) -> list[dict[str, Any]]:
    """The stored results of the county totals of ``year``, as JSON."""
    rows = AssessmentResult.objects.filter(
        plan=plan, year=year, area=plan.region, breakdown="",
    ).values_list("indicator__code", "status", "target_position", "achievement", "time_elapsed",
                  "progress", "forecast", "warnings").order_by("indicator__position",
                                                                 "target_position")
    return [{"indicator": code, "status": status, "target_position": position,
             "achievement": achievement, "time_elapsed": elapsed, "progress": progress,
             "forecast": forecast, "warnings": list(codes)}
            for code, status, position, achievement, elapsed, progress, forecast, codes in rows]


def _warnings(plan: Plan, year: int) -> list[dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    rows = (Warning.objects.filter(plan=plan, year=year, area=plan.region)
            .exclude(state="resolved").select_related("indicator", "department")
            .order_by("indicator__position", "kind"))
    for warning in rows:
        entry = found.setdefault(warning.indicator.code, {
            "indicator": warning.indicator.code, "codes": [],
            "department": warning.department.name if warning.department else "",
            "cause": "", "action": ""})
        entry["codes"].append(warning.kind)  # stored as the engine names it
        if warning.cause_analysis and not entry["cause"]:
            entry["cause"] = warning.cause_analysis
            entry["action"] = warning.corrective_actions
    return list(found.values())


def _national(year: int) -> list[dict[str, Any]]:
    rows = ReferenceValue.objects.filter(geography="全国", year__lte=year).order_by(
        "indicator_name", "year").values_list("indicator_name", "year", "value", "unit", "source",
                                              "source_en")
    return [{"indicator": name, "year": y, "value": value, "unit": unit, "source": source,
             "source_en": source_en}
            for name, y, value, unit, source, source_en in rows]


@dataclasses.dataclass(frozen=True)
class Inputs:
    series: list[IndicatorData]
    assessments: list[IndicatorAssessment]
    warnings: list[WarningInput]
    national: list[NationalFigure]


def from_json(data: dict[str, Any]) -> Inputs:
    """The domain's report inputs from stored JSON."""
    series = [IndicatorData(
        s["code"], {int(y): v for y, v in s["values"].items()},
        tuple(GroupValues(g["key"], {int(y): v for y, v in g["values"].items()}, g["label"])
              for g in s["groups"]), sample=s["sample"]) for s in data.get("series", [])]
    assessments = [IndicatorAssessment(
        a["indicator"], a["status"], a["target_position"], a["achievement"],
        a["time_elapsed"], a["progress"], a["forecast"], tuple(a["warnings"]))
        for a in data.get("assessments") or []]
    warnings = [WarningInput(w["indicator"], tuple(w["codes"]), w["department"], w["cause"],
                             w["action"]) for w in data.get("warnings", [])]
    national = [NationalFigure(n["indicator"], n["year"], n["value"], n["unit"], n["source"],
                               n.get("source_en", ""))
                for n in data.get("national", [])]
    return Inputs(series, assessments, warnings, national)


def changes(stored: dict[str, Any], now: dict[str, Any]) -> list[dict[str, Any]]:
    """Values (county totals and breakdowns) that differ between stored inputs and now."""
    def flat(data: dict[str, Any]) -> dict[tuple[str, str, str], float]:
        values = {}
        for s in data.get("series", []):
            for y, v in s["values"].items():
                values[(s["code"], "", y)] = v
            for g in s["groups"]:
                for y, v in g["values"].items():
                    values[(s["code"], g["label"] or g["key"], y)] = v
        return values

    before, after = flat(stored), flat(now)
    return [{"indicator": key[0], "group": key[1], "year": int(key[2]),
             "stored": before.get(key), "now": after.get(key)}
            for key in sorted(set(before) | set(after), key=lambda k: (k[0], k[1], int(k[2])))
            if before.get(key) != after.get(key)]
