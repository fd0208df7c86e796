"""The ``china`` method: 已达标, 预计可达标, 预计达标困难, 逆向变化, 证据不足, 无数据.

Level targets (threshold, approximate, full_coverage, maintain):

1. ``no_data`` without a value.
2. ``met`` when the latest value meets the target (approximate: within the
   tolerance; maintain: every point from the baseline meets it) — the same
   rule as ``target_checks.check_target``.
3. Small numbers: when the latest value has counts and its exact interval
   holds values that meet the target and values that miss it, the pooled
   rate of the last three years decides instead; when its interval cannot
   tell either, the status is ``insufficient_evidence``.
4. Otherwise ``moving_away`` when the change from the baseline goes against
   the direction the target needs (and, from four points, so does the linear
   trend); ``expected_to_meet`` when the forecasts (CAGR, and the linear
   trend from four points) all meet the target; else ``at_risk``. A broken
   maintain target is never ``expected_to_meet``. (Small numbers are weighed
   for the latest year only: an earlier year of a maintain target that
   failed counts as failed, whatever its interval.)

Progress: 实现程度 A = (x_t − x_b)/(x_T − x_b) (``achievement``), 时间进度
τ = (t − b)/(T − b) (``time_elapsed``) and ``progress`` = A/τ (1: on schedule).

Other kinds (the value is compared with the baseline, which must be earlier
than the latest value, else ``no_data``):

- increase / decrease / none (no target: the direction setting): ``met`` when
  the value improved on the baseline; ``moving_away`` when it got worse;
  ``at_risk`` when unchanged; ``insufficient_evidence`` when counts leave the
  baseline value inside the interval. ``progress`` is the yearly growth
  rate in the good direction (CAGR, else the yearly change / |baseline|).
- gap_narrows: the gap |A − B| judged like ``decrease``; ``progress`` is the
  share of the baseline gap closed.
- growth_slows: at least three points; ``met`` as in ``check_target``,
  ``moving_away`` when the rise accelerates, else ``at_risk``.
- relative: ``met`` when the value is at least the compared indicator's in the latest
  year both have; ``moving_away`` when the shortfall grew since the first such
  year, else ``at_risk``.
- qualitative: the rating: met → ``met``; partly_met / not_met → ``at_risk``;
  none → ``no_data``.
"""

from __future__ import annotations

import numpy as np

from halfsky.domain.assessment.arrays import (
    cagr,
    first_index,
    last_index,
    meets,
    needed_direction,
    take,
)
from halfsky.domain.assessment.codes import (
    COMPARATOR_INDEX,
    KIND_INDEX,
    RATING_INDEX,
    STATUS_INDEX,
    Rules,
)
from halfsky.domain.assessment.context import Context
from halfsky.domain.assessment.forecast import forecast
from halfsky.domain.assessment.intervals import undecided
from halfsky.domain.assessment.table import NUMERIC_KINDS, BoolArray, FloatArray, SmallArray
from halfsky.domain.target_compare import EPSILON

S = STATUS_INDEX
K = KIND_INDEX
C = COMPARATOR_INDEX


def assess_china(ctx: Context, rules: Rules) -> dict[str, FloatArray | SmallArray]:
    n = len(ctx)
    s = ctx.settings
    status = np.full(n, S["no_data"], dtype=np.int8)
    out: dict[str, FloatArray] = {name: np.full(n, np.nan)
                                  for name in ("progress", "achievement", "time_elapsed")}
    fc = forecast(ctx, rules)
    out["forecast"], out["forecast_linear"] = fc.primary, fc.linear
    has = ctx.latest_col >= 0
    kind = s.kind

    level = np.isin(kind, NUMERIC_KINDS) & has
    level &= (kind != K["maintain"]) | (ctx.base_col >= 0)  # maintain: a point from the base year
    _level(ctx, level, rules, status, out, fc.primary, fc.linear, fc.slope)

    directional = np.isin(kind, (K["none"], K["increase"], K["decrease"], K["gap_narrows"]))
    sign = np.where(kind == K["increase"], 1.0, np.where(
        np.isin(kind, (K["decrease"], K["gap_narrows"])), -1.0, s.direction.astype(np.float64)))
    _directional(ctx, directional & has & (ctx.base_col >= 0) & (ctx.base_col < ctx.latest_col),
                 sign, status, out)
    _growth_slows(ctx, (kind == K["growth_slows"]) & (ctx.points >= 3), status)
    _relative(ctx, kind == K["relative"], status)
    rated = (kind == K["qualitative"]) & (s.rating >= 0)
    status[rated] = np.where(s.rating[rated] == RATING_INDEX["met"], S["met"], S["at_risk"])
    return {"status": status, **out}


def _set(status: SmallArray, rows: BoolArray, code: str) -> None:
    status[rows] = S[code]


