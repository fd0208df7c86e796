"""A plain per-series implementation of the engine's rules — for tests only.

Readable rather than fast: one series at a time, dictionaries and loops, the
verdicts of ``target_checks.check_target`` for "met". The tests run it
beside the vectorized engine on random tables and demand the same answers;
the benchmark times it as "the straightforward loop". The application never
calls it.
"""

from __future__ import annotations

import dataclasses
import math
import statistics
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats

from halfsky.domain.assessment.codes import Rules
from halfsky.domain.assessment.table import Observations, SeriesSettings, series_settings
from halfsky.domain.target_checks import Evidence, check_target
from halfsky.domain.target_compare import EPSILON, compare, level
from halfsky.domain.targets import Comparator, Target, TargetKind

NAN = math.nan
LEVEL = {TargetKind.THRESHOLD, TargetKind.APPROXIMATE, TargetKind.MAINTAIN,
         TargetKind.FULL_COVERAGE}


@dataclass
class OneSeries:
    values: dict[int, float]  # year → value (counts already turned into values)
    counts: dict[int, tuple[float, float]] = field(default_factory=dict)  # year → (k, n)
    other: dict[int, float] = field(default_factory=dict)  # partner (gap / relative)
    partner: int = -1  # index of the partner series in the table (gap / relative)
    method: str = "china"
    direction: int = 1
    kind: str = "none"
    comparator: str | None = None
    goal: float = NAN
    tolerance: float = NAN
    target_year: float = NAN
    base_year: float = NAN
    limit: float = NAN
    per: float = NAN
    rating: str | None = None


def interval(k: float, n: float, per: float, confidence: float) -> tuple[float, float]:
    alpha = 1 - confidence
    if not (n > 0 and math.isfinite(per)):
        return NAN, NAN
    if per >= 10_000 or k > n:
        low = stats.chi2.ppf(alpha / 2, 2 * k) / 2 if k > 0 else 0.0
        return low / n * per, stats.chi2.ppf(1 - alpha / 2, 2 * k + 2) / 2 / n * per
    low = stats.beta.ppf(alpha / 2, k, n - k + 1) if k > 0 else 0.0
    high = stats.beta.ppf(1 - alpha / 2, k + 1, n - k) if k < n else 1.0
    return low * per, high * per


def _target(s: OneSeries) -> Target:
    kind = TargetKind(s.kind)
    comparator = Comparator(s.comparator) if s.comparator else None
    return Target(kind, comparator=comparator, value=s.goal if math.isfinite(s.goal) else None,
                  tolerance=s.tolerance if math.isfinite(s.tolerance) else None,
                  groups=("a", "b") if kind is TargetKind.GAP_NARROWS
                  else None, relative_to="r" if kind is TargetKind.RELATIVE else None)


def _meets(s: OneSeries, value: float) -> bool:
    comparator, goal, tolerance = level(_target(s))
    return math.isfinite(value) and compare(value, comparator, goal, tolerance)


def _undecided(s: OneSeries, low: float, high: float) -> bool:
    if not math.isfinite(low):
        return False
    comparator, goal, tol = level(_target(s))
    low_ok, high_ok = compare(low, comparator, goal, tol), compare(high, comparator, goal, tol)
    width = tol if comparator is Comparator.APPROX else 0.0
    band = comparator in (Comparator.APPROX, Comparator.EQ)
    return low_ok != high_ok or (band and low <= goal + width and high >= goal - width
                                 and not (low_ok and high_ok))


def assess_one(s: OneSeries, as_of: int, rules: Rules | None = None) -> dict[str, Any]:
    """Status, warnings and the numbers of one series, as the engine defines them."""
    rules = rules or Rules()
    values = {y: v for y, v in sorted(s.values.items()) if y <= as_of and math.isfinite(v)}
    other = {y: v for y, v in s.other.items() if y <= as_of and math.isfinite(v)}
    s = dataclasses.replace(s, other=other)
    if s.kind == "gap_narrows":
        values = {y: abs(v - other[y]) for y, v in values.items() if y in other}
    base_year = s.base_year if math.isfinite(s.base_year) else -math.inf
    later = [y for y in values if y >= base_year]
    base = later[0] if later else None
    if s.kind == "gap_narrows" and math.isfinite(s.base_year) and base != s.base_year:
        base = None
    latest = max(values) if values else None
    points = {y: v for y, v in values.items() if base is not None and base <= y}
    counts = {} if s.kind == "gap_narrows" else s.counts
    out: dict[str, Any] = {
        "baseline_year": base if base is not None else NAN,
        "baseline_value": values[base] if base is not None else NAN,
        "latest_year": latest if latest is not None else NAN,
        "latest_value": values[latest] if latest is not None else NAN,
        "interval": (NAN, NAN), "pooled": (NAN, NAN, NAN),
    }
    if latest is not None and latest in counts:
        out["interval"] = interval(*counts[latest], s.per, rules.confidence)
        window = [y for y in counts if latest - rules.pool_years < y <= latest]
        k = sum(counts[y][0] for y in window)
        n = sum(counts[y][1] for y in window)
        out["pooled"] = (k / n * s.per, *interval(k, n, s.per, rules.confidence))
    method = {"china": _china, "opensdg": _opensdg, "unsd": _unsd}[s.method]
    out.update(method(s, values, points, base, latest, out, rules))
    out["warnings"] = _warnings(s, values, points, counts, latest, as_of, out, rules)
    return out


