"""County-sized numbers: exact intervals of rates and pooled rates.

With 700 births a year, one maternal death moves the rate by about 143/10万;
a rate computed from such counts says little on its own. For a value stored
with its numerator ``k`` and denominator ``n`` (value = k/n × per):

- Poisson (rates per 10 000 or more, e.g. maternal mortality per 10万, and
  any rate whose numerator exceeds its denominator): the exact interval
  ``[χ²(α/2; 2k)/2, χ²(1−α/2; 2k+2)/2] / n × per``;
- Clopper–Pearson (proportions: per ≤ 1000 with k ≤ n): the exact binomial
  interval ``[B(α/2; k, n−k+1), B(1−α/2; k+1, n−k)] × per``.

The pooled rate of the last ``pool_years`` years with counts is
``Σk / Σn × per`` with the same interval on the summed counts.
"""

from __future__ import annotations

import numpy as np
from scipy import special, stats

from halfsky.domain.assessment.arrays import meets
from halfsky.domain.assessment.codes import COMPARATOR_INDEX
from halfsky.domain.assessment.table import BoolArray, FloatArray, IntArray, SmallArray

POISSON_FROM_PER = 10_000.0  # rates per 10 000 and more are Poisson, smaller scales binomial


def exact_interval(numerator: FloatArray, denominator: FloatArray, per: FloatArray,
                   confidence: float = 0.95) -> tuple[FloatArray, FloatArray]:
    """Exact interval of ``numerator / denominator × per`` (NaN without counts)."""
    k, n = numerator, denominator
    alpha = 1.0 - confidence
    low = np.full(k.shape, np.nan)
    high = np.full(k.shape, np.nan)
    counted = np.isfinite(k) & np.isfinite(n) & np.isfinite(per) & (n > 0)
    poisson = counted & ((per >= POISSON_FROM_PER) | (k > n))
    binomial = counted & ~poisson
    if poisson.any():
        # χ²(q; 2k)/2 is the gamma quantile gammaincinv(k, q): the same number, twice as
        # fast, and it depends on k alone — computed once per distinct count
        counts, which = np.unique(k[poisson], return_inverse=True)
        scale = per[poisson] / n[poisson]
        lower = np.where(counts > 0, special.gammaincinv(np.maximum(counts, 1e-300), alpha / 2),
                         0.0)[which.reshape(-1)]
        upper = special.gammaincinv(counts + 1, 1 - alpha / 2)[which.reshape(-1)]
        low[poisson], high[poisson] = lower * scale, upper * scale
    if binomial.any():
        kb, nb, scale = k[binomial], n[binomial], per[binomial]
        # the quantile only where it is not 0 or 1 (the slow part of the engine)
        lower, upper = np.zeros(kb.shape), np.ones(kb.shape)
        some, short = kb > 0, kb < nb
        lower[some] = stats.beta.ppf(alpha / 2, kb[some], nb[some] - kb[some] + 1)
        upper[short] = stats.beta.ppf(1 - alpha / 2, kb[short] + 1, nb[short] - kb[short])
        low[binomial], high[binomial] = lower * scale, upper * scale
    return low, high


def pooled_counts(numerator: FloatArray, denominator: FloatArray, latest: IntArray,
                  pool_years: int) -> tuple[FloatArray, FloatArray, IntArray]:
    """Summed counts over the ``pool_years`` columns up to ``latest`` (per row).

    Returns the summed numerator, denominator (NaN when no year has counts)
    and the number of years pooled.
    """
    columns = np.arange(numerator.shape[1])[None, :]
    window = (columns <= latest[:, None]) & (columns > latest[:, None] - pool_years)
    window &= np.isfinite(numerator) & np.isfinite(denominator) & (latest[:, None] >= 0)
    years: IntArray = window.sum(axis=1).astype(np.int64)
    k = np.where(window, numerator, 0.0).sum(axis=1)
    n = np.where(window, denominator, 0.0).sum(axis=1)
    return np.where(years > 0, k, np.nan), np.where(years > 0, n, np.nan), years


def undecided(low: FloatArray, high: FloatArray, comparator: SmallArray, goal: FloatArray,
              tolerance: FloatArray) -> BoolArray:
    """Whether an interval holds values that meet the target and values that miss it."""
    lo_meets = meets(low, comparator, goal, tolerance)
    hi_meets = meets(high, comparator, goal, tolerance)
    band = (comparator == COMPARATOR_INDEX["approx"]) | (comparator == COMPARATOR_INDEX["eq"])
    width = np.where(comparator == COMPARATOR_INDEX["approx"], tolerance, 0.0)
    with np.errstate(invalid="ignore"):
        straddles = band & (low <= goal + width) & (high >= goal - width)
        result: BoolArray = np.isfinite(low) & ((lo_meets != hi_meets) | (straddles & ~(
            lo_meets & hi_meets)))
    return result


def overlap(low_a: FloatArray, high_a: FloatArray, low_b: FloatArray,
            high_b: FloatArray) -> BoolArray:
    """Whether two intervals overlap (False where either is missing)."""
    with np.errstate(invalid="ignore"):
        result: BoolArray = (low_a <= high_b) & (low_b <= high_a)
    return result
