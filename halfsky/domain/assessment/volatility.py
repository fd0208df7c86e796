"""波动较大: large year-on-year swings and outliers, unless small numbers explain them.

Two rules, either of which flags a series (over its points from the
baseline to the latest year):

1. Year-on-year: a value differs from the previous observed value by more
   than ``yoy_band`` (33%) of it, i.e. the ratio leaves 1 ± 33% (any change
   from 0 counts). Percentages (per = 100) within ``pp_margin`` points of 0 or
   100 use percentage points instead: a change of more than ``pp_change``.
2. Outlier: with at least ``z_min_points`` points, a value whose modified
   z-score 0.6745·(x − median)/MAD reaches ``z_threshold`` (3.5). When the
   MAD is 0, the mean absolute deviation is used (z = (x − median) /
   (1.253314·MeanAD), Iglewicz and Hoaglin); when both are 0 nothing is an
   outlier.

A swing is *explained by small numbers* when the values carry counts and the
exact intervals overlap: of the two years (rule 1), or of the year and the
pooled rate of the series' other years (rule 2). An explained swing gives the
warning ``small_numbers`` instead of ``volatile``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from halfsky.domain.assessment.arrays import take
from halfsky.domain.assessment.codes import Rules
from halfsky.domain.assessment.intervals import exact_interval, overlap
from halfsky.domain.assessment.table import BoolArray, FloatArray, IntArray

MAD_SCALE = 0.6745
MEAN_AD_SCALE = 1.253314


@dataclass(frozen=True)
class Volatility:
    volatile: BoolArray  # an unexplained swing or outlier
    explained: BoolArray  # a swing or outlier the small-number intervals explain
    year: FloatArray  # the latest year flagged volatile (NaN when none)


def swings(previous: FloatArray, current: FloatArray, per: FloatArray,
           rules: Rules) -> BoolArray:
    """Rule 1 for pairs of consecutive values."""
    change = np.abs(current - previous)
    with np.errstate(invalid="ignore"):
        relative = change > rules.yoy_band * np.abs(previous) + 1e-12
        near = (per == 100) & ((np.minimum(previous, current) < rules.pp_margin)
                               | (np.maximum(previous, current) > 100 - rules.pp_margin))
        result: BoolArray = np.where(near, change > rules.pp_change, relative)
    return result


NETWORK_WIDTH = 16  # rows this short are ordered by a sorting network, longer ones by np.sort


def _row_median(matrix: FloatArray, count: IntArray) -> FloatArray:
    """Median of the first ``count`` values of each row once ordered (NaN counts as largest).

    A plan's grid holds a handful of years, so the rows are ordered column against
    column (odd-even transposition: ``width`` rounds of element-wise min/max over
    whole columns) instead of sorting a million short rows one by one; only the
    two middle positions are read.
    """
    n, width = matrix.shape
    if width == 0:
        return np.full(n, np.nan)
    if width > NETWORK_WIDTH:
        ordered = np.sort(matrix, axis=1)  # NaN last
        return (take(ordered, (count - 1) // 2) + take(ordered, count // 2)) / 2
    columns = matrix.T.copy()  # (width, n): each column contiguous
    columns[np.isnan(columns)] = np.inf  # NaN last (the values are finite)
    low, high = np.empty(n), np.empty(n)
    for start in range(width):
        for i in range(start % 2, width - 1, 2):
            np.minimum(columns[i], columns[i + 1], out=low)
            np.maximum(columns[i], columns[i + 1], out=columns[i + 1])
            columns[i] = low
    rows = np.arange(n)
    low = columns[np.maximum((count - 1) // 2, 0), rows]
    high = columns[np.minimum(count // 2, width - 1), rows]
    median: FloatArray = np.where(count > 0, (low + high) / 2, np.nan)
    return median


def modified_z(values: FloatArray, use: BoolArray) -> FloatArray:
    """Modified z-scores of the ``use`` cells of each row (NaN elsewhere)."""
    x = np.where(use, values, np.nan)
    count = use.sum(axis=1).astype(np.int64)
    median = _row_median(x, count)
    x -= median[:, None]  # the signed deviations, worked on in place from here
    deviation = np.abs(x)
    mad = _row_median(deviation, count)
    np.copyto(deviation, 0.0, where=np.isnan(deviation))  # as np.nansum
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_ad = deviation.sum(axis=1) / count
        scale = np.where(mad > 0, mad / MAD_SCALE, MEAN_AD_SCALE * mean_ad)
        x /= scale[:, None]
    x[~(scale > 0)] = 0.0
    np.copyto(x, np.nan, where=~use)
    return x


def assess_volatility(values: FloatArray, numerator: FloatArray, denominator: FloatArray,
                      per: FloatArray, use: BoolArray, years: IntArray,
                      rules: Rules) -> Volatility:
    n, width = values.shape
    volatile = np.zeros(n, dtype=bool)
    explained = np.zeros(n, dtype=bool)
    flagged_year = np.full(n, np.nan)
    counted = use & np.isfinite(numerator)
    columns, used = values.T.copy(), use.T.copy()  # (year, series): each year contiguous
    prev_value = np.full(n, np.nan)
    prev_col = np.full(n, -1, dtype=np.int64)
    for col in range(width):
        here = used[col]
        # the rule over the whole column (NaN where no earlier point: no swing)
        rows = np.flatnonzero(here & (prev_col >= 0) & swings(prev_value, columns[col], per, rules))
        if len(rows):
            small = counted[rows, col] & counted[rows, prev_col[rows]]
            if small.any():
                r = rows[small]
                lo_a, hi_a = exact_interval(numerator[r, col], denominator[r, col], per[r],
                                            rules.confidence)
                lo_b, hi_b = exact_interval(numerator[r, prev_col[r]],
                                            denominator[r, prev_col[r]], per[r], rules.confidence)
                small[small] = overlap(lo_a, hi_a, lo_b, hi_b)
            explained[rows[small]] = True
            volatile[rows[~small]] = True
            flagged_year[rows[~small]] = years[col]
        np.copyto(prev_value, columns[col], where=here)
        np.copyto(prev_col, col, where=here)
    _outliers(values, numerator, denominator, per, use, counted, years, rules,
              volatile, explained, flagged_year)
    return Volatility(volatile=volatile, explained=explained, year=flagged_year)


def _outliers(values: FloatArray, numerator: FloatArray, denominator: FloatArray,
              per: FloatArray, use: BoolArray, counted: BoolArray, years: IntArray,
              rules: Rules, volatile: BoolArray, explained: BoolArray,
              flagged_year: FloatArray) -> None:
    """Rule 2, updating the flags in place."""
    rows = np.flatnonzero(use.sum(axis=1) >= rules.z_min_points)
    if not len(rows):
        return
    z = modified_z(values[rows], use[rows])
    with np.errstate(invalid="ignore"):
        outlier = np.abs(z) >= rules.z_threshold
    hit_row, hit_col = np.nonzero(outlier)
    if not len(hit_row):
        return
    series = rows[hit_row]
    small = counted[series, hit_col]
    if small.any():
        s, c = series[small], hit_col[small]
        k = np.where(counted[s], numerator[s], 0.0).sum(axis=1) - numerator[s, c]
        m = np.where(counted[s], denominator[s], 0.0).sum(axis=1) - denominator[s, c]
        lo_a, hi_a = exact_interval(numerator[s, c], denominator[s, c], per[s], rules.confidence)
        lo_b, hi_b = exact_interval(k, np.where(m > 0, m, np.nan), per[s], rules.confidence)
        small[small] = overlap(lo_a, hi_a, lo_b, hi_b)
    explained[series[small]] = True
    volatile[series[~small]] = True
    hits = series[~small]
    np.fmax.at(flagged_year, hits, years[hit_col[~small]].astype(np.float64))