def _forecast(s: OneSeries, points: dict[int, float], base: int | None, latest: int | None,
              rules: Rules) -> tuple[float, float, float]:
    """(primary, linear, slope) as the ``forecast`` module defines them."""
    if base is None or latest is None:
        return NAN, NAN, NAN
    xb, xt, span = points[base], points[latest], latest - base
    horizon = max(s.target_year - latest, 0.0)
    by_cagr = NAN
    if xb > 0 and xt >= 0 and span > 0 and math.isfinite(horizon):
        by_cagr = xt * (1 + ((xt / xb) ** (1 / span) - 1)) ** horizon
    line = slope = NAN
    if len(points) >= rules.linear_min_points:
        xs, ys = list(points), list(points.values())
        mx, my = statistics.fmean(xs), statistics.fmean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs)
        if math.isfinite(s.target_year):
            line = my + slope * (max(s.target_year, latest) - mx)
    two_point = xt + (xt - xb) / span * horizon if span > 0 else NAN
    primary = by_cagr if math.isfinite(by_cagr) else line if math.isfinite(line) else two_point
    return primary, line, slope


def _china(s: OneSeries, values: dict[int, float], points: dict[int, float], base: int | None,
           latest: int | None, out: dict[str, Any], rules: Rules) -> dict[str, Any]:
    primary, line, slope = _forecast(s, points, base, latest, rules)
    result: dict[str, Any] = {"status": "no_data", "progress": NAN, "forecast": primary}
    evidence = Evidence(series=values, baseline_year=int(s.base_year)
                        if math.isfinite(s.base_year) else None)
    kind = TargetKind(s.kind) if s.kind != "none" else None
    if kind in LEVEL and latest is not None and (kind is not TargetKind.MAINTAIN or points):
        low, high = out["interval"]
        pooled, pooled_low, pooled_high = out["pooled"]
        unclear = _undecided(s, low, high)
        if unclear and _undecided(s, pooled_low, pooled_high):
            result["status"] = "insufficient_evidence"
        value = pooled if unclear else values[latest]
        met = _meets(s, value)
        if kind is TargetKind.MAINTAIN:
            met = met and check_target(_target(s), evidence).met is True
        comparator, goal, _ = level(_target(s))
        if comparator in (Comparator.GE, Comparator.GT):
            need = 1.0
        elif comparator in (Comparator.LE, Comparator.LT):
            need = -1.0
        else:
            need = math.copysign(1.0, goal - value) if goal != value else 0.0
        change = values[latest] - out["baseline_value"]
        away = change * need < -EPSILON and not slope * need >= 0
        expected = (_meets(s, primary) and (math.isnan(line) or _meets(s, line))
                    and kind is not TargetKind.MAINTAIN)
        if result["status"] != "insufficient_evidence":
            result["status"] = ("met" if met else "moving_away" if away
                                else "expected_to_meet" if expected else "at_risk")
        xb = out["baseline_value"]
        if base is not None and goal != xb and math.isfinite(s.target_year):
            tau = (latest - base) / (s.target_year - base) if s.target_year != base else NAN
            result["progress"] = (change / (goal - xb)) / tau if tau else NAN
    elif kind in (None, TargetKind.INCREASE, TargetKind.DECREASE, TargetKind.GAP_NARROWS):
        if base is not None and latest is not None and base < latest:
            sign = (1 if kind is TargetKind.INCREASE else -1 if kind is not None
                    else s.direction)
            xb, xt = values[base], values[latest]
            change = (xt - xb) * sign
            status = "met" if change > EPSILON else "moving_away" if change < -EPSILON \
                else "at_risk"
            low, high = out["interval"]
            _, pooled_low, pooled_high = out["pooled"]
            goal_side = OneSeries({}, comparator="ge" if sign > 0 else "le", kind="threshold",
                                  goal=xb + sign * EPSILON * 2, tolerance=0.0)
            if _undecided(goal_side, low, high) and _undecided(goal_side, pooled_low,
                                                                pooled_high):
                status = "insufficient_evidence"
            result["status"] = status
            span = latest - base
            if kind is TargetKind.GAP_NARROWS:
                result["progress"] = (xb - xt) / xb if xb else NAN
            elif xb > 0 and xt >= 0:
                result["progress"] = sign * ((xt / xb) ** (1 / span) - 1)
            elif xb != 0:
                result["progress"] = change / abs(xb) / span
    elif kind in (TargetKind.GROWTH_SLOWS, TargetKind.RELATIVE, TargetKind.QUALITATIVE):
        result["status"] = _other_kinds(s, kind, values, evidence)
    return result


