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

from dataclasses import dataclass

from halfsky.domain.target_checks import meets
from halfsky.domain.targets import Target, TargetKind

DISTANCE_KINDS = frozenset({TargetKind.THRESHOLD, TargetKind.APPROXIMATE,
                            TargetKind.FULL_COVERAGE})


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
