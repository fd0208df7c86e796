"""``assess``: every series of a table judged at once, each with its method.

The result is columnar (``Assessment``: one array per field, one entry per
series); ``Assessment.row(i)`` gives one series as a ``SeriesAssessment``
with its codes spelled out.

Warnings (bits, see ``codes.WARNINGS``):

- ``forecast_miss``: china ``at_risk``; opensdg ``moderate_progress`` or
  ``limited_progress`` with a target; unsd ``acceleration_needed`` or
  ``stagnation``;
- ``moving_away``: china ``moving_away``; opensdg ``deterioration``; unsd
  ``regression``;
- ``volatile`` / ``small_numbers``: see ``volatility``; ``small_numbers`` also
  when the latest value's interval cannot tell it from the target (china
  ``insufficient_evidence``, or the same finding under the other methods);
- ``missing``: no value in the year assessed (``as_of``, by default the
  table's last year) — also when there is no value at all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from halfsky.domain.assessment.china import assess_china
from halfsky.domain.assessment.codes import (
    KIND_INDEX,
    METHODS,
    STATUS_INDEX,
    STATUSES,
    WARNING_BIT,
    Rules,
    warning_codes,
)
from halfsky.domain.assessment.context import Context, prepare
from halfsky.domain.assessment.intervals import undecided
from halfsky.domain.assessment.opensdg import assess_opensdg
from halfsky.domain.assessment.table import (
    NUMERIC_KINDS,
    FloatArray,
    IntArray,
    InvalidSeriesTable,
    Observations,
    SeriesSettings,
    SmallArray,
    UInt8Array,
    build_panel,
)
from halfsky.domain.assessment.unsd import assess_unsd
from halfsky.domain.assessment.volatility import assess_volatility

Assessor = Callable[[Context, Rules], dict[str, FloatArray | SmallArray]]
ASSESSORS: tuple[Assessor, ...] = (assess_china, assess_opensdg, assess_unsd)  # as METHODS

FLOAT_FIELDS = ("progress", "achievement", "time_elapsed", "score", "forecast",
                "forecast_linear", "interval_low", "interval_high", "pooled_value",
                "pooled_low", "pooled_high", "baseline_year", "baseline_value", "latest_year",
                "latest_value", "volatile_year")

S = STATUS_INDEX
FORECAST_MISS = (S["at_risk"], S["acceleration_needed"], S["stagnation"])
MOVING_AWAY = (S["moving_away"], S["deterioration"], S["regression"])


@dataclass(frozen=True)
class SeriesAssessment:
    """One series' result with codes spelled out (NaN where a number does not apply)."""

    index: int
    method: str
    status: str
    warnings: tuple[str, ...]
    progress: float
    achievement: float  # 实现程度 A (china)
    time_elapsed: float  # 时间进度 τ (china)
    score: float  # opensdg
    forecast: float
    forecast_linear: float
    interval_low: float
    interval_high: float
    pooled_value: float
    pooled_low: float
    pooled_high: float
    pooled_years: int
    baseline_year: float
    baseline_value: float
    latest_year: float
    latest_value: float
    volatile_year: float


@dataclass(frozen=True)
class Assessment:
    """Columnar results; ``status`` indexes ``codes.STATUSES``, ``method``
    ``codes.METHODS``, and ``warnings`` is a bit mask of ``codes.WARNINGS``."""

    as_of: int
    method: SmallArray
    status: SmallArray
    warnings: UInt8Array
    pooled_years: IntArray
    progress: FloatArray
    achievement: FloatArray
    time_elapsed: FloatArray
    score: FloatArray
    forecast: FloatArray
    forecast_linear: FloatArray
    interval_low: FloatArray
    interval_high: FloatArray
    pooled_value: FloatArray
    pooled_low: FloatArray
    pooled_high: FloatArray
    baseline_year: FloatArray
    baseline_value: FloatArray
    latest_year: FloatArray
    latest_value: FloatArray
    volatile_year: FloatArray

    def __len__(self) -> int:
        return len(self.status)

    def status_codes(self) -> list[str]:
        return [STATUSES[i] for i in self.status]

    def row(self, i: int) -> SeriesAssessment:
        return SeriesAssessment(
            index=i, method=METHODS[self.method[i]].value, status=STATUSES[self.status[i]],
            warnings=warning_codes(int(self.warnings[i])),
            pooled_years=int(self.pooled_years[i]),
            **{name: float(getattr(self, name)[i]) for name in FLOAT_FIELDS},
        )