def _other_kinds(s: OneSeries, kind: TargetKind, values: dict[int, float],
                 evidence: Evidence) -> str:
    if kind is TargetKind.QUALITATIVE:
        rated = check_target(_target(s), Evidence(rating=s.rating))
        return "no_data" if rated.met is None else "met" if rated.met else "at_risk"
    if kind is TargetKind.RELATIVE:
        evidence = Evidence(series=values, relative=s.other)
    check = check_target(_target(s), evidence)
    if check.met is None:
        return "no_data"
    if check.met:
        return "met"
    p = check.params
    if kind is TargetKind.GROWTH_SLOWS:
        faster = float(p["later_rate"]) > float(p["earlier_rate"]) + EPSILON
        return "moving_away" if faster else "at_risk"
    base = s.base_year if math.isfinite(s.base_year) else -math.inf
    both = [y for y in sorted(values) if y in s.other and y >= base]
    last = int(p["year"])
    first = both[0] if both else last
    grew = first < last and (s.other[last] - values[last]) > (
        s.other[first] - values[first]) + EPSILON
    return "moving_away" if grew else "at_risk"


def _opensdg(s: OneSeries, values: dict[int, float], points: dict[int, float], base: int | None,
             latest: int | None, out: dict[str, Any], rules: Rules) -> dict[str, Any]:
    result: dict[str, Any] = {"status": "not_available", "progress": NAN, "score": NAN}
    numeric = s.kind in {k.value for k in LEVEL}
    if numeric and latest is not None and _meets(s, values[latest]):
        return {**result, "status": "target_achieved", "score": 5.0}
    if base is None or latest is None or latest - base < 1:
        return result
    y0 = values[base] or 0.001
    yt = values[latest]
    if y0 * yt < 0:
        return result
    sign = -1 if y0 < 0 else 1
    observed = sign * s.direction * ((yt / y0) ** (1 / (latest - base)) - 1)
    if numeric:
        goal = s.goal or 0.001
        if not s.target_year > base or goal / y0 < 0:
            return result
        required = (goal / y0) ** (1 / (s.target_year - base)) - 1
        r = observed / abs(required) if required else math.copysign(math.inf, observed)
        status = ("substantial_progress" if r >= 0.95 else "moderate_progress" if r >= 0.6
                  else "limited_progress" if r >= 0 else "deterioration")
        score = min(7.1429 * r - 4.2857, 5) if r >= 0.6 else max(4.1667 * r - 2.5, -5)
        return {"status": status, "progress": r, "score": score}
    if s.kind not in ("none", "increase", "decrease"):
        return result
    y, bound = abs(y0), abs(s.limit)
    c = 1.0
    if math.isfinite(s.limit) and bound > 0:
        if y <= bound:
            c = 1 - (y / bound) ** rules.limit_exponent
        elif y < 2 * bound:
            c = 1 - ((2 * bound - y) / bound) ** rules.limit_exponent
    pv = observed
    status = ("substantial_progress" if pv >= 0.015 * c else "moderate_progress"
              if pv >= 0.005 * c else "limited_progress" if pv >= 0 else "deterioration")
    if pv < 0:
        score = max(125 * pv - 2.5, -5)
    elif c == 0:
        score = 5.0
    elif pv < 0.005 * c:
        score = 500 * pv / c - 2.5
    elif pv < 0.015 * c:
        score = 250 * pv / c - 1.25
    else:
        score = min(500 * pv / c - 5, 5)
    return {"status": status, "progress": pv, "score": score}


