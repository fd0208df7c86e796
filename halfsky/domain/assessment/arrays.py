"""Array helpers shared by the methods: comparisons, positions, growth, trends.

Every function works on whole columns (one entry per series) or on
``(series, year)`` matrices; none loops over series.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from halfsky.domain.assessment.codes import COMPARATOR_INDEX
from halfsky.domain.assessment.table import BoolArray, FloatArray, IntArray, SmallArray
from halfsky.domain.target_compare import EPSILON

C = COMPARATOR_INDEX
ROW_GROUP = 8  # see linear_trend


_Test = Callable[[FloatArray, FloatArray, FloatArray], BoolArray]
_TESTS: tuple[tuple[int, _Test], ...] = (
    (C["ge"], lambda v, g, t: v >= g - EPSILON),
    (C["gt"], lambda v, g, t: v > g + EPSILON),
    (C["le"], lambda v, g, t: v <= g + EPSILON),
    (C["lt"], lambda v, g, t: v < g - EPSILON),
    (C["eq"], lambda v, g, t: np.abs(v - g) <= EPSILON),
    (C["approx"], lambda v, g, t: np.abs(v - g) <= t + EPSILON),
)


def meets(value: FloatArray, comparator: SmallArray, goal: FloatArray,
          tolerance: FloatArray) -> BoolArray:
    """``target_compare.compare`` for columns (NaN never meets).

    ``value`` may be a matrix; the settings are then broadcast over its years.
    Each comparator's test runs only on the rows that have it.
    """
    result: BoolArray = np.zeros(value.shape, dtype=bool)
    matrix = value.ndim == 2
    with np.errstate(invalid="ignore"):
        for code, test in _TESTS:
            rows = comparator == code
            if not rows.any():
                continue
            every = bool(rows.all())
            v = value if every else value[rows]
            g = goal if every else goal[rows]
            t = tolerance if every else tolerance[rows]
            if matrix:
                g, t = g[:, None], t[:, None]
            if every:
                result = test(v, g, t)
            else:
                result[rows] = test(v, g, t)
    return result


def needed_direction(value: FloatArray, comparator: SmallArray, goal: FloatArray) -> FloatArray:
    """+1 when ``value`` must rise to meet a level target, −1 when it must fall, 0 when met."""
    up = (comparator == C["ge"]) | (comparator == C["gt"])
    down = (comparator == C["le"]) | (comparator == C["lt"])
    either = ~up & ~down
    with np.errstate(invalid="ignore"):
        sign: FloatArray = np.where(up, 1.0, np.where(down, -1.0, 0.0))
        sign = np.where(either, np.sign(goal - value), sign)
    return sign


def take(matrix: FloatArray, index: IntArray) -> FloatArray:
    """``matrix[i, index[i]]`` for every row; NaN where ``index`` is −1."""
    rows = np.arange(matrix.shape[0])
    picked: FloatArray = matrix[rows, np.maximum(index, 0)]
    return np.where(index >= 0, picked, np.nan)


def first_index(mask: BoolArray) -> IntArray:
    """Column of the first True in each row, −1 when none."""
    index: IntArray = np.argmax(mask, axis=1).astype(np.int64)
    return np.where(mask.any(axis=1), index, -1)


def last_index(mask: BoolArray) -> IntArray:
    """Column of the last True in each row, −1 when none."""
    width = mask.shape[1]
    index: IntArray = (width - 1 - np.argmax(mask[:, ::-1], axis=1)).astype(np.int64)
    return np.where(mask.any(axis=1), index, -1)


def year_of(years: IntArray, index: IntArray) -> FloatArray:
    """The year of a column index, NaN for −1."""
    return np.where(index >= 0, years[np.maximum(index, 0)], np.nan).astype(np.float64)


def cagr(start: FloatArray, end: FloatArray, span: FloatArray) -> FloatArray:
    """Compound annual growth rate ``(end/start)^(1/span) − 1`` (NaN where undefined)."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = end / start
        ok = (ratio >= 0) & (span > 0) & np.isfinite(ratio)
        rate: FloatArray = np.where(ok, np.power(np.where(ok, ratio, 1.0), 1.0 / span) - 1.0,
                                    np.nan)
    return rate


def cagr_forecast(base: FloatArray, latest: FloatArray, span: FloatArray,
                  horizon: FloatArray) -> FloatArray:
    """Value ``horizon`` years after the latest at the baseline-to-latest CAGR.

    Defined only for a positive baseline and a latest value ≥ 0 (a growth rate of
    something that is zero or changes sign means nothing).
    """
    rate = cagr(base, latest, span)
    with np.errstate(invalid="ignore", over="ignore"):
        ok = (base > 0) & (latest >= 0) & np.isfinite(rate) & (horizon >= 0)
        value: FloatArray = np.where(ok, latest * np.power(1.0 + rate, np.maximum(horizon, 0)),
                                     np.nan)
    return value


def linear_trend(values: FloatArray, years: IntArray, use: BoolArray,
                 at: FloatArray) -> tuple[FloatArray, FloatArray, IntArray]:
    """Least-squares line through the ``use`` points of each row.

    Returns the line's value at year ``at``, its slope per year and the
    number of points (slope and value are NaN with fewer than two points).
    """
    x = (years - years[0]).astype(np.float64)
    weight = use.astype(np.float64)
    n = len(values)
    # Σ y·x through BLAS, on a row count padded to a multiple of 8: BLAS takes rows in
    # groups and sums the left-over rows in another order (another last bit), so without
    # the padding a series' trend would depend on where it stands in the table
    padded = np.zeros((-(-n // ROW_GROUP) * ROW_GROUP, len(x)))
    y = padded[:n]
    np.copyto(y, values, where=use)
    count = weight.sum(axis=1)
    sx, sy = weight @ x, y.sum(axis=1)  # weight @ x: sums of small integers, exact
    sxx, sxy = weight @ (x * x), (padded @ x)[:n]
    with np.errstate(divide="ignore", invalid="ignore"):
        denominator = count * sxx - sx * sx
        slope = np.where(denominator > 0, (count * sxy - sx * sy) / denominator, np.nan)
        intercept = (sy - slope * sx) / count
    value: FloatArray = intercept + slope * (at - years[0])
    return value, slope, count.astype(np.int64)
