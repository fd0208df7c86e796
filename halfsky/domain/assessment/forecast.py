"""Forecasts of the target-year value.

- **CAGR**: the latest value grown at the baseline-to-latest compound annual
  growth rate until the target year; defined when the baseline is positive,
  the latest value is ≥ 0 and at least one year lies between them.
- **Linear trend**: the least-squares line through the points (baseline to
  latest), once there are ``linear_min_points`` (4) of them.
- **Two-point line** (fallback when neither exists): the straight line
  through the baseline and the latest value.

A target year already past (or absent: no forecast at all) is forecast as
the latest value. The *primary* forecast is the CAGR one, else the linear
trend, else the two-point line.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from halfsky.domain.assessment.arrays import cagr_forecast, linear_trend
from halfsky.domain.assessment.codes import Rules
from halfsky.domain.assessment.context import Context
from halfsky.domain.assessment.table import FloatArray


@dataclass(frozen=True)
class Forecast:
    primary: FloatArray
    cagr: FloatArray
    linear: FloatArray
    slope: FloatArray  # of the linear trend (NaN below linear_min_points)


def forecast(ctx: Context, rules: Rules) -> Forecast:
    target_year = ctx.settings.target_year
    horizon = np.maximum(target_year - ctx.latest_year, 0.0)
    span = ctx.latest_year - ctx.baseline_year
    by_cagr = cagr_forecast(ctx.baseline_value, ctx.latest_value, span, horizon)
    at = np.fmax(target_year, ctx.latest_year)
    line, slope, count = linear_trend(ctx.value, ctx.years, ctx.use, at)
    enough = count >= rules.linear_min_points
    line = np.where(enough & np.isfinite(target_year), line, np.nan)
    slope = np.where(enough, slope, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        two_point = np.where(span > 0, ctx.latest_value
                             + (ctx.latest_value - ctx.baseline_value) / span * horizon, np.nan)
    primary = np.where(np.isfinite(by_cagr), by_cagr, np.where(np.isfinite(line), line, two_point))
    return Forecast(primary=primary, cagr=by_cagr, linear=line, slope=slope)