def _unsd(s: OneSeries, values: dict[int, float], points: dict[int, float], base: int | None,
          latest: int | None, out: dict[str, Any], rules: Rules) -> dict[str, Any]:
    result: dict[str, Any] = {"status": "not_available", "progress": NAN}
    if s.kind not in {k.value for k in LEVEL} or latest is None:
        return result
    if _meets(s, values[latest]):
        return {**result, "status": "target_met"}
    primary, _, _ = _forecast(s, points, base, latest, rules)
    if base is None or base >= latest or not math.isfinite(s.target_year) \
            or s.goal == values[base] or not math.isfinite(primary):
        return result
    p = (primary - values[base]) / (s.goal - values[base])
    status = ("on_track" if p >= rules.unsd_on_track else "acceleration_needed"
              if p >= rules.unsd_limited else "stagnation" if p > -rules.unsd_limited
              else "regression")
    return {"status": status, "progress": p, "forecast": primary}


def _warnings(s: OneSeries, values: dict[int, float], points: dict[int, float],
              counts: dict[int, tuple[float, float]], latest: int | None, as_of: int,
              out: dict[str, Any], rules: Rules) -> tuple[str, ...]:
    status = out["status"]
    found: set[str] = set()
    numeric = s.kind in {k.value for k in LEVEL}
    if status in ("at_risk", "acceleration_needed", "stagnation") or (
            status in ("moderate_progress", "limited_progress") and numeric):
        found.add("forecast_miss")
    if status in ("moving_away", "deterioration", "regression"):
        found.add("moving_away")
    low, high = out["interval"]
    if status == "insufficient_evidence" or (numeric and _undecided(s, low, high)):
        found.add("small_numbers")
    years = list(points)

    def ci(year: int) -> tuple[float, float]:
        return interval(*counts[year], s.per, rules.confidence)

    def explained(a: tuple[float, float], b: tuple[float, float]) -> bool:
        return a[0] <= b[1] and b[0] <= a[1]

    for before, after in zip(years, years[1:], strict=False):
        x0, x1 = points[before], points[after]
        change = abs(x1 - x0)
        near = s.per == 100 and (min(x0, x1) < rules.pp_margin or max(x0, x1) > 100 - rules.pp_margin)
        if (change > rules.pp_change) if near else (change > rules.yoy_band * abs(x0) + 1e-12):
            small = before in counts and after in counts and explained(ci(before), ci(after))
            found.add("small_numbers" if small else "volatile")
    if len(points) >= rules.z_min_points:
        median = statistics.median(points.values())
        deviations = [abs(v - median) for v in points.values()]
        mad = statistics.median(deviations)
        scale = mad / 0.6745 if mad > 0 else 1.253314 * statistics.fmean(deviations)
        for year, v in points.items():
            if scale > 0 and abs(v - median) / scale >= rules.z_threshold:
                small = False
                if year in counts:
                    rest = [y for y in points if y != year and y in counts]
                    k = sum(counts[y][0] for y in rest)
                    n = sum(counts[y][1] for y in rest)
                    small = explained(ci(year), interval(k, n, s.per, rules.confidence))
                found.add("small_numbers" if small else "volatile")
    if (s.kind == "qualitative" and s.rating is None) or (
            s.kind != "qualitative" and (latest is None or latest < as_of)):
        found.add("missing")
    order = ("forecast_miss", "moving_away", "volatile", "small_numbers", "missing")
    return tuple(code for code in order if code in found)


def table_from_series(series: list[OneSeries]) -> tuple[Observations, SeriesSettings]:
    """The engine's columnar input for a list of ``OneSeries`` (values as given)."""
    ids, years, values, ks, ns = [], [], [], [], []
    for index, one in enumerate(series):
        for year in sorted(set(one.values) | set(one.counts)):
            k, n = one.counts.get(year, (NAN, NAN))
            ids.append(index)
            years.append(year)
            values.append(one.values.get(year, NAN))
            ks.append(k)
            ns.append(n)
    observations = Observations(
        series=np.array(ids, dtype=np.int64), year=np.array(years, dtype=np.int64),
        value=np.array(values, dtype=np.float64), numerator=np.array(ks, dtype=np.float64),
        denominator=np.array(ns, dtype=np.float64))
    settings = series_settings(
        len(series), method=[s.method for s in series], direction=[s.direction for s in series],
        kind=[s.kind for s in series], comparator=[s.comparator for s in series],
        target=[s.goal for s in series], tolerance=[s.tolerance for s in series],
        target_year=[s.target_year for s in series], base_year=[s.base_year for s in series],
        limit=[s.limit for s in series], per=[s.per for s in series],
        partner=[s.partner for s in series], rating=[s.rating for s in series])
    return observations, settings