def assess(observations: Observations, settings: SeriesSettings, *, as_of: int | None = None,
           rules: Rules | None = None) -> Assessment:
    """Assess every series of ``settings`` on ``observations`` as of year ``as_of``."""
    rules = rules or Rules()
    n = len(settings)
    # Series sorted by method, so that each method works on a view of the matrices.
    order = np.argsort(settings.method, kind="stable")
    permuted = bool(n) and not bool((order == np.arange(n)).all())
    if permuted:
        observations, settings, rank = _by_method(observations, settings, order)
    panel = build_panel(observations, settings, as_of)
    year = int(panel.years[-1])
    ctx = prepare(panel, settings, rules)
    fields: dict[str, FloatArray] = {name: np.full(n, np.nan) for name in FLOAT_FIELDS}
    status = np.zeros(n, dtype=np.int8)
    bounds = np.searchsorted(settings.method, np.arange(len(ASSESSORS) + 1))
    for code, assessor in enumerate(ASSESSORS):
        start, stop = int(bounds[code]), int(bounds[code + 1])
        if start == stop:
            continue
        part = assessor(ctx if stop - start == n else ctx.take(slice(start, stop)), rules)
        status[start:stop] = part.pop("status")
        for name, values in part.items():
            fields[name][start:stop] = values
    volatility = assess_volatility(ctx.value, ctx.numerator, ctx.denominator, settings.per,
                                   ctx.use, ctx.years, rules)
    s = settings
    unclear = np.isin(s.kind, NUMERIC_KINDS) & undecided(ctx.low, ctx.high, s.comparator, s.goal,
                                                         s.tolerance)
    with_target = np.isin(s.kind, NUMERIC_KINDS)
    warnings = np.zeros(n, dtype=np.uint8)
    bit = WARNING_BIT
    warnings |= np.where(np.isin(status, FORECAST_MISS) | (
        np.isin(status, (S["moderate_progress"], S["limited_progress"])) & with_target),
        bit["forecast_miss"], 0).astype(np.uint8)
    warnings |= np.where(np.isin(status, MOVING_AWAY), bit["moving_away"], 0).astype(np.uint8)
    warnings |= np.where(volatility.volatile, bit["volatile"], 0).astype(np.uint8)
    small = volatility.explained | unclear | (status == S["insufficient_evidence"])
    warnings |= np.where(small, bit["small_numbers"], 0).astype(np.uint8)
    with np.errstate(invalid="ignore"):
        missing = ~(ctx.latest_year >= year)
    qualitative = s.kind == KIND_INDEX["qualitative"]
    missing = (missing & ~qualitative) | (qualitative & (s.rating < 0))
    warnings |= np.where(missing, bit["missing"], 0).astype(np.uint8)
    fields.update(
        interval_low=ctx.low, interval_high=ctx.high, pooled_value=ctx.pooled_value,
        pooled_low=ctx.pooled_low, pooled_high=ctx.pooled_high,
        baseline_year=ctx.baseline_year, baseline_value=ctx.baseline_value,
        latest_year=ctx.latest_year, latest_value=ctx.latest_value,
        volatile_year=volatility.year,
    )
    result = Assessment(as_of=year, method=settings.method.copy(), status=status,
                        warnings=warnings, pooled_years=ctx.pooled_years, **fields)
    if permuted:  # back to the caller's order
        result = Assessment(as_of=year, **{
            name: getattr(result, name)[rank] for name in (
                "method", "status", "warnings", "pooled_years", *FLOAT_FIELDS)})
    return result


def _by_method(observations: Observations, settings: SeriesSettings,
               order: IntArray) -> tuple[Observations, SeriesSettings, IntArray]:
    """The same table with the series renumbered in ``order`` (and ``rank``, the new
    number of each old series)."""
    n = len(settings)
    series = np.asarray(observations.series, dtype=np.int64)
    if len(series) and ((bad := (series < 0) | (series >= n)).any()):
        raise InvalidSeriesTable("observations.bad_series", int(np.flatnonzero(bad)[0]))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    columns = {item.name: getattr(settings, item.name)[order]
               for item in dataclasses.fields(settings)}
    partner = columns["partner"]
    columns["partner"] = np.where(partner >= 0, rank[np.maximum(partner, 0)], -1)
    return (dataclasses.replace(observations, series=rank[series]),
            SeriesSettings(**columns), rank)
