"""The ``unsd`` method: how far the forecast gets along the road to the target.

After the UN Statistics Division's progress chart: forecast the target-year
value F (see ``forecast``: CAGR from baseline to latest, else the linear
trend, else the two-point line) and compute the share of the
baseline-to-target distance it covers, P = (F − x_b)/(x* − x_b)
(``progress``). Statuses:

- ``target_met``: the latest value meets the target (checked first);
- ``on_track``: P ≥ ``unsd_on_track`` (0.95);
- ``acceleration_needed``: ``unsd_limited`` (0.10) ≤ P < 0.95;
- ``stagnation``: −0.10 < P < 0.10;
- ``regression``: P ≤ −0.10 (moving back from the target);
- ``not_available``: no data, a target kind without a number, no baseline
  earlier than the latest value, or a target equal to the baseline.
"""

from __future__ import annotations

import numpy as np

from halfsky.domain.assessment.arrays import meets
from halfsky.domain.assessment.codes import STATUS_INDEX, Rules
from halfsky.domain.assessment.context import Context
from halfsky.domain.assessment.forecast import forecast
from halfsky.domain.assessment.table import NUMERIC_KINDS, FloatArray, SmallArray

S = STATUS_INDEX


def assess_unsd(ctx: Context, rules: Rules) -> dict[str, FloatArray | SmallArray]:
    s = ctx.settings
    n = len(ctx)
    numeric = np.isin(s.kind, NUMERIC_KINDS)
    fc = forecast(ctx, rules)
    base = ctx.baseline_value
    with np.errstate(divide="ignore", invalid="ignore"):
        share = (fc.primary - base) / (s.goal - base)
    achieved = numeric & (ctx.latest_col >= 0) & meets(ctx.latest_value, s.comparator, s.goal,
                                                       s.tolerance)
    judged = (numeric & ~achieved & (ctx.latest_col > ctx.base_col) & (ctx.base_col >= 0)
              & np.isfinite(share) & np.isfinite(s.target_year))
    status = np.full(n, S["not_available"], dtype=np.int8)
    p = share[judged]
    status[judged] = np.select(
        [p >= rules.unsd_on_track, p >= rules.unsd_limited, p > -rules.unsd_limited],
        [S["on_track"], S["acceleration_needed"], S["stagnation"]], S["regression"])
    status[achieved] = S["target_met"]
    progress = np.where(judged, share, np.nan)
    return {"status": status, "progress": progress,
            "forecast": np.where(numeric, fc.primary, np.nan),
            "forecast_linear": np.where(numeric, fc.linear, np.nan)}
