"""Validation rules for entered values: rules as data, findings as codes.

``validate`` checks the values a department enters (web form, Excel upload or
history import) against per-indicator ``Rules`` and returns ``Finding``\\ s:
a message code, a severity and the parameters a sentence needs. The web
layer turns codes into words; nothing here is a sentence.

Errors block a submission. A warning blocks it only until the reporter
explains the value (``Entry.explanation``); ``blocking`` returns what still
blocks.

Decisions:

- A value marked not applicable is not checked, but must not carry a value,
  numerator or denominator (``value.not_applicable_with_value``).
- When both numerator and denominator are given, the value is
  ``compute_rate``; a value entered as well must agree with it to the
  precision it was written in (12.5 agrees with 12.46, 12 with 12.4).
- Year-on-year change, for percentages: the change may not exceed
  ``yoy_change`` × the distance of last year's value from the nearer bound
  (0 or 100), but is always allowed ``yoy_points_near_bounds`` percentage
  points. Below 50 % this is the relative rule; near 0 and 100 the points
  rule; above 50 % it is the relative change of the complement (99 → 90 %
  coverage is a tenfold rise of the uncovered share). For other units the
  change may not exceed ``yoy_change`` × |last year's value|.
- Groups add up: a total ("" breakdown) and a complete set of parts of one
  dimension (sex: female + male; urban_rural: urban + rural) in the same
  ``Entry.group``. Count values add up; numerators and denominators always
  do. Whole numbers must add up exactly; numbers with decimals may differ
  by the rounding of each (half a unit in the last decimal per number).
- Warnings are not raised for a value that already has an error.
- Numbers in ``params`` are rounded to 4 decimals; whole numbers are ints.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from halfsky.domain import breakdowns
from halfsky.domain.plan import Indicator
from halfsky.domain.units import UnitKind, is_proportion, rate_scale, unit_kind

Param = float | int | str

# Finding codes, errors then warnings.
MISSING = "value.missing"
NOT_A_NUMBER = "value.not_a_number"
NOT_INTEGER = "value.not_integer"
BELOW_MINIMUM = "value.below_minimum"
ABOVE_MAXIMUM = "value.above_maximum"
NUMERATOR_ABOVE_DENOMINATOR = "value.numerator_above_denominator"
NEGATIVE_COUNT = "value.negative_count"
DENOMINATOR_ZERO = "value.denominator_zero"
RATE_INCOMPLETE = "value.rate_incomplete"
RATE_MISMATCH = "value.rate_mismatch"
NOT_APPLICABLE_WITH_VALUE = "value.not_applicable_with_value"
GROUPS_DO_NOT_ADD_UP = "value.groups_do_not_add_up"
YOY_CHANGE = "value.yoy_change"
IMPLAUSIBLE = "value.implausible"

ERROR_CODES = (MISSING, NOT_A_NUMBER, NOT_INTEGER, BELOW_MINIMUM, ABOVE_MAXIMUM,
               NUMERATOR_ABOVE_DENOMINATOR, NEGATIVE_COUNT, DENOMINATOR_ZERO, RATE_INCOMPLETE,
               RATE_MISMATCH, NOT_APPLICABLE_WITH_VALUE, GROUPS_DO_NOT_ADD_UP)  # fmt: skip
WARNING_CODES = (YOY_CHANGE, IMPLAUSIBLE)

_EPSILON = 1e-9


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem with one entered value, keyed by the entry's key."""

    key: str
    code: str
    severity: Severity
    params: Mapping[str, Param] = field(default_factory=dict)
    explained: bool = False  # a warning whose entry carries an explanation

    @property
    def is_blocking(self) -> bool:
        return self.severity is Severity.ERROR or not self.explained


