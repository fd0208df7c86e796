"""The target grammar: what a plan promises for an indicator, as data.

A target says *what counts as met*: a comparator and a number ("≥95%"), an
approximate value ("45%左右"), or a kind of movement ("逐步提高",
"上升趋势减缓", "实现全覆盖"). Evaluation lives in ``target_checks``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class TargetKind(StrEnum):
    THRESHOLD = "threshold"  # ≥ > ≤ < = a value: "达到95%以上", "下降到12.5/10万以内"
    APPROXIMATE = "approximate"  # ≈ a value within a tolerance: "保持在45%左右"
    MAINTAIN = "maintain"  # at or beyond the value in every year: "稳定在95%以上"
    INCREASE = "increase"  # "逐步提高", "持续增加"
    DECREASE = "decrease"  # "逐步下降", "减少"
    GAP_NARROWS = "gap_narrows"  # gap between two groups narrows: "城乡差距缩小"
    GROWTH_SLOWS = "growth_slows"  # "上升趋势减缓"
    FULL_COVERAGE = "full_coverage"  # "实现全覆盖": every unit covered (100%)
    RELATIVE = "relative"  # not below another indicator: "不少于…党员总数中的女性比例"
    QUALITATIVE = "qualitative"  # judged by evaluators


class Comparator(StrEnum):
    GE = "ge"  # ≥  以上, 不低于
    GT = "gt"  # >  高于
    LE = "le"  # ≤  以内, 不高于
    LT = "lt"  # <  以下, 低于
    EQ = "eq"  # =
    APPROX = "approx"  # ≈ ± tolerance: 左右

    @property
    def symbol(self) -> str:
        return {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "eq": "=", "approx": "≈"}[self.value]


# Kinds that carry a number to compare against.
NUMERIC_KINDS = frozenset({TargetKind.THRESHOLD, TargetKind.APPROXIMATE, TargetKind.MAINTAIN})


@dataclass(frozen=True)
class Target:
    """One target of an indicator.

    ``value`` and ``comparator`` are set for the numeric kinds (threshold,
    approximate, maintain) and for ``full_coverage`` (≥ 100). ``groups``
    names the two disaggregation values a ``gap_narrows`` target compares,
    e.g. ``("urban", "rural")``; ``relative_to`` names the indicator a
    ``relative`` target must not fall below. ``year`` is the year by which
    the target is due (the plan's end year unless the text says otherwise).
    ``source`` keeps the words of the plan the target was read from.
    """

    kind: TargetKind
    unit: str = ""
    year: int | None = None
    comparator: Comparator | None = None
    value: float | None = None
    tolerance: float | None = None
    groups: tuple[str, str] | None = None
    relative_to: str | None = None
    source: str = ""
