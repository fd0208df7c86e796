"""The engine's input: a columnar table of observations and per-series settings.

``Observations`` holds one entry per (series, year): integer series codes
``0 … n−1``, the year, the value and optionally the counts behind a rate
(numerator and denominator). ``SeriesSettings`` holds one entry per series,
built with ``series_settings`` from scalars (the same for every series) or
arrays. ``build_panel`` turns the observations into dense ``(series, year)``
matrices, on which every rule of the engine is a handful of array operations;
``spreader`` does the same block of series by block of series when the
observations come ordered by series (the engine assesses the table in blocks).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from halfsky.domain.assessment.codes import (
    COMPARATOR_INDEX,
    HIGHER,
    KIND_INDEX,
    LOWER,
    METHODS,
    RATING_INDEX,
)
from halfsky.domain.errors import CodedError
from halfsky.domain.target_compare import DEFAULT_TOLERANCE, FULL_COVERAGE_VALUE

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
SmallArray = npt.NDArray[np.int8]
BoolArray = npt.NDArray[np.bool_]
UInt8Array = npt.NDArray[np.uint8]

K = KIND_INDEX
C = COMPARATOR_INDEX
NUMERIC_KINDS = (K["threshold"], K["approximate"], K["maintain"], K["full_coverage"])
PARTNER_KINDS = (K["gap_narrows"], K["relative"])


class InvalidSeriesTable(CodedError, ValueError):
    """Input the engine cannot assess; ``code`` says why, ``index`` names the entry.

    Codes: ``settings.missing_target``, ``settings.missing_partner``,
    ``settings.bad_tolerance``, ``settings.bad_value`` (an unknown code or
    direction), ``observations.bad_series``, ``observations.duplicate``,
    ``observations.bad_counts``, ``observations.shape``.
    """

    def __init__(self, code: str, index: int = -1) -> None:
        super().__init__(code, index=index)
        self.index = index

    def __str__(self) -> str:
        return f"{self.code} (entry {self.index})"


@dataclass(frozen=True)
class Observations:
    """One entry per observation; NaN values are missing."""

    series: IntArray
    year: IntArray
    value: FloatArray
    numerator: FloatArray | None = None
    denominator: FloatArray | None = None


@dataclass(frozen=True)
class SeriesSettings:
    """One entry per series. Integer codes index ``codes.METHODS``, ``KINDS``,
    ``COMPARATORS`` and ``RATINGS``; NaN (or −1 for codes) is "not set".

    ``direction`` is +1 (higher is better) or −1 (lower is better). ``goal``,
    ``comparator`` and ``tolerance`` are resolved for the level kinds (full
    coverage: ≥ 100; approximate: ≈ ± tolerance, default 1). ``per`` is the
    scale of a rate (100 for %, 100000 for 1/10万). ``partner`` is the other
    group's series (gap_narrows) or the series of the indicator compared with (relative).
    """

    method: SmallArray
    direction: SmallArray
    kind: SmallArray
    comparator: SmallArray
    goal: FloatArray
    tolerance: FloatArray
    target_year: FloatArray
    base_year: FloatArray
    limit: FloatArray
    per: FloatArray
    partner: IntArray
    rating: SmallArray

    def __len__(self) -> int:
        return len(self.method)


def _column(value: Any, n: int, dtype: Any) -> Any:
    array = np.asarray(value, dtype=dtype)
    if array.ndim == 0:
        return np.full(n, array, dtype=dtype)
    if array.shape != (n,):
        raise InvalidSeriesTable("observations.shape")
    return array.copy()


def _codes(value: Any, n: int, index: dict[str, int]) -> SmallArray:
    """Strings (or ints already coded) to int8 codes; None / "" become −1."""
    if value is None or isinstance(value, str | int):
        value = [value] * n
    items = list(value)
    if len(items) != n:
        raise InvalidSeriesTable("observations.shape")
    out = np.empty(n, dtype=np.int8)
    for i, item in enumerate(items):
        if item is None or item == "":
            out[i] = -1
        elif isinstance(item, str):
            if item not in index:
                raise InvalidSeriesTable("settings.bad_value", i)
            out[i] = index[item]
        else:
            out[i] = int(item)
    return out


def series_settings(n: int, *, method: Any = "china", direction: Any = "higher",
                    kind: Any = None, comparator: Any = None, target: Any = np.nan,
                    tolerance: Any = np.nan, target_year: Any = np.nan,
                    base_year: Any = np.nan, limit: Any = np.nan, per: Any = np.nan,
                    partner: Any = -1, rating: Any = None) -> SeriesSettings:
    """Build and check the settings of ``n`` series.

    Each argument is a scalar (for every series) or a sequence of ``n``.
    ``method``: china | opensdg | unsd. ``direction``: higher | lower (or
    +1 / −1). ``kind`` (a ``TargetKind`` value or "none"): by default
    ``threshold`` where a ``target`` is given, else ``none`` (a directional
    judgement by ``direction``). ``comparator`` defaults to ≥ for higher and
    ≤ for lower. ``rating``: met | partly_met | not_met for qualitative targets.
    """
    goal = _column(target, n, np.float64)
    if isinstance(direction, str) or (not np.ndim(direction) and direction is not None):
        direction = [direction] * n
    signs = np.array([{"higher": HIGHER, "lower": LOWER}.get(d, d) if isinstance(d, str) else d
                      for d in direction], dtype=object)
    if len(signs) != n:
        raise InvalidSeriesTable("observations.shape")
    bad = [i for i, d in enumerate(signs) if d not in (HIGHER, LOWER)]
    if bad:
        raise InvalidSeriesTable("settings.bad_value", bad[0])
    dir_codes = signs.astype(np.int8)
    kinds = _codes(kind, n, KIND_INDEX)
    unset = kinds < 0
    kinds[unset] = np.where(np.isfinite(goal[unset]), K["threshold"], K["none"])
    comparators = _codes(comparator, n, COMPARATOR_INDEX)
    tol = _column(tolerance, n, np.float64)
    settings = SeriesSettings(
        method=_codes(method, n, {m.value: i for i, m in enumerate(METHODS)}),
        direction=dir_codes, kind=kinds, comparator=comparators, goal=goal, tolerance=tol,
        target_year=_column(target_year, n, np.float64),
        base_year=_column(base_year, n, np.float64), limit=_column(limit, n, np.float64),
        per=_column(per, n, np.float64), partner=_column(partner, n, np.int64),
        rating=_codes(rating, n, RATING_INDEX),
    )
    _resolve_levels(settings)
    _check(settings)
    return settings


def _resolve_levels(s: SeriesSettings) -> None:
    """Fill the comparator, goal and tolerance the level kinds imply (in place)."""
    by_direction = np.where(s.direction == HIGHER, C["ge"], C["le"]).astype(np.int8)
    missing = s.comparator < 0
    full = s.kind == K["full_coverage"]
    s.goal[full & np.isnan(s.goal)] = FULL_COVERAGE_VALUE
    s.comparator[full & missing] = C["ge"]
    s.comparator[s.kind == K["approximate"]] = C["approx"]
    plain = missing & np.isin(s.kind, (K["threshold"], K["maintain"]))
    s.comparator[plain] = by_direction[plain]
    s.tolerance[np.isnan(s.tolerance)] = DEFAULT_TOLERANCE


def _first(mask: BoolArray) -> int:
    return int(np.flatnonzero(mask)[0])


def _check(s: SeriesSettings) -> None:
    n = len(s)
    numeric = np.isin(s.kind, NUMERIC_KINDS)
    if (bad := numeric & ~np.isfinite(s.goal)).any():
        raise InvalidSeriesTable("settings.missing_target", _first(bad))
    partnered = np.isin(s.kind, PARTNER_KINDS)
    bad = partnered & ((s.partner < 0) | (s.partner >= n) | (s.partner == np.arange(n)))
    if bad.any():
        raise InvalidSeriesTable("settings.missing_partner", _first(bad))
    if (bad := s.tolerance < 0).any():
        raise InvalidSeriesTable("settings.bad_tolerance", _first(bad))
    if (bad := (s.method < 0) | (s.method >= len(METHODS))).any():
        raise InvalidSeriesTable("settings.bad_value", _first(bad))
    if (bad := (s.kind < 0) | (s.kind >= len(KIND_INDEX))).any():
        raise InvalidSeriesTable("settings.bad_value", _first(bad))
    if (bad := numeric & ((s.comparator < 0) | (s.comparator >= len(COMPARATOR_INDEX)))).any():
        raise InvalidSeriesTable("settings.bad_value", _first(bad))


def _check_unique(flat: IntArray, keep: BoolArray, cells: int) -> None:
    """No two observations on one (series, year) cell.

    Observations usually come ordered by series and year: then strictly rising
    cell numbers prove it in one pass; otherwise each cell is marked on a grid of flags,
    and only when fewer cells are marked than there are observations are they sorted to
    find the first twin.
    """
    if len(flat) < 2 or bool((flat[1:] > flat[:-1]).all()):
        return
    seen = np.zeros(cells, dtype=bool)
    seen[flat] = True
    if np.count_nonzero(seen) == len(flat):
        return
    order = np.argsort(flat, kind="stable")
    ordered = flat[order]
    same = np.flatnonzero(ordered[1:] == ordered[:-1])
    if len(same):
        raise InvalidSeriesTable("observations.duplicate",
                                 int(np.flatnonzero(keep)[order[same[0] + 1]]))


@dataclass(frozen=True)
class Panel:
    """Dense ``(series, year)`` matrices; NaN where there is no observation."""

    years: IntArray
    value: FloatArray
    numerator: FloatArray
    denominator: FloatArray


def build_panel(observations: Observations, settings: SeriesSettings,
                as_of: int | None = None) -> Panel:
    """Spread the observations over a ``(series, year)`` grid up to ``as_of``.

    A blank value with counts becomes ``numerator / denominator × per``.
    Observations after ``as_of`` are ignored; the grid reaches ``as_of`` even
    when no series has a value that late.
    """
    obs = observations
    n, size = len(settings), len(obs.series)
    series = np.asarray(obs.series, dtype=np.int64)
    year = np.asarray(obs.year, dtype=np.int64)
    value = np.asarray(obs.value, dtype=np.float64)
    if year.shape != (size,) or value.shape != (size,):
        raise InvalidSeriesTable("observations.shape")
    if size and ((bad := (series < 0) | (series >= n)).any()):
        raise InvalidSeriesTable("observations.bad_series", _first(bad))
    keep = year <= as_of if as_of is not None else np.ones(size, dtype=bool)
    first = int(year[keep].min()) if keep.any() else (as_of if as_of is not None else 0)
    last = as_of if as_of is not None else (int(year.max()) if size else 0)
    years = np.arange(min(first, last), last + 1, dtype=np.int64)
    width = len(years)
    series, col = series[keep], year[keep] - years[0]
    flat = series * width + col
    _check_unique(flat, keep, n * width)
    counts = None
    if obs.numerator is not None and obs.denominator is not None:
        num = np.asarray(obs.numerator, dtype=np.float64)[keep]
        den = np.asarray(obs.denominator, dtype=np.float64)[keep]
        counted = np.isfinite(num) & np.isfinite(den)
        if (bad := counted & ((num < 0) | (den <= 0))).any():
            raise InvalidSeriesTable("observations.bad_counts",
                                     int(np.flatnonzero(keep)[_first(bad)]))
        counts = (num, den, counted)
    return _spread(years, n, flat, series, value[keep], counts, settings.per)


def _spread(years: IntArray, rows: int, flat: IntArray, series: IntArray, value: FloatArray,
            counts: tuple[FloatArray, FloatArray, BoolArray] | None, per: FloatArray) -> Panel:
    """The ``(rows, years)`` matrices of observations at ``flat`` (row × width + column) of
    ``series``; ``counts``: their numerators, denominators and which have both (checked).
    A blank value with counts becomes the rate from its counts, observation by observation
    (not over the whole grid)."""
    shape = (rows, len(years))
    grid = np.full(shape, np.nan)
    grid.flat[flat] = value
    numerator, denominator = np.full(shape, np.nan), np.full(shape, np.nan)
    if counts is not None:
        num, den, counted = counts
        numerator.flat[flat[counted]] = num[counted]
        denominator.flat[flat[counted]] = den[counted]
        derived = counted & np.isnan(value)
        grid.flat[flat[derived]] = num[derived] / den[derived] * per[series[derived]]
    grid[~np.isfinite(grid)] = np.nan
    return Panel(years=years, value=grid, numerator=numerator, denominator=denominator)


class IrregularBlock(Exception):
    """A block's observations are not in (series, year) order or not valid: the caller
    falls back to ``build_panel`` over the whole table, which says what is wrong."""


@dataclass(frozen=True)
class Spreader:
    """Observations ordered by series and year, spread into panels block by block.

    Each block's panel holds the same numbers as the block's rows of ``build_panel``
    (the same operations, observation by observation), without a grid of the whole table.
    """

    years: IntArray
    series: IntArray
    col: IntArray
    value: FloatArray
    numerator: FloatArray | None
    denominator: FloatArray | None
    per: FloatArray

    def block(self, start: int, stop: int) -> Panel:
        """The panel of the series ``start … stop − 1`` (raises ``IrregularBlock``)."""
        a, b = (int(i) for i in np.searchsorted(self.series, (start, stop)))
        series, width = self.series[a:b], len(self.years)
        flat = (series - start) * width + self.col[a:b]
        if len(flat) > 1 and not bool((flat[1:] > flat[:-1]).all()):
            raise IrregularBlock
        counts = None
        if self.numerator is not None and self.denominator is not None:
            num, den = self.numerator[a:b], self.denominator[a:b]
            counted = np.isfinite(num) & np.isfinite(den)
            if (counted & ((num < 0) | (den <= 0))).any():
                raise IrregularBlock
            counts = (num, den, counted)
        return _spread(self.years, stop - start, flat, series, self.value[a:b], counts, self.per)


def spreader(observations: Observations, settings: SeriesSettings,
             as_of: int | None = None) -> Spreader | None:
    """A ``Spreader`` when the observations come ordered by series with valid series codes
    and no series has a partner (whose values would come from another block); else None."""
    obs = observations
    n, size = len(settings), len(obs.series)
    series = np.asarray(obs.series, dtype=np.int64)
    year = np.asarray(obs.year, dtype=np.int64)
    value = np.asarray(obs.value, dtype=np.float64)
    if (year.shape != (size,) or value.shape != (size,) or not size
            or (settings.partner >= 0).any()):
        return None
    if series[0] < 0 or series[-1] >= n or not bool((series[1:] >= series[:-1]).all()):
        return None
    numerator = denominator = None
    if obs.numerator is not None and obs.denominator is not None:
        numerator = np.asarray(obs.numerator, dtype=np.float64)
        denominator = np.asarray(obs.denominator, dtype=np.float64)
        if numerator.shape != (size,) or denominator.shape != (size,):
            return None
    if as_of is not None and int(year.max()) > as_of:
        keep = year <= as_of
        series, year, value = series[keep], year[keep], value[keep]
        if numerator is not None and denominator is not None:
            numerator, denominator = numerator[keep], denominator[keep]
    first = int(year.min()) if len(year) else (as_of if as_of is not None else 0)
    last = as_of if as_of is not None else int(year.max())
    years = np.arange(min(first, last), last + 1, dtype=np.int64)
    return Spreader(years=years, series=series, col=year - years[0], value=value,
                    numerator=numerator, denominator=denominator, per=settings.per)