@dataclass(frozen=True)
class Rules:
    """What a value of one indicator may be. Data: stored and edited per indicator."""

    minimum: float | None = None
    maximum: float | None = None
    plausible_low: float | None = None  # a warning below
    plausible_high: float | None = None  # a warning above
    yoy_change: float | None = 0.33  # relative change that warns; None: no check
    yoy_points_near_bounds: float = 5.0  # percentages: change in points always allowed
    integer: bool = False
    required: bool = True
    per: int | None = None  # rate multiplier (100, 1000, 100000); None: numerator / denominator
    percent: bool = False  # a percentage: 0–100 scale, points rule for year-on-year change
    count: bool = False  # a count: never negative, adds up across groups
    numerator_within_denominator: bool = False  # a proportion: numerator ≤ denominator
    groups_add_up: bool = True  # totals equal the sum of a complete set of parts


@dataclass(frozen=True)
class Entry:
    """One value being entered."""

    key: str
    indicator: str  # indicator code
    breakdown: str = ""  # "" total, "sex=female", "urban_rural=rural", …
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    per: int | None = None  # overrides Rules.per when given
    not_applicable: bool = False
    explanation: str = ""
    previous: float | None = None  # last year's value
    group: str = ""  # entries whose totals and parts add up share it (area × year)


def compute_rate(numerator: float, denominator: float, per: int | None) -> float:
    """The rate shown for a numerator and denominator: numerator × per / denominator.

    ``per`` None gives the plain ratio (a mean such as years of schooling).
    Raises ``ZeroDivisionError`` for a zero denominator.
    """
    return numerator * (per if per is not None else 1) / denominator


def default_rules(indicator: Indicator) -> Rules:
    """Rules derived from an indicator's unit and rate multiplier."""
    unit = indicator.unit.strip()
    per = indicator.per
    scale = rate_scale(unit)
    if is_proportion(unit) and scale is not None:  # the value never exceeds the scale
        gross = "毛入学率" in indicator.name  # gross enrolment ratios exceed 100 %
        return Rules(
            minimum=0.0,
            maximum=None if gross else float(scale),
            plausible_high=float(scale) if gross else None,
            per=per if per is not None else scale,
            percent=scale == 100,
            numerator_within_denominator=not gross,
        )
    if per is not None:  # other rates, e.g. 个/千人
        return Rules(minimum=0.0, per=per)
    kind = unit_kind(unit)
    if kind is UnitKind.COUNT:
        return Rules(minimum=0.0, integer=True, count=True)
    if kind is UnitKind.SCALED_COUNT:  # 万人: counts in ten thousands
        return Rules(minimum=0.0, count=True)
    if unit == "岁":
        return Rules(minimum=0.0, maximum=150.0, plausible_low=50.0, plausible_high=95.0)
    if unit == "分钟/日":
        return Rules(minimum=0.0, maximum=1440.0)
    if unit == "小时/日":
        return Rules(minimum=0.0, maximum=24.0)
    if unit == "年":
        return Rules(minimum=0.0)
    return Rules()


def validate(entries: Sequence[Entry], rules: Mapping[str, Rules]) -> list[Finding]:
    """Check entries against their indicators' rules (keyed by indicator code).

    Findings come in the order of the entries; group findings follow, on the
    total's key. Raises ``KeyError`` for an indicator without rules.
    """
    findings: list[Finding] = []
    groups: dict[tuple[str, str], dict[str, Entry]] = {}
    for entry in entries:
        try:
            entry_rules = rules[entry.indicator]
        except KeyError:
            raise KeyError(f"no validation rules for indicator {entry.indicator!r}") from None
        _check_entry(entry, entry_rules, findings)
        if not entry.not_applicable and entry_rules.groups_add_up:
            groups.setdefault((entry.indicator, entry.group), {})[entry.breakdown] = entry
    for (indicator, _), members in groups.items():
        if "" in members and len(members) > 1:
            _check_group(members, rules[indicator], findings)
    return findings


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """What stops a submission: errors, and warnings not yet explained."""
    return [finding for finding in findings if finding.is_blocking]


# --------------------------------------------------------------------------
# One entry


