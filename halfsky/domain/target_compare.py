"""The vocabulary of target checks: evidence, verdicts, codes, errors.

``target_checks`` holds the rules; this module holds what they share: the
``Evidence`` a target is judged on, the ``TargetCheck`` it returns, the
message codes, target validation and the comparison of one value with a
level target (with the float tolerance ``EPSILON``).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field

from halfsky.domain.errors import CodedError
from halfsky.domain.targets import Comparator, Target, TargetKind

EPSILON = 1e-9
DEFAULT_TOLERANCE = 1.0  # in the target's unit, for "左右" without an explicit tolerance
FULL_COVERAGE_VALUE = 100.0
RATINGS = ("met", "partly_met", "not_met")

# Outcome codes of a TargetCheck.
MET = "target_check.met"
NOT_MET = "target_check.not_met"
PARTLY_MET = "target_check.partly_met"
NO_DATA = "target_check.no_data"
NEEDS_RATING = "target_check.needs_rating"

CHECK_CODES = frozenset({MET, NOT_MET, PARTLY_MET, NO_DATA, NEEDS_RATING})

# Why a target is invalid (InvalidTarget.code).
INVALID_TARGET_CODES = frozenset(
    {
        "target.invalid.missing_value",
        "target.invalid.missing_comparator",
        "target.invalid.comparator",
        "target.invalid.tolerance",
        "target.invalid.missing_groups",
        "target.invalid.missing_relative_to",
        "target.invalid.not_numeric",
    }
)
INVALID_RATING = "evidence.invalid.rating"  # InvalidEvidence.code

# What is missing when the code is NO_DATA (the ``missing`` parameter).
MISSING_SERIES = "series"  # no value at or before the year asked
MISSING_BASELINE = "baseline"  # no value at (or, for increase/decrease, after) the baseline
MISSING_GROUPS = "groups"  # a group of a gap target has no value in a year needed
MISSING_RELATIVE = "relative_to"  # the indicator compared with has no value in a year with one
MISSING_POINTS = "points"  # fewer than three values for growth_slows
MISSING_VALUES = frozenset(
    {MISSING_SERIES, MISSING_BASELINE, MISSING_GROUPS, MISSING_RELATIVE, MISSING_POINTS}
)

Params = dict[str, float | int | str]

LEVEL_KINDS = frozenset(
    {TargetKind.THRESHOLD, TargetKind.APPROXIMATE, TargetKind.MAINTAIN, TargetKind.FULL_COVERAGE}
)


class InvalidTarget(CodedError, ValueError):
    """A target that cannot be judged; ``code`` says why (``target.invalid.*``)."""


class InvalidEvidence(CodedError, ValueError):
    """Evidence that makes no sense (``evidence.invalid.*``)."""


@dataclass(frozen=True)
class Evidence:
    """What a target is judged on.

    ``series`` maps year to the indicator's (total) value. ``baseline_year``
    is the plan's baseline (2020); by default the first year of the series
    (for gap targets, the first year both groups have a value). ``groups``
    holds disaggregated series for ``gap_narrows`` (``{"urban": {...},
    "rural": {...}}``), ``relative`` the series of the indicator compared with, for
    ``relative``, ``rating`` the evaluators' rating for ``qualitative``.
    """

    series: Mapping[int, float] = field(default_factory=dict)
    baseline_year: int | None = None
    groups: Mapping[str, Mapping[int, float]] = field(default_factory=dict)
    relative: Mapping[int, float] = field(default_factory=dict)
    rating: str | None = None

    def __post_init__(self) -> None:
        if self.rating is not None and self.rating not in RATINGS:
            raise InvalidEvidence(INVALID_RATING)


@dataclass(frozen=True)
class TargetCheck:
    """The verdict on one target.

    ``met`` is ``None`` when the target cannot be judged (``code`` is then
    ``target_check.no_data`` or ``target_check.needs_rating``). ``params``
    always holds ``kind``; see the kind's check for the others.
    """

    met: bool | None
    code: str
    params: Mapping[str, float | int | str]


def validate_target(target: Target) -> None:
    """Raise ``InvalidTarget`` when ``target`` lacks what its kind needs."""
    kind = target.kind
    if target.tolerance is not None and not target.tolerance >= 0:
        raise InvalidTarget("target.invalid.tolerance")
    if kind in (TargetKind.THRESHOLD, TargetKind.MAINTAIN, TargetKind.APPROXIMATE):
        if target.value is None or not math.isfinite(target.value):
            raise InvalidTarget("target.invalid.missing_value")
        if kind is TargetKind.APPROXIMATE:
            if target.comparator not in (None, Comparator.APPROX):
                raise InvalidTarget("target.invalid.comparator")
        elif target.comparator is None:
            raise InvalidTarget("target.invalid.missing_comparator")
    elif kind is TargetKind.GAP_NARROWS:
        groups = target.groups
        if groups is None or len(groups) != 2 or groups[0] == groups[1] or not all(groups):
            raise InvalidTarget("target.invalid.missing_groups")
    elif kind is TargetKind.RELATIVE and not target.relative_to:
        raise InvalidTarget("target.invalid.missing_relative_to")


def level(target: Target) -> tuple[Comparator, float, float]:
    """Comparator, value and tolerance of a (validated) level target."""
    tolerance = DEFAULT_TOLERANCE if target.tolerance is None else target.tolerance
    if target.kind is TargetKind.FULL_COVERAGE:
        goal = FULL_COVERAGE_VALUE if target.value is None else target.value
        return target.comparator or Comparator.GE, goal, tolerance
    assert target.value is not None
    if target.kind is TargetKind.APPROXIMATE:
        return Comparator.APPROX, target.value, tolerance
    assert target.comparator is not None
    return target.comparator, target.value, tolerance


def compare(value: float, comparator: Comparator, goal: float, tolerance: float) -> bool:
    """``value`` against ``goal``; values within ``EPSILON`` of the goal count as equal."""
    if comparator is Comparator.GE:
        return value >= goal - EPSILON
    if comparator is Comparator.GT:
        return value > goal + EPSILON
    if comparator is Comparator.LE:
        return value <= goal + EPSILON
    if comparator is Comparator.LT:
        return value < goal - EPSILON
    if comparator is Comparator.EQ:
        return abs(value - goal) <= EPSILON
    return abs(value - goal) <= tolerance + EPSILON
