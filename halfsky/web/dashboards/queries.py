"""What the dashboards show, as plain dictionaries: one data shape, several renderers.
Every value drawn, counted or written is an approved one (the area's number).

``indicator_series`` is the one shape of an indicator's chart: the JSON API
returns it, the page's ECharts code draws it and the CSV/xlsx downloads
write its rows. Its assessment part is read from the stored
``AssessmentResult`` (the same rows as the assessment page). Labels are in
the request's language; codes stay beside them for programs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Max, Q
from django.urls import reverse

from halfsky.domain import breakdowns
from halfsky.domain.assessment import attainment_rates
from halfsky.web.assessments.models import AssessmentResult, Warning, WarningKind
from halfsky.web.assessments.queries import (
    AWAITING_DEPARTMENT,
    SEVERITY,
    assessed_years,
    combined_status,
    rates,
    status_counts,
)
from halfsky.web.core.access import check
from halfsky.web.dashboards.overview_cache import cached
from halfsky.web.dashboards.series import status_info
from halfsky.web.orgs.area_view import AreaView
from halfsky.web.orgs.permissions import department_of, is_department_bound, reads_everything
from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.values.models import (
    Observation,
    Round,
    Task,
    TaskState,
)
from halfsky.web.values.queries import board

SPARKLINES = 8




def _latest_round(plan: Plan) -> Round | None:
    """The latest round the plan takes part in (of a data year of its own)."""
    return Round.objects.filter(year__gte=plan.baseline_year, year__lte=plan.end_year
                                ).order_by("-year").first()


def overview(plan: Plan, user: Any) -> dict[str, Any]:
    """The home page: 达标率 and statuses per domain, warnings, the round, key indicators."""
    check(user, "orgs.use_site")
    years = assessed_years(plan)
    year = years[-1] if years else None
    data: dict[str, Any] = {"plan": {"code": plan.code, "title": plan.title}, "year": year,
                            "domains": [], "warnings": None, "round": None, "key_indicators": []}
    if year is not None:
        statuses, domains, domain_of = cached(plan, year, "statuses",
                                              lambda: _plan_statuses(plan, year))
        ids = list(statuses)  # the plan's indicators
        visible = set(ids) if reads_everything(user) else _visible_ids(plan, user)
        labels_ = {d.pk: (d.code, d.name) for d in domains}
        domain_rates = {r.key: r for r in rates([statuses[i] for i in ids],
                                                [domain_of[i] for i in ids], labels_)}
        plan_rate = rates([statuses[i] for i in ids], [None] * len(ids),
                          {None: ("plan", plan.title)})[0]
        for domain in domains:
            rate = domain_rates.get(domain.code)
            data["domains"].append({
                "code": domain.code, "name": domain.name, "number": domain.number,
                "url": reverse("plans:domain", args=[plan.code, domain.code]),
                "rate_all": rate.rate_all if rate else None,
                "rate_monitored": rate.rate_monitored if rate else None,
                "met": rate.met if rate else 0, "total": rate.total if rate else 0,
                "statuses": [{**status_info(s), "count": n} for s, n in status_counts(
                    statuses[i] for i in ids if domain_of[i] == domain.pk and i in visible)],
            })
        data["rate"] = {"rate_all": plan_rate.rate_all, "rate_monitored": plan_rate.rate_monitored,
                        "met": plan_rate.met, "total": plan_rate.total}
        data["assessment_url"] = reverse("assessments:plan", args=[plan.code, year])
        worst = sorted((i for i in ids if i in visible and statuses[i] in SEVERITY),
                       key=lambda i: (SEVERITY.index(statuses[i]), i))[:SPARKLINES]
        chosen = {i.pk: i for i in Indicator.objects.filter(pk__in=worst)}
        data["key_indicators"] = _sparklines(plan, [chosen[i] for i in worst], statuses)
    data["warnings"] = _warnings(plan, user, year)
    data["round"] = _round(plan, user)
    return data


def _plan_statuses(plan: Plan, year: int) -> tuple[dict[int, str], list[Any], dict[int, int]]:
    """Each indicator's status (its county total, targets combined) as the assessment page
    counts it, the plan's domains and each indicator's domain — in few queries."""
    found: dict[int, list[str]] = defaultdict(list)
    for ind, status in AssessmentResult.objects.filter(
            plan=plan, year=year, area_id=plan.region_id, breakdown="").order_by(
            "indicator_id", "target_position").values_list("indicator_id", "status"):
        found[ind].append(status)
    ids = list(Indicator.objects.filter(plan=plan).order_by("position").values_list(
        "pk", flat=True))
    statuses = {i: combined_status(found.get(i, [])) for i in ids}
    domain_of = dict(Indicator.objects.filter(plan=plan).values_list("pk", "goal__domain_id"))
    return statuses, list(plan.domains.order_by("number")), domain_of


def _warnings(plan: Plan, user: Any, year: int | None) -> dict[str, Any]:
    rows = Warning.objects.restrict(user).filter(plan=plan)
    if year is not None:
        rows = rows.filter(year=year)

    def counts() -> tuple[dict[str, int], list[dict[str, Any]]]:
        return (dict(rows.order_by().values("kind").annotate(n=Count("id"))
                     .values_list("kind", "n")),
                list(rows.values("department__code", "department__name")
                     .annotate(n=Count("id")).order_by("-n", "department__name")))

    own = department_of(user) if is_department_bound(user) else None
    by_kind, by_department = (cached(plan, year, f"warnings:{own.pk if own else 'all'}", counts)
                              if year is not None else counts())
    return {
        "year": year, "url": reverse("assessments:warnings", args=[plan.code]),
        "by_kind": [{"code": k.value, "label": str(k.label), "count": by_kind.get(k.value, 0)}
                    for k in WarningKind],
        "by_department": [{"code": r["department__code"], "name": r["department__name"] or "—",
                           "count": r["n"],
                           "url": reverse("departments:detail", args=[r["department__code"]])
                           if r["department__code"] else ""} for r in by_department],
    }


def _round(plan: Plan, user: Any) -> dict[str, Any] | None:
    round_ = _latest_round(plan)
    if round_ is None:
        return None
    rows = board(round_)
    if is_department_bound(user):
        own = set(Task.objects.restrict(user).filter(round=round_).values_list("pk", flat=True))
        rows = [r for r in rows if r.task.pk in own]
    counts = Counter(r.task.state for r in rows)
    return {
        "year": round_.year, "deadline": round_.deadline.isoformat() if round_.deadline else None,
        "url": reverse("data:board", args=[round_.year]),
        "filled": sum(r.filled for r in rows), "total": sum(r.total for r in rows),
        "overdue": sum(1 for r in rows if r.task.is_overdue),
        "states": [{"code": s.value, "label": str(s.label), "count": counts.get(s.value, 0)}
                   for s in TaskState],
    }


def _sparklines(plan: Plan, indicators: list[Indicator], statuses: dict[int, str]
                ) -> list[dict[str, Any]]:
    values: dict[int, list[dict[str, Any]]] = defaultdict(list)
    own = {i.series_id: i.pk for i in indicators}
    for series, year, value in (Observation.objects.for_indicators(indicators).approved().filter(
            area_id=plan.region_id, breakdown="", value__isnull=False)
            .order_by("year").values_list("indicator_id", "year", "value")):
        values[own[series]].append({"year": year, "value": value})
    return [{"code": i.code, "name": i.name, "unit": i.unit, "status": status_info(statuses[i.pk]),
             "url": reverse("plans:indicator", args=[plan.code, i.code]),
             "values": values[i.pk]} for i in indicators]


def _visible_ids(plan: Plan, user: Any) -> set[int]:
    """The ids of the plan's own indicators the user reads."""
    return set(Indicator.objects.restrict(user).filter(plan=plan).order_by()
               .values_list("pk", flat=True))