def _level(ctx: Context, rows: BoolArray, rules: Rules, status: SmallArray,
           out: dict[str, FloatArray], primary: FloatArray, linear: FloatArray,
           slope: FloatArray) -> None:
    s = ctx.settings
    comparator, goal, tolerance = s.comparator, s.goal, s.tolerance
    value = ctx.latest_value
    unclear = undecided(ctx.low, ctx.high, comparator, goal, tolerance)
    still_unclear = unclear & undecided(ctx.pooled_low, ctx.pooled_high, comparator, goal,
                                        tolerance)
    judged = np.where(unclear, ctx.pooled_value, value)
    met = meets(judged, comparator, goal, tolerance)
    maintain = s.kind == K["maintain"]
    if maintain.any():
        every_year = meets(ctx.value, comparator, goal, tolerance) | ~ctx.use
        held = every_year.all(axis=1) & (ctx.points > 0)
        met = np.where(maintain, met & held, met)
    need = needed_direction(judged, comparator, goal)
    change = value - ctx.baseline_value
    with np.errstate(invalid="ignore"):
        away = (change * need < -EPSILON) & ~(slope * need >= 0)
        expected = (meets(primary, comparator, goal, tolerance)
                    & (meets(linear, comparator, goal, tolerance) | np.isnan(linear))
                    & ~maintain)
    _set(status, rows & ~met & ~still_unclear, "at_risk")
    _set(status, rows & ~met & ~still_unclear & expected, "expected_to_meet")
    _set(status, rows & ~met & ~still_unclear & away, "moving_away")
    _set(status, rows & met & ~still_unclear, "met")
    _set(status, rows & still_unclear, "insufficient_evidence")
    with np.errstate(divide="ignore", invalid="ignore"):
        achievement = change / (goal - ctx.baseline_value)
        elapsed = (ctx.latest_year - ctx.baseline_year) / (s.target_year - ctx.baseline_year)
        ok_a = rows & np.isfinite(achievement)
        ok_t = rows & np.isfinite(elapsed)
        out["achievement"][ok_a] = achievement[ok_a]
        out["time_elapsed"][ok_t] = elapsed[ok_t]
        ratio = achievement / elapsed
        ok_r = rows & np.isfinite(ratio) & np.isfinite(elapsed) & (elapsed != 0)
        out["progress"][ok_r] = ratio[ok_r]


def _directional(ctx: Context, rows: BoolArray, sign: FloatArray, status: SmallArray,
                 out: dict[str, FloatArray]) -> None:
    base, value = ctx.baseline_value, ctx.latest_value
    change = (value - base) * sign
    towards = np.where(sign > 0, C["ge"], C["le"]).astype(np.int8)
    strictly = base + sign * EPSILON * 2  # "improved" means beyond the baseline
    no_tolerance = np.zeros(len(ctx))
    unclear = undecided(ctx.low, ctx.high, towards, strictly, no_tolerance)
    unclear &= undecided(ctx.pooled_low, ctx.pooled_high, towards, strictly, no_tolerance)
    _set(status, rows & (change > EPSILON), "met")
    _set(status, rows & (change < -EPSILON), "moving_away")
    _set(status, rows & (np.abs(change) <= EPSILON), "at_risk")
    _set(status, rows & unclear, "insufficient_evidence")
    span = ctx.latest_year - ctx.baseline_year
    gap = ctx.settings.kind == K["gap_narrows"]
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = cagr(base, value, span)
        growth = np.where(np.isfinite(rate) & (base > 0), sign * rate,
                          change / np.abs(base) / span)
        progress = np.where(gap, (base - value) / base, growth)
    ok = rows & np.isfinite(progress)
    out["progress"][ok] = progress[ok]


def _growth_slows(ctx: Context, rows: BoolArray, status: SmallArray) -> None:
    if not rows.any():
        return
    years = ctx.years.astype(np.float64)[None, :]
    y0, y1 = ctx.baseline_year[:, None], ctx.latest_year[:, None]
    columns = np.arange(len(ctx.years))[None, :]
    interior = (ctx.use & (columns > ctx.base_col[:, None])
                & (columns < ctx.latest_col[:, None]))
    distance = np.where(interior, np.abs(years - (y0 + y1) / 2), np.inf)
    split = np.where(interior.any(axis=1), np.argmin(distance, axis=1), -1).astype(np.int64)
    ys = np.where(split >= 0, ctx.years[np.maximum(split, 0)], np.nan)
    vs = take(ctx.value, split)
    with np.errstate(divide="ignore", invalid="ignore"):
        earlier = (vs - ctx.baseline_value) / (ys - ctx.baseline_year)
        later = (ctx.latest_value - vs) / (ctx.latest_year - ys)
    met = (later <= EPSILON) | (later < earlier - EPSILON)
    _set(status, rows & met, "met")
    _set(status, rows & ~met, "at_risk")
    _set(status, rows & ~met & (later > earlier + EPSILON), "moving_away")


def _relative(ctx: Context, rows: BoolArray, status: SmallArray) -> None:
    if not rows.any():
        return
    both = np.isfinite(ctx.value) & np.isfinite(ctx.other)
    last = last_index(both)
    with np.errstate(invalid="ignore"):
        after_base = (np.isnan(ctx.settings.base_year)[:, None]
                      | (ctx.years[None, :] >= ctx.settings.base_year[:, None]))
    first = first_index(both & after_base)
    shortfall_now = take(ctx.other, last) - take(ctx.value, last)
    shortfall_then = take(ctx.other, first) - take(ctx.value, first)
    judged = rows & (last >= 0)
    met = shortfall_now <= EPSILON
    grew = (first >= 0) & (first < last) & (shortfall_now > shortfall_then + EPSILON)
    _set(status, judged & met, "met")
    _set(status, judged & ~met, "at_risk")
    _set(status, judged & ~met & grew, "moving_away")
