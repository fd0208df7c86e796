"""What every method starts from: baseline, latest value, points, intervals.

``prepare`` computes, for every series at once, the columns the methods
share. Which observations count:

- only years up to the year assessed (``as_of``); NaN and infinite values
  are missing;
- the **baseline** is the value of the base year or, when it is missing,
  of the first later year with a value (no base year: the first value).
  For ``gap_narrows`` the series judged is the gap |A − B| between the
  series and its partner, and the base year itself must have both values;
- the **latest** value is the last one up to ``as_of``;
- the **points** of a series are its values from the baseline to the latest.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from halfsky.domain.assessment.arrays import first_index, last_index, take, year_of
from halfsky.domain.assessment.codes import KIND_INDEX, Rules
from halfsky.domain.assessment.intervals import exact_interval, pooled_counts
from halfsky.domain.assessment.table import (
    BoolArray,
    FloatArray,
    IntArray,
    Panel,
    SeriesSettings,
)


@dataclass(frozen=True)
class Context:
    """Shared columns of a set of series (every array has one row per series)."""

    years: IntArray  # the grid's years (not per series)
    settings: SeriesSettings
    value: FloatArray  # (series, year)
    numerator: FloatArray
    denominator: FloatArray
    other: FloatArray  # the partner's values (gap: the other group; relative: the indicator compared with)
    use: BoolArray  # the points: observed, from the baseline to the latest year
    base_col: IntArray
    latest_col: IntArray
    baseline_year: FloatArray
    baseline_value: FloatArray
    latest_year: FloatArray
    latest_value: FloatArray
    points: IntArray
    low: FloatArray  # exact interval of the latest value (NaN without counts)
    high: FloatArray
    pooled_value: FloatArray  # pooled rate of the last ``pool_years`` years with counts
    pooled_low: FloatArray
    pooled_high: FloatArray
    pooled_years: IntArray

    def __len__(self) -> int:
        return len(self.base_col)

    def take(self, rows: IntArray | slice) -> Context:
        """The context of a subset of series (a slice gives views, not copies)."""
        changes: dict[str, Any] = {}
        for item in dataclasses.fields(self):
            if item.name == "years":
                continue
            current = getattr(self, item.name)
            if isinstance(current, SeriesSettings):
                changes[item.name] = SeriesSettings(**{
                    f.name: getattr(current, f.name)[rows] for f in dataclasses.fields(current)})
            else:
                changes[item.name] = current[rows]
        return dataclasses.replace(self, **changes)


def prepare(panel: Panel, settings: SeriesSettings, rules: Rules,
            partner_values: FloatArray | None = None) -> Context:
    """The shared columns; a partner's values are read from ``partner_values`` (the
    whole table's ``(series, year)`` values, indexed by ``settings.partner``), by
    default from ``panel.value``."""
    n = len(settings)
    years = panel.years
    value = panel.value
    numerator, denominator = panel.numerator, panel.denominator
    other = np.full_like(value, np.nan)
    partnered = settings.partner >= 0
    if partnered.any():
        source = value if partner_values is None else partner_values
        other[partnered] = source[settings.partner[partnered]]
    gap = settings.kind == KIND_INDEX["gap_narrows"]
    if gap.any():
        value = value.copy()
        value[gap] = np.abs(value[gap] - other[gap])
        numerator, denominator = numerator.copy(), denominator.copy()
        numerator[gap] = np.nan
        denominator[gap] = np.nan
    observed = np.isfinite(value)
    base = settings.base_year
    with np.errstate(invalid="ignore"):
        after_base = np.isnan(base)[:, None] | (years[None, :] >= base[:, None])
    base_col = first_index(observed & after_base)
    strict = gap & np.isfinite(base)
    if strict.any():  # a gap needs both groups in the base year itself
        at_base = year_of(years, base_col[strict]) == base[strict]
        base_col[strict] = np.where(at_base, base_col[strict], -1)
    latest_col = last_index(observed)
    columns = np.arange(len(years))[None, :]
    use = (observed & (base_col[:, None] >= 0) & (columns >= base_col[:, None])
           & (columns <= latest_col[:, None]))
    latest_value = take(value, latest_col)
    per = settings.per
    latest_k, latest_n = take(numerator, latest_col), take(denominator, latest_col)
    low, high = exact_interval(latest_k, latest_n, per, rules.confidence)
    pooled_k, pooled_n, pooled_years = pooled_counts(numerator, denominator, latest_col,
                                                     rules.pool_years)
    pooled_low, pooled_high = _pooled_interval(pooled_k, pooled_n, latest_k, latest_n, low, high,
                                               per, rules)
    with np.errstate(invalid="ignore", divide="ignore"):
        pooled_value = np.where(np.isfinite(low), pooled_k / pooled_n * per, np.nan)
    return Context(
        years=years, settings=settings, value=value, numerator=numerator,
        denominator=denominator, other=other, use=use, base_col=base_col,
        latest_col=latest_col, baseline_year=year_of(years, base_col),
        baseline_value=take(value, base_col), latest_year=year_of(years, latest_col),
        latest_value=latest_value, points=use.sum(axis=1).astype(np.int64),
        low=low, high=high, pooled_value=pooled_value,
        pooled_low=np.where(np.isfinite(low), pooled_low, np.nan),
        pooled_high=np.where(np.isfinite(low), pooled_high, np.nan), pooled_years=np.where(np.isfinite(low), pooled_years, 0),
    ) if n else _empty(panel, settings)


def _pooled_interval(pooled_k: FloatArray, pooled_n: FloatArray, latest_k: FloatArray,
                     latest_n: FloatArray, low: FloatArray, high: FloatArray, per: FloatArray,
                     rules: Rules) -> tuple[FloatArray, FloatArray]:
    """The pooled rate's interval, computed only where it is shown (the latest value has an
    interval) and differs from the latest year's (the same counts give the same interval)."""
    pooled_low, pooled_high = np.full(len(low), np.nan), np.full(len(low), np.nan)
    shown = np.isfinite(low)
    same = shown & (pooled_k == latest_k) & (pooled_n == latest_n)
    pooled_low[same], pooled_high[same] = low[same], high[same]
    rows = np.flatnonzero(shown & ~same)
    pooled_low[rows], pooled_high[rows] = exact_interval(pooled_k[rows], pooled_n[rows], per[rows],
                                                         rules.confidence)
    return pooled_low, pooled_high


def _empty(panel: Panel, settings: SeriesSettings) -> Context:
    none_f, none_i = np.empty(0), np.empty(0, dtype=np.int64)
    matrix = np.empty((0, len(panel.years)))
    return Context(
        years=panel.years, settings=settings, value=matrix, numerator=matrix,
        denominator=matrix, other=matrix, use=matrix.astype(bool), base_col=none_i,
        latest_col=none_i, baseline_year=none_f, baseline_value=none_f, latest_year=none_f,
        latest_value=none_f, points=none_i, low=none_f, high=none_f, pooled_value=none_f,
        pooled_low=none_f, pooled_high=none_f, pooled_years=none_i,
    )
