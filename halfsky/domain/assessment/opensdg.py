"""The ``opensdg`` method: Statistics Canada's progress measure as used by Open SDG.

Baseline y0 = the base year's value (or the next year's with a value),
latest y_t; a baseline or target of 0 becomes 0.001. ``not_available``
without data, with less than one year between baseline and latest, with a
baseline and latest value of opposite sign, for target kinds other than
level targets, increase, decrease and none, or when the required growth
cannot be computed (target year not after the baseline, target of the
other sign).

With a numeric target x* in year T: ``target_achieved`` when the latest
value meets it (checked first, before the rules of ``not_available``); otherwise
R = s·d·CAGR_obs / |CAGR_req| with CAGR_obs = (y_t/y0)^(1/(t−t0)) − 1,
CAGR_req = (x*/y0)^(1/(T−t0)) − 1, d = +1 (higher is better) or −1, s = −1
for a negative baseline; ``substantial_progress`` R ≥ 0.95,
``moderate_progress`` ≥ 0.60, ``limited_progress`` ≥ 0, else
``deterioration``. Score: 5 when achieved; min(7.1429·R − 4.2857, 5) for
R ≥ 0.6; else max(4.1667·R − 2.5, −5). ``progress`` is R.

Without a target: PV = s·d·CAGR_obs against 1.5%·C, 0.5%·C and 0, where
C = 1 − (|y0|/|L|)^4.44 when |y0| ≤ |L|, 1 − ((2|L| − |y0|)/|L|)^4.44 when
|L| < |y0| < 2|L|, else 1 (and 1 without a limit L). Score: max(125·PV − 2.5,
−5) for PV < 0; 5 when C = 0; 500·PV/C − 2.5 below 0.5%·C; 250·PV/C − 1.25
below 1.5%·C; min(500·PV/C − 5, 5) above. ``progress`` is PV.

"""

from __future__ import annotations

import numpy as np

from halfsky.domain.assessment.arrays import cagr, meets
from halfsky.domain.assessment.codes import KIND_INDEX, STATUS_INDEX, Rules
from halfsky.domain.assessment.context import Context
from halfsky.domain.assessment.table import NUMERIC_KINDS, FloatArray, SmallArray

S = STATUS_INDEX
K = KIND_INDEX
ZERO = 0.001


def no_zero(values: FloatArray) -> FloatArray:
    return np.where(values == 0, ZERO, values)


def limit_factor(baseline: FloatArray, limit: FloatArray, exponent: float = 4.44) -> FloatArray:
    """Open SDG's C: how much room the baseline leaves before the natural limit."""
    y, bound = np.abs(baseline), np.abs(limit)
    with np.errstate(divide="ignore", invalid="ignore"):
        below = 1 - np.power(y / bound, exponent)
        above = 1 - np.power((2 * bound - y) / bound, exponent)
    factor: FloatArray = np.where(
        np.isnan(limit) | (bound == 0), 1.0,
        np.where(y <= bound, below, np.where(y < 2 * bound, above, 1.0)))
    return factor


def target_score(ratio: FloatArray) -> FloatArray:
    score: FloatArray = np.where(ratio >= 0.6, np.minimum(7.1429 * ratio - 4.2857, 5.0),
                                 np.maximum(4.1667 * ratio - 2.5, -5.0))
    return score


def no_target_score(pv: FloatArray, factor: FloatArray) -> FloatArray:
    with np.errstate(divide="ignore", invalid="ignore"):
        relative = pv / factor
        score: FloatArray = np.select(
            [pv < 0, factor == 0, pv < 0.005 * factor, pv < 0.015 * factor],
            [np.maximum(125 * pv - 2.5, -5.0), np.full_like(pv, 5.0), 500 * relative - 2.5,
             250 * relative - 1.25],
            np.minimum(500 * relative - 5, 5.0))
    return score


def assess_opensdg(ctx: Context, rules: Rules) -> dict[str, FloatArray | SmallArray]:
    s = ctx.settings
    n = len(ctx)
    d = s.direction.astype(np.float64)
    base = no_zero(ctx.baseline_value)
    latest = ctx.latest_value
    span = ctx.latest_year - ctx.baseline_year
    sign = np.where(base < 0, -1.0, 1.0)
    with np.errstate(invalid="ignore"):
        available = ((ctx.latest_col >= 0) & np.isfinite(base) & (span >= 1)
                     & ~(base * latest < 0))
    numeric = np.isin(s.kind, NUMERIC_KINDS)
    no_target = np.isin(s.kind, (K["none"], K["increase"], K["decrease"]))
    observed = sign * d * cagr(base, latest, span)
    goal = no_zero(s.goal)
    required = cagr(base, goal, s.target_year - ctx.baseline_year)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = observed / np.abs(required)
    achieved = numeric & (ctx.latest_col >= 0) & meets(latest, s.comparator, s.goal, s.tolerance)
    with_target = numeric & available & ~achieved & ~np.isnan(ratio)
    factor = limit_factor(base, s.limit, rules.limit_exponent)
    without = no_target & available & np.isfinite(observed)

    status = np.full(n, S["not_available"], dtype=np.int8)
    status[with_target] = np.select(
        [ratio[with_target] >= 0.95, ratio[with_target] >= 0.6, ratio[with_target] >= 0],
        [S["substantial_progress"], S["moderate_progress"], S["limited_progress"]],
        S["deterioration"])
    pv, c = observed[without], factor[without]
    status[without] = np.select(
        [pv >= 0.015 * c, pv >= 0.005 * c, pv >= 0],
        [S["substantial_progress"], S["moderate_progress"], S["limited_progress"]],
        S["deterioration"])
    status[achieved] = S["target_achieved"]

    score = np.full(n, np.nan)
    score[with_target] = target_score(ratio[with_target])
    score[without] = no_target_score(pv, c)
    score[achieved] = 5.0
    progress = np.full(n, np.nan)
    progress[with_target] = ratio[with_target]
    progress[without] = pv
    return {"status": status, "score": score, "progress": progress}


def score_status(score: FloatArray) -> SmallArray:
    """Map a (mean) score back to a status at 2.5 / 0 / −2.5 (NaN: not_available)."""
    status: SmallArray = np.select(
        [np.isnan(score), score >= 2.5, score >= 0, score >= -2.5],
        [S["not_available"], S["substantial_progress"], S["moderate_progress"],
         S["limited_progress"]],
        S["deterioration"]).astype(np.int8)
    return status