def _check_entry(entry: Entry, rules: Rules, out: list[Finding]) -> None:
    errors: list[tuple[str, dict[str, Param]]] = []
    numbers = {"value": entry.value, "numerator": entry.numerator,
               "denominator": entry.denominator}  # fmt: skip
    if entry.not_applicable:
        given = [name for name, number in numbers.items() if number is not None]
        if given:
            errors.append((NOT_APPLICABLE_WITH_VALUE, {"field": given[0]}))
        _emit(entry, errors, [], out)
        return
    for name, number in numbers.items():
        if number is not None and not math.isfinite(number):
            errors.append((NOT_A_NUMBER, {"field": name}))
    if errors:
        _emit(entry, errors, [], out)
        return
    value = entry.value
    computed = _check_rate(entry, rules, errors)
    if value is None:
        value = computed
    if value is None:
        if rules.required and not errors:
            errors.append((MISSING, {}))
        _emit(entry, errors, [], out)
        return
    _check_range(value, rules, errors)
    warnings: list[tuple[str, dict[str, Param]]] = []
    if not errors:
        _check_plausible(value, rules, warnings)
        _check_yoy(value, entry.previous, rules, warnings)
    _emit(entry, errors, warnings, out)


def _check_rate(entry: Entry, rules: Rules, errors: list[tuple[str, dict[str, Param]]]
                ) -> float | None:  # fmt: skip
    """Check a numerator and denominator; return the rate they give, if any."""
    numerator, denominator = entry.numerator, entry.denominator
    negative = False
    for name, count in (("numerator", numerator), ("denominator", denominator)):
        if count is not None and count < 0:
            errors.append((NEGATIVE_COUNT, {"field": name, "value": _round(count)}))
            negative = True
    if numerator is None and denominator is None:
        return None
    if numerator is None or denominator is None:
        missing = "numerator" if numerator is None else "denominator"
        errors.append((RATE_INCOMPLETE, {"missing": missing}))
        return None
    if negative:
        return None
    if denominator == 0:
        errors.append((DENOMINATOR_ZERO, {"numerator": _round(numerator)}))
        return None
    if rules.numerator_within_denominator and numerator > denominator + _EPSILON:
        errors.append((NUMERATOR_ABOVE_DENOMINATOR,
                       {"numerator": _round(numerator), "denominator": _round(denominator)}))
        return None
    per = entry.per if entry.per is not None else rules.per
    computed = compute_rate(numerator, denominator, per)
    if entry.value is not None and not _agrees(entry.value, computed):
        errors.append((RATE_MISMATCH, {
            "value": _round(entry.value), "expected": _round(computed),
            "numerator": _round(numerator), "denominator": _round(denominator),
            "per": per if per is not None else 1,
        }))  # fmt: skip
    return computed


def _check_range(value: float, rules: Rules, errors: list[tuple[str, dict[str, Param]]]) -> None:
    if rules.count and value < 0:
        errors.append((NEGATIVE_COUNT, {"field": "value", "value": _round(value)}))
    elif rules.minimum is not None and value < rules.minimum - _EPSILON:
        errors.append((BELOW_MINIMUM, {"value": _round(value), "minimum": _round(rules.minimum)}))
    if rules.maximum is not None and value > rules.maximum + _EPSILON:
        errors.append((ABOVE_MAXIMUM, {"value": _round(value), "maximum": _round(rules.maximum)}))
    if rules.integer and abs(value - round(value)) > _EPSILON:
        errors.append((NOT_INTEGER, {"value": _round(value)}))


def _check_plausible(value: float, rules: Rules, warnings: list[tuple[str, dict[str, Param]]]
                     ) -> None:  # fmt: skip
    low, high = rules.plausible_low, rules.plausible_high
    side = ("below" if low is not None and value < low - _EPSILON
            else "above" if high is not None and value > high + _EPSILON else "")  # fmt: skip
    if side:
        params: dict[str, Param] = {"value": _round(value), "side": side}
        if low is not None:
            params["low"] = _round(low)
        if high is not None:
            params["high"] = _round(high)
        warnings.append((IMPLAUSIBLE, params))


