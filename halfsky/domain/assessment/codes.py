"""The vocabulary of the assessment engine: methods, statuses, warnings, rules.

Everything here is a code, never a sentence: the web layer translates a
status ``met`` (e.g. as ``assessment.status.met``) into 已达标 / "met".
Statuses and warnings travel through the engine as small integers (indexes
into ``STATUSES`` and bits of ``WARNINGS``); ``status_code`` and
``warning_codes`` turn them back into codes.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from halfsky.domain.targets import Comparator, TargetKind


class Method(StrEnum):
    CHINA = "china"  # 已达标 / 预计可达标 / 预计达标困难 / 逆向变化 (the default)
    OPENSDG = "opensdg"  # Statistics Canada's method as used by Open SDG
    UNSD = "unsd"  # the UN Statistics Division's progress-chart style forecast


METHODS: tuple[Method, ...] = (Method.CHINA, Method.OPENSDG, Method.UNSD)

# Statuses of each method (the codes written to files and translated in the UI).
CHINA_STATUSES = (
    "met",  # 已达标
    "expected_to_meet",  # 预计可达标
    "at_risk",  # 预计达标困难
    "moving_away",  # 逆向变化
    "insufficient_evidence",  # 证据不足 (small numbers: the interval includes the target)
    "no_data",  # 无数据
)
OPENSDG_STATUSES = (
    "target_achieved",
    "substantial_progress",
    "moderate_progress",
    "limited_progress",
    "deterioration",
    "not_available",
)
UNSD_STATUSES = (
    "target_met",  # the latest value meets the target
    "on_track",  # the forecast covers ≥ 95% of the baseline-to-target distance
    "acceleration_needed",  # covers 10%–95%
    "stagnation",  # covers between −10% and 10%
    "regression",  # moves back by 10% of the distance or more
    "not_available",  # no data, no numeric target, or no forecast possible
)
STATUSES: tuple[str, ...] = tuple(dict.fromkeys(CHINA_STATUSES + OPENSDG_STATUSES + UNSD_STATUSES))
STATUS_INDEX = {code: index for index, code in enumerate(STATUSES)}
METHOD_STATUSES = {Method.CHINA: CHINA_STATUSES, Method.OPENSDG: OPENSDG_STATUSES,
                   Method.UNSD: UNSD_STATUSES}

# Status of a series / indicator that counts as 达标 (met) and as 无数据 (not monitored).
MET_STATUSES = frozenset({"met", "target_achieved", "target_met"})
NO_DATA_STATUSES = frozenset({"no_data", "not_available"})

# Warnings, in the order they are written; bit i of a warnings mask is WARNINGS[i].
WARNINGS = (
    "forecast_miss",  # 预计达标困难: not met and the forecast misses the target
    "moving_away",  # 逆向变化: moves away from the target
    "volatile",  # 波动较大: an unexplained year-on-year swing or outlier
    "small_numbers",  # a swing or verdict that the small-number interval cannot support
    "missing",  # no value for the year assessed (or no data at all)
)
WARNING_BIT = {code: 1 << index for index, code in enumerate(WARNINGS)}

# Integer codes of the per-series settings.
KINDS: tuple[str, ...] = ("none", *(kind.value for kind in TargetKind))
KIND_INDEX = {code: index for index, code in enumerate(KINDS)}
COMPARATORS: tuple[str, ...] = tuple(comparator.value for comparator in Comparator)
COMPARATOR_INDEX = {code: index for index, code in enumerate(COMPARATORS)}
RATINGS = ("met", "partly_met", "not_met")  # of qualitative targets; -1 is "not rated"
RATING_INDEX = {code: index for index, code in enumerate(RATINGS)}

HIGHER, LOWER = 1, -1  # the direction setting: which way is better


def status_code(index: int) -> str:
    return STATUSES[index]


def warning_codes(mask: int) -> tuple[str, ...]:
    return tuple(code for code in WARNINGS if mask & WARNING_BIT[code])


@dataclass(frozen=True)
class Rules:
    """The tunable numbers of the engine (defaults as issue 5 specifies)."""

    confidence: float = 0.95  # of the exact intervals
    pool_years: int = 3  # years pooled for small-number rates
    yoy_band: float = 0.33  # volatile when a year-on-year ratio leaves 1 ± band
    pp_margin: float = 10.0  # percentages within this many points of 0 or 100 …
    pp_change: float = 5.0  # … are volatile when they move by more than this many points
    z_threshold: float = 3.5  # modified z-score of an outlier …
    z_min_points: int = 5  # … once a series has this many points
    linear_min_points: int = 4  # linear-trend forecast from this many points
    unsd_on_track: float = 0.95  # share of the distance covered by the forecast
    unsd_limited: float = 0.10
    limit_exponent: float = 4.44  # Open SDG's C = 1 − (|y0|/|L|)^4.44