def _visible(plan: Plan, user: Any) -> dict[int, Indicator]:
    """The plan's indicators the user reads, by the id of the series they read."""
    return {i.series_id: i for i in Indicator.objects.restrict(user).filter(plan=plan)}


def townships(plan: Plan, user: Any, areas: AreaView) -> dict[str, Any]:
    """Latest values of the shown area's direct children (the region's townships, a
    province's cities) of every visible indicator that has them, beside the area's own.

    Reads only each indicator's latest year (found by the database, GROUP BY), as
    plain tuples: a few queries however many areas and years are stored."""
    check(user, "orgs.use_site")
    visible = _visible(plan, user)  # series id → the plan's own indicator
    focus = areas.focus
    below = (Observation.objects.approved().filter(
        indicator_id__in=list(visible), breakdown="", value__isnull=False,
        area_id__in=areas.ids[1:]).order_by())
    years = dict(below.values("indicator_id").annotate(latest=Max("year"))
                 .values_list("indicator_id", "latest"))
    if not years:
        return {"plan": {"code": plan.code}, "area": focus.name, "area_code": focus.code,
                "indicators": []}
    latest = Q()
    for series, year in years.items():
        latest |= Q(indicator_id=series, year=year)
    names = {area.pk: (area.code, area.name) for area in areas.children}
    bars: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for series, area, value, is_sample in below.filter(latest).values_list(
            "indicator_id", "area_id", "value", "is_sample"):
        code, name = names[area]
        bars[series].append({"area": code, "name": name, "value": value, "is_sample": is_sample})
    for found in bars.values():  # by area code (the query's order is the database's)
        found.sort(key=lambda bar: bar["area"])
    # the area's line in every chart: the same year's value, else its latest before
    county: dict[int, tuple[int, float]] = {}
    for series, year, value in Observation.objects.approved().filter(
            indicator_id__in=list(years), area_id=focus.pk, breakdown="",
            value__isnull=False).order_by("year").values_list("indicator_id", "year", "value"):
        if year <= years[series]:
            county[series] = (year, value)
    indicators = []
    for series in sorted(years, key=lambda s: visible[s].position):
        own = visible[series]
        county_year, county_value = county.get(series, (None, None))
        indicators.append({
            "code": own.code, "name": own.name, "unit": own.unit,
            "url": reverse("plans:indicator", args=[plan.code, own.code]),
            "year": years[series], "bars": bars[series],
            "county_year": county_year, "county": county_value})
    return {"plan": {"code": plan.code}, "area": focus.name, "area_code": focus.code,
            "indicators": indicators}


