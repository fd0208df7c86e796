"""Engine settings from the plan model: one ``Target`` and ``Polarity`` per series.

The web layer knows, for every series it assesses, the indicator's target
and polarity; ``settings_from_targets`` turns them into ``SeriesSettings``.
The direction is the indicator's polarity; a neutral polarity takes the
direction the target implies (≤ / < / decrease: lower is better, otherwise
higher). Gap and relative targets need the caller to say which series is the
other group / the indicator compared with (``partner``, an index into the same table).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from halfsky.domain.assessment.table import SeriesSettings, series_settings
from halfsky.domain.plan import Polarity
from halfsky.domain.targets import Comparator, Target, TargetKind

LOWER_COMPARATORS = (Comparator.LE, Comparator.LT)


def direction_of(target: Target | None, polarity: Polarity) -> str:
    if polarity is Polarity.HIGHER_IS_BETTER:
        return "higher"
    if polarity is Polarity.LOWER_IS_BETTER:
        return "lower"
    if target is not None and (target.kind is TargetKind.DECREASE
                               or target.comparator in LOWER_COMPARATORS):
        return "lower"
    return "higher"


def settings_from_targets(targets: Sequence[Target | None], polarities: Sequence[Polarity], *,
                          base_year: int | None = None, method: str | Sequence[str] = "china",
                          per: Sequence[float | None] | None = None,
                          partner: Sequence[int] | None = None,
                          rating: Sequence[str | None] | None = None,
                          limit: Sequence[float | None] | None = None) -> SeriesSettings:
    """Settings for one series per (target, polarity); ``None``: no target."""
    n = len(targets)

    def numbers(values: Sequence[float | None] | None) -> list[float]:
        return [math.nan if v is None else float(v) for v in (values or [None] * n)]

    def pick(target: Target | None, name: str) -> float:
        value = getattr(target, name, None) if target is not None else None
        return math.nan if value is None else float(value)

    return series_settings(
        n, method=method,
        direction=[direction_of(t, p) for t, p in zip(targets, polarities, strict=True)],
        kind=[t.kind.value if t is not None else "none" for t in targets],
        comparator=[t.comparator.value if t is not None and t.comparator is not None else None
                    for t in targets],
        target=np.array([pick(t, "value") for t in targets]),
        tolerance=np.array([pick(t, "tolerance") for t in targets]),
        target_year=np.array([pick(t, "year") for t in targets]),
        base_year=math.nan if base_year is None else float(base_year),
        limit=np.array(numbers(limit)), per=np.array(numbers(per)),
        partner=list(partner) if partner is not None else -1,
        rating=list(rating) if rating is not None else None,
    )