def _check_yoy(value: float, previous: float | None, rules: Rules,
               warnings: list[tuple[str, dict[str, Param]]]) -> None:  # fmt: skip
    if previous is None or rules.yoy_change is None or not math.isfinite(previous):
        return
    change = value - previous
    if rules.percent:
        distance = max(0.0, min(previous, 100.0 - previous))
        relative_limit = rules.yoy_change * distance
        limit = max(rules.yoy_points_near_bounds, relative_limit)
        mode = "points" if rules.yoy_points_near_bounds >= relative_limit else "relative"
    else:
        limit = rules.yoy_change * abs(previous)
        mode = "relative"
    if abs(change) <= limit + _EPSILON:
        return
    params: dict[str, Param] = {
        "previous": _round(previous), "value": _round(value), "change": _round(change),
        "limit": _round(limit), "mode": mode,
    }  # fmt: skip
    if previous != 0:
        params["relative"] = _round(change / abs(previous))
    warnings.append((YOY_CHANGE, params))


def _emit(entry: Entry, errors: list[tuple[str, dict[str, Param]]],
          warnings: list[tuple[str, dict[str, Param]]], out: list[Finding]) -> None:  # fmt: skip
    for code, params in errors:
        out.append(Finding(entry.key, code, Severity.ERROR, params))
    explained = bool(entry.explanation.strip())
    for code, params in warnings:
        out.append(Finding(entry.key, code, Severity.WARNING, params, explained))


# --------------------------------------------------------------------------
# Totals and parts


def _check_group(members: Mapping[str, Entry], rules: Rules, out: list[Finding]) -> None:
    total = members[""]
    fields = (("value",) if rules.count else ()) + ("numerator", "denominator")
    by_set: dict[tuple[str, ...], list[Entry]] = {}
    for breakdown, member in members.items():
        try:
            dimension_set = breakdowns.dimensions(breakdown)
        except breakdowns.BreakdownError:
            continue
        if dimension_set:
            by_set.setdefault(dimension_set, []).append(member)
    for dimension_set, present in by_set.items():
        cells = breakdowns.cells(dimension_set)  # complete sets only: every cell entered
        if not cells or {breakdowns.canonical(p.breakdown) for p in present} != set(cells):
            continue
        for name in fields:
            whole = getattr(total, name)
            numbers = [getattr(part, name) for part in present]
            if whole is None or any(number is None for number in numbers):
                continue
            if not all(math.isfinite(number) for number in (whole, *numbers)):
                continue
            summed = math.fsum(numbers)
            if abs(summed - whole) > _sum_tolerance([whole, *numbers]):
                out.append(Finding(total.key, GROUPS_DO_NOT_ADD_UP, Severity.ERROR, {
                    "dimension": breakdowns.SEPARATOR.join(dimension_set), "field": name,
                    "total": _round(whole), "sum": _round(summed),
                    "difference": _round(summed - whole),
                }))  # fmt: skip


def _sum_tolerance(numbers: Sequence[float]) -> float:
    places = max(_decimals(number) for number in numbers)
    scale = max(abs(number) for number in numbers)
    rounding = 0.0 if places == 0 else 0.5 * 10.0**-places * len(numbers)
    return rounding + _EPSILON * max(1.0, scale)


# --------------------------------------------------------------------------
# Numbers


def _decimals(number: float) -> int:
    """How many decimals a number was written with (at most 6): 12.0 → 0, 12.35 → 2."""
    if number == int(number):
        return 0
    text = repr(float(number))
    if "e" in text or "E" in text:
        return 6
    return min(6, len(text.partition(".")[2].rstrip("0")))


def _agrees(value: float, computed: float) -> bool:
    """Whether ``value`` is ``computed`` written to the precision of ``value``."""
    tolerance = 0.5 * 10.0 ** -_decimals(value)
    return abs(value - computed) <= tolerance + _EPSILON * max(1.0, abs(computed))


def _round(number: float) -> float | int:
    rounded = round(number, 4)
    return int(rounded) if rounded == int(rounded) and abs(rounded) < 2**53 else rounded