def gender_gap(plan: Plan, user: Any) -> dict[str, Any]:
    """Female and male values of every visible indicator that has both, with the gap."""
    check(user, "orgs.use_site")
    visible = _visible(plan, user)
    rows = (Observation.objects.approved().filter(indicator_id__in=visible,
                                       area_id=plan.region_id, value__isnull=False,
                                       breakdown__in=breakdowns.cells([breakdowns.SEX]))
            .order_by("year"))
    by_indicator: dict[int, dict[str, Any]] = {}
    for o in sorted(rows, key=lambda o: visible[o.indicator_id].position):
        own = visible[o.indicator_id]
        entry = by_indicator.setdefault(o.indicator_id, {
            "code": own.code, "name": own.name, "unit": own.unit,
            "url": reverse("plans:indicator", args=[plan.code, own.code]),
            "years": {}})
        entry["years"].setdefault(o.year, {})[breakdowns.value_of(o.breakdown, breakdowns.SEX)] = \
            o.value
    indicators = []
    for entry in by_indicator.values():
        points = [{"year": y, "female": v["female"], "male": v["male"],
                   "gap": round(v["female"] - v["male"], 6)}
                  for y, v in sorted(entry.pop("years").items())
                  if "female" in v and "male" in v]
        if points:
            entry["values"] = points
            indicators.append(entry)
    return {"plan": {"code": plan.code}, "area": plan.region.name, "indicators": indicators}


def state_of(plan: Plan | None, indicators: list[int], user: Any, department: Any = None
             ) -> dict[str, Any]:
    """The state of some indicators (ids: a domain's, a department's, those the user may
    open) in ``plan``: statuses of the plan's latest assessed year, 达标率, open warnings
    and, for a department, its task in the latest round. The page gives the ids and the
    plan it has read; a plan not assessed yet asks nothing more."""
    years = assessed_years(plan) if indicators and plan is not None else []
    if plan is None or not years:  # the panel says "not assessed yet" and nothing else
        return {"year": None, "statuses": [], "indicators": []}
    year = years[-1]
    found: dict[int, list[str]] = defaultdict(list)
    # By target: the default order for one year, area and breakdown (without its joins).
    results = AssessmentResult.objects.filter(
        plan=plan, year=year, area_id=plan.region_id, breakdown="",
        indicator__in=indicators).order_by("target_position")
    for ind, status in results.values_list("indicator_id", "status"):
        found[ind].append(status)
    statuses = {pk: combined_status(found.get(pk, [])) for pk in indicators}
    rate = attainment_rates(list(statuses.values()), [None] * len(statuses))[0]
    data: dict[str, Any] = {
        "year": year, "met": rate.met, "total": rate.total,
        "rate_all": None if rate.rate_all != rate.rate_all else round(rate.rate_all * 100, 1),
        "statuses": [{**status_info(s), "count": n} for s, n in status_counts(statuses.values())],
        "open_warnings": Warning.objects.restrict(user).filter(
            indicator__in=indicators, state__in=AWAITING_DEPARTMENT).count(),
        "task": None,
    }
    round_ = _latest_round(plan) if department is not None else None
    if round_ is not None:
        task = Task.objects.filter(round=round_, department=department).first()
        if task is not None:
            task.round = round_  # is_overdue reads it: not asked again
            data["task"] = {"year": round_.year, "state": task.state,
                            "label": str(TaskState(task.state).label),
                            "overdue": task.is_overdue,
                            "url": reverse("data:task", args=[round_.year, department.code])}
    return data
