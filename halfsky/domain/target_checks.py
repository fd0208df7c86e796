"""Does a value or a series meet a target?

``check_target`` judges one target against the evidence for one indicator and
returns a ``TargetCheck``: ``met`` (``True``, ``False`` or ``None`` when it
cannot be judged), a message code and the parameters a sentence needs. The
web layer turns the code into words; nothing here is a sentence.

The year judged is the latest year with the data the kind needs, at or before
the ``year`` asked (every year when none is asked). Years with a missing or
non-finite value (NaN, inf) are treated as missing.

Rules, one per kind:

- threshold, full_coverage: the latest value compared with the comparator
  (full coverage: ≥ 100 unless the target gives its own comparator/value).
- approximate: ``|value - target| <= tolerance`` (``DEFAULT_TOLERANCE`` when
  the target has none).
- maintain: the comparator holds in every year with a value from the baseline
  year to the year judged; the first failing year is reported.
- increase / decrease: the latest value is above / below the value of the
  baseline year (or, if that is missing, of the first later year with a value).
- gap_narrows: ``|A - B|`` in the year judged is smaller than in the baseline
  year; both groups are needed in both years.
- growth_slows: see ``_check_growth_slows``.
- relative: the value is at least the value of the indicator compared with in the same
  year (the latest year at or before the year asked where both exist).
- qualitative: the evaluators' rating.

Comparisons allow a float tolerance of ``EPSILON``: values within 1e-9 of the
target count as equal (so ≥ holds and > fails at the boundary).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from halfsky.domain.target_compare import (
    CHECK_CODES,
    DEFAULT_TOLERANCE,
    EPSILON,
    FULL_COVERAGE_VALUE,
    INVALID_RATING,
    INVALID_TARGET_CODES,
    LEVEL_KINDS,
    MET,
    MISSING_BASELINE,
    MISSING_GROUPS,
    MISSING_POINTS,
    MISSING_RELATIVE,
    MISSING_SERIES,
    MISSING_VALUES,
    NEEDS_RATING,
    NO_DATA,
    NOT_MET,
    PARTLY_MET,
    RATINGS,
    Evidence,
    InvalidEvidence,
    InvalidTarget,
    Params,
    TargetCheck,
    compare,
    level,
    validate_target,
)
from halfsky.domain.targets import Comparator, Target, TargetKind

__all__ = [
    "CHECK_CODES",
    "DESCRIBE_CODES",
    "INVALID_RATING",
    "INVALID_TARGET_CODES",
    "MISSING_VALUES",
    "DEFAULT_TOLERANCE",
    "EPSILON",
    "FULL_COVERAGE_VALUE",
    "MET",
    "MISSING_BASELINE",
    "MISSING_GROUPS",
    "MISSING_POINTS",
    "MISSING_RELATIVE",
    "MISSING_SERIES",
    "NEEDS_RATING",
    "NOT_MET",
    "NO_DATA",
    "PARTLY_MET",
    "RATINGS",
    "Evidence",
    "InvalidEvidence",
    "InvalidTarget",
    "TargetCheck",
    "check_target",
    "describe_target",
    "meets",
    "validate_target",
]

_COMPARATORS = ("ge", "gt", "le", "lt", "eq")
_PLAIN = "approximate increase decrease gap_narrows growth_slows full_coverage relative qualitative"
# Every code describe_target returns.
DESCRIBE_CODES = frozenset(
    {f"target.threshold.{c}" for c in _COMPARATORS}
    | {f"target.maintain.{c}" for c in (*_COMPARATORS, "approx")}
    | {f"target.{kind}" for kind in _PLAIN.split()}
)


def meets(target: Target, value: float) -> bool:
    """Whether a single value meets a target of a level kind.

    Level kinds are threshold, approximate, maintain (one year of it) and
    full_coverage; any other kind raises ``InvalidTarget`` with code
    ``target.invalid.not_numeric``.
    """
    validate_target(target)
    if target.kind not in LEVEL_KINDS:
        raise InvalidTarget("target.invalid.not_numeric")
    comparator, goal, tolerance = level(target)
    return compare(value, comparator, goal, tolerance)


def check_target(target: Target, evidence: Evidence, year: int | None = None) -> TargetCheck:
    """Judge ``target`` on ``evidence`` as of ``year`` (default: the latest year)."""
    validate_target(target)
    return _CHECKS[target.kind](target, evidence, year)


def describe_target(target: Target) -> tuple[str, Params]:
    """A message code and parameters that put ``target`` into words.

    Codes: ``target.threshold.{ge,gt,le,lt,eq}``, ``target.approximate``
    (also a threshold with the ≈ comparator), ``target.maintain.{ge,gt,le,lt,
    eq,approx}``, ``target.increase``, ``target.decrease``,
    ``target.gap_narrows``, ``target.growth_slows``, ``target.full_coverage``,
    ``target.relative``, ``target.qualitative``. Parameters: ``unit`` always,
    ``year`` when the target has one, ``value`` and ``tolerance`` for the level
    kinds, ``group_a``/``group_b`` for gaps, ``relative_to`` for relative
    targets, ``source`` (the plan's words) for qualitative targets.
    """
    validate_target(target)
    kind = target.kind
    params: Params = {"unit": target.unit}
    if target.year is not None:
        params["year"] = target.year
    if kind in LEVEL_KINDS:
        comparator, goal, tolerance = level(target)
        params["value"] = goal
        if comparator is Comparator.APPROX:
            params["tolerance"] = tolerance
        if kind is TargetKind.FULL_COVERAGE:
            return "target.full_coverage", params
        if kind is TargetKind.APPROXIMATE or (
            kind is TargetKind.THRESHOLD and comparator is Comparator.APPROX
        ):
            return "target.approximate", params
        return f"target.{kind.value}.{comparator.value}", params
    if kind is TargetKind.GAP_NARROWS:
        assert target.groups is not None  # checked by validate_target
        params["group_a"], params["group_b"] = target.groups
    elif kind is TargetKind.RELATIVE:
        assert target.relative_to is not None
        params["relative_to"] = target.relative_to
    elif kind is TargetKind.QUALITATIVE and target.source:
        params["source"] = target.source
    return f"target.{kind.value}", params


# --- helpers ----------------------------------------------------------------


def _clean(series: Mapping[int, float], year: int | None) -> dict[int, float]:
    """The finite values at or before ``year``, sorted by year."""
    return {
        y: float(v)
        for y, v in sorted(series.items())
        if (year is None or y <= year) and math.isfinite(v)
    }


def _baseline_year(evidence: Evidence, series: Mapping[int, float]) -> int | None:
    if evidence.baseline_year is not None:
        return evidence.baseline_year
    return min(series) if series else None


def _round(number: float) -> float:
    """Drop float noise (0.30000000000000004) from computed parameters."""
    return round(number, 9)


def _base_params(target: Target) -> Params:
    params: Params = {"kind": target.kind.value, "unit": target.unit}
    if target.year is not None:
        params["target_year"] = target.year
    return params


def _verdict(target: Target, met: bool, params: Params) -> TargetCheck:
    return TargetCheck(met, MET if met else NOT_MET, {**_base_params(target), **params})


def _no_data(target: Target, missing: str, year: int | None) -> TargetCheck:
    params = _base_params(target)
    params["missing"] = missing
    if year is not None:
        params["year"] = year
    return TargetCheck(None, NO_DATA, params)


# --- one check per kind -----------------------------------------------------


def _check_level(target: Target, evidence: Evidence, year: int | None) -> TargetCheck:
    """threshold, approximate, full_coverage. Params: value, year, target[, tolerance]."""
    series = _clean(evidence.series, year)
    if not series:
        return _no_data(target, MISSING_SERIES, year)
    latest = max(series)
    comparator, goal, tolerance = level(target)
    params: Params = {"value": series[latest], "year": latest, "target": goal}
    if comparator is Comparator.APPROX:
        params["tolerance"] = tolerance
    return _verdict(target, compare(series[latest], comparator, goal, tolerance), params)


def _check_maintain(target: Target, evidence: Evidence, year: int | None) -> TargetCheck:
    """Params: value, year, target, baseline_year, years_checked; when not met,
    failed_year and failed_value (the first year the comparator fails)."""
    series = _clean(evidence.series, year)
    base = _baseline_year(evidence, series)
    held = {y: v for y, v in series.items() if base is not None and y >= base}
    if not held or base is None:
        return _no_data(target, MISSING_SERIES, year)
    comparator, goal, tolerance = level(target)
    latest = max(held)
    params: Params = {
        "value": held[latest],
        "year": latest,
        "target": goal,
        "baseline_year": base,
        "years_checked": len(held),
    }
    if comparator is Comparator.APPROX:
        params["tolerance"] = tolerance
    for y, value in held.items():
        if not compare(value, comparator, goal, tolerance):
            return _verdict(target, False, {**params, "failed_year": y, "failed_value": value})
    return _verdict(target, True, params)


def _check_direction(target: Target, evidence: Evidence, year: int | None) -> TargetCheck:
    """increase / decrease. Params: value, year, baseline_value, baseline_year
    (the year actually compared with), change."""
    series = _clean(evidence.series, year)
    if not series:
        return _no_data(target, MISSING_SERIES, year)
    latest = max(series)
    base = _baseline_year(evidence, series)
    earlier = [y for y in series if base is not None and base <= y < latest]
    if not earlier:
        return _no_data(target, MISSING_BASELINE, year)
    first = earlier[0]
    change = series[latest] - series[first]
    met = change > EPSILON if target.kind is TargetKind.INCREASE else change < -EPSILON
    params: Params = {
        "value": series[latest],
        "year": latest,
        "baseline_value": series[first],
        "baseline_year": first,
        "change": _round(change),
    }
    return _verdict(target, met, params)


def _check_gap(target: Target, evidence: Evidence, year: int | None) -> TargetCheck:
    """Params: year, baseline_year, group_a, group_b, value_a, value_b,
    gap_baseline, gap_latest."""
    assert target.groups is not None
    name_a, name_b = target.groups
    a = _clean(evidence.groups.get(name_a, {}), year)
    b = _clean(evidence.groups.get(name_b, {}), year)
    common = [y for y in a if y in b]
    base = evidence.baseline_year
    if base is None:
        base = common[0] if common else None
    if base is None or base not in common:
        return _no_data(target, MISSING_BASELINE if common else MISSING_GROUPS, year)
    later = [y for y in common if y > base]
    if not later:
        return _no_data(target, MISSING_GROUPS, year)
    latest = later[-1]
    gap_baseline = abs(a[base] - b[base])
    gap_latest = abs(a[latest] - b[latest])
    params: Params = {
        "year": latest,
        "baseline_year": base,
        "group_a": name_a,
        "group_b": name_b,
        "value_a": a[latest],
        "value_b": b[latest],
        "gap_baseline": _round(gap_baseline),
        "gap_latest": _round(gap_latest),
    }
    return _verdict(target, gap_latest < gap_baseline - EPSILON, params)


def _check_growth_slows(target: Target, evidence: Evidence, year: int | None) -> TargetCheck:
    """Growth slows ("上升趋势减缓"): the rise has slowed down or stopped.

    Take the values from the baseline year to the year judged (at least three
    are needed). Split the period at the observed year nearest its middle
    (an interior year; the earlier one on a tie). Met when the average annual
    change over the later part is smaller than over the earlier part, or when
    the series no longer rises over the later part (later change ≤ 0).

    Params: value, year, start_year, split_year, earlier_rate, later_rate
    (average change per year over each part).
    """
    series = _clean(evidence.series, year)
    base = _baseline_year(evidence, series)
    points = [(y, v) for y, v in series.items() if base is not None and y >= base]
    if len(points) < 3:
        return _no_data(target, MISSING_POINTS if points else MISSING_SERIES, year)
    (y0, v0), (y1, v1) = points[0], points[-1]
    middle = (y0 + y1) / 2
    ys, vs = min(points[1:-1], key=lambda p: (abs(p[0] - middle), p[0]))
    earlier_rate = (vs - v0) / (ys - y0)
    later_rate = (v1 - vs) / (y1 - ys)
    met = later_rate <= EPSILON or later_rate < earlier_rate - EPSILON
    params: Params = {
        "value": v1,
        "year": y1,
        "start_year": y0,
        "split_year": ys,
        "earlier_rate": _round(earlier_rate),
        "later_rate": _round(later_rate),
    }
    return _verdict(target, met, params)


def _check_relative(target: Target, evidence: Evidence, year: int | None) -> TargetCheck:
    """Params: value, year, relative_to (the indicator named), relative_value."""
    series = _clean(evidence.series, year)
    if not series:
        return _no_data(target, MISSING_SERIES, year)
    compared = _clean(evidence.relative, year)
    common = [y for y in series if y in compared]
    if not common:
        return _no_data(target, MISSING_RELATIVE, year)
    latest = common[-1]
    assert target.relative_to is not None
    params: Params = {
        "value": series[latest],
        "year": latest,
        "relative_to": target.relative_to,
        "relative_value": compared[latest],
    }
    return _verdict(target, series[latest] >= compared[latest] - EPSILON, params)


def _check_qualitative(target: Target, evidence: Evidence, year: int | None) -> TargetCheck:
    """Params: rating (when given), year (when asked)."""
    params = _base_params(target)
    if year is not None:
        params["year"] = year
    if evidence.rating is None:
        return TargetCheck(None, NEEDS_RATING, params)
    params["rating"] = evidence.rating
    if evidence.rating == "met":
        return TargetCheck(True, MET, params)
    if evidence.rating == "partly_met":
        return TargetCheck(False, PARTLY_MET, params)
    return TargetCheck(False, NOT_MET, params)


_CHECKS: dict[TargetKind, Callable[[Target, Evidence, int | None], TargetCheck]] = {
    TargetKind.THRESHOLD: _check_level,
    TargetKind.APPROXIMATE: _check_level,
    TargetKind.FULL_COVERAGE: _check_level,
    TargetKind.MAINTAIN: _check_maintain,
    TargetKind.INCREASE: _check_direction,
    TargetKind.DECREASE: _check_direction,
    TargetKind.GAP_NARROWS: _check_gap,
    TargetKind.GROWTH_SLOWS: _check_growth_slows,
    TargetKind.RELATIVE: _check_relative,
    TargetKind.QUALITATIVE: _check_qualitative,
}
