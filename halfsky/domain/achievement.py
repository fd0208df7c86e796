"""实现程度 (achievement) per target kind: where it means something, and how it is shown.

The assessment computes A = (x_t − x_b) ÷ (x_T − x_b) for every level target
(x_b the baseline value, x_t the latest, x_T the target level). It is shown
only where it measures a distance travelled:

- threshold (≥ / ≤ a level), approximate (about a level), full_coverage (100%):
  the percentage while the target is not met, when the baseline had not met it
  (negative: moved away from it);
- a target met (any kind): 已达标, never a percentage (a capped rate that fell
  further below its cap would show a negative one, a level passed more than 100%);
- maintain (stay at or above a level), and a threshold the baseline already met
  (a cap such as "≤ 2.5%" at 0%): no percentage — there was no distance to travel;
- increase, decrease, gap_narrows, growth_slows, relative, qualitative and no
  target: no percentage (their progress is the yearly rate of change).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from halfsky.domain.target_checks import InvalidTarget, meets
from halfsky.domain.target_compare import LEVEL_KINDS
from halfsky.domain.targets import Target, TargetKind

DISTANCE_KINDS = frozenset({TargetKind.THRESHOLD, TargetKind.APPROXIMATE,
                            TargetKind.FULL_COVERAGE})


# The result warning of a status ``judgement`` made ``met`` (the engine said
# ``insufficient_evidence``): the value meets the target, the interval alone cannot confirm it.
MET_BY_VALUE = "met_by_value"


def judgement(status: str, target: Target | None, latest_value: float | None) -> str:
    """The status of one target's result as it is shown and counted — on the assessment and
    indicator pages, the dashboards, 达标率 and the reports alike (the one rule).

    The engine's status, except that a level target the latest value meets is ``met``
    (已达标) even when small numbers left the engine at ``insufficient_evidence`` (证据不足):
    0% against "≤ 2.5%" has met it, whatever the width of its interval (a stored result
    carries the warning ``MET_BY_VALUE``, and a report says the value met it with few cases).
    """
    if (status != "insufficient_evidence" or target is None or target.kind not in LEVEL_KINDS
            or latest_value is None or not math.isfinite(latest_value)):
        return status
    try:
        return "met" if meets(target, latest_value) else status
    except InvalidTarget:
        return status


@dataclass(frozen=True)
class AchievementShown:
    """``kind``: ``met`` (show 已达标), ``percent`` (show ``ratio`` as a percentage) or
    ``none`` (show "—")."""

    kind: str
    ratio: float | None = None


def achievement_shown(target: Target | None, status: str, baseline: float | None,
                      achievement: float | None) -> AchievementShown:
    """What the 实现程度 cell of one result shows (see the module docstring)."""
    if status == "met":
        return AchievementShown("met")
    if (target is None or target.kind not in DISTANCE_KINDS or achievement is None
            or baseline is None or meets(target, baseline)):
        return AchievementShown("none")
    return AchievementShown("percent", achievement)
