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
from concurrent.futures import ThreadPoolExecutor
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
    IrregularBlock,
    Observations,
    Panel,
    SeriesSettings,
    SmallArray,
    UInt8Array,
    build_panel,
    spreader,
)
from halfsky.domain.assessment.unsd import assess_unsd
from halfsky.domain.assessment.volatility import Volatility, assess_volatility

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


BLOCK_ROWS = 1 << 15  # series per block: a block's matrices stay in the processor's cache


def assess(observations: Observations, settings: SeriesSettings, *, as_of: int | None = None,
           rules: Rules | None = None, workers: int = 1,
           block_rows: int = BLOCK_ROWS) -> Assessment:
    """Assess every series of ``settings`` on ``observations`` as of year ``as_of``.

    The series are assessed in blocks of ``block_rows`` (each series on its own, so
    the blocks give the same answer as one), by ``workers`` threads at once (NumPy
    and SciPy release the interpreter lock in their array work).
    """
    rules = rules or Rules()
    by_blocks = spreader(observations, settings, as_of)
    if by_blocks is not None:
        try:  # each block spreads its own observations: no grid of the whole table
            return _run(by_blocks.years, lambda b: by_blocks.block(b.start, b.stop), None,
                        settings, rules, workers, block_rows)
        except IrregularBlock:
            pass  # out of order or invalid: the whole table's grid says what is wrong
    panel = build_panel(observations, settings, as_of)
    return _run(panel.years, lambda b: Panel(
        years=panel.years, value=panel.value[b], numerator=panel.numerator[b],
        denominator=panel.denominator[b]), panel.value, settings, rules, workers, block_rows)


def _run(years: IntArray, block_panel: Callable[[slice], Panel], partner_values: FloatArray | None,
         settings: SeriesSettings, rules: Rules, workers: int, block_rows: int) -> Assessment:
    n = len(settings)
    out = _Outputs.empty(n)
    size = max(block_rows, 1)
    blocks = [slice(start, min(start + size, n)) for start in range(0, n, size)]

    def run(block: slice) -> None:
        _assess_block(block_panel(block), settings, block, rules, out, partner_values)

    if workers > 1 and len(blocks) > 1:
        pool = ThreadPoolExecutor(max_workers=workers)
        try:
            for _ in pool.map(run, blocks):  # re-raises a block's exception
                pass
        finally:  # after an exception, the blocks not yet started are dropped
            pool.shutdown(cancel_futures=True)
    else:
        for block in blocks:
            run(block)
    return Assessment(as_of=int(years[-1]), method=settings.method.copy(),
                      status=out.status, warnings=out.warnings,
                      pooled_years=out.pooled_years, **out.fields)


@dataclass(frozen=True)
class _Outputs:
    """The result columns, filled block by block (blocks write disjoint rows)."""

    status: SmallArray
    warnings: UInt8Array
    pooled_years: IntArray
    fields: dict[str, FloatArray]

    @classmethod
    def empty(cls, n: int) -> _Outputs:
        return cls(status=np.zeros(n, dtype=np.int8), warnings=np.zeros(n, dtype=np.uint8),
                   pooled_years=np.zeros(n, dtype=np.int64),
                   fields={name: np.full(n, np.nan) for name in FLOAT_FIELDS})


def _assess_block(panel: Panel, settings: SeriesSettings, block: slice, rules: Rules,
                  out: _Outputs, partner_values: FloatArray | None) -> None:
    """Assess the series ``block`` of the table (``panel``: the block's rows) into ``out``.

    The block's series are taken in the order of their methods, so that each method
    works on a view of the block's matrices; partners are looked up in ``partner_values``
    (the whole table's values).
    """
    local: IntArray | slice = slice(None)
    rows: IntArray | slice = block
    method = settings.method[block]
    if len(method) > 1 and bool((method[1:] < method[:-1]).any()):
        local = np.argsort(method, kind="stable")
        rows = block.start + local
    part_settings = SeriesSettings(**{item.name: getattr(settings, item.name)[rows]
                                      for item in dataclasses.fields(settings)})
    part = Panel(years=panel.years, value=panel.value[local], numerator=panel.numerator[local],
                 denominator=panel.denominator[local])
    ctx = prepare(part, part_settings, rules, partner_values)
    n = len(part_settings)
    status = np.zeros(n, dtype=np.int8)
    fields: dict[str, FloatArray] = {}
    bounds = np.searchsorted(part_settings.method, np.arange(len(ASSESSORS) + 1))
    for code, assessor in enumerate(ASSESSORS):
        start, stop = int(bounds[code]), int(bounds[code + 1])
        if start == stop:
            continue
        found = assessor(ctx if stop - start == n else ctx.take(slice(start, stop)), rules)
        status[start:stop] = found.pop("status")
        for name, values in found.items():
            if name not in fields:
                fields[name] = np.full(n, np.nan)
            fields[name][start:stop] = values
    volatility = assess_volatility(ctx.value, ctx.numerator, ctx.denominator, part_settings.per,
                                   ctx.use, ctx.years, rules)
    out.status[rows] = status
    out.warnings[rows] = _warnings(ctx, status, volatility, int(panel.years[-1]))
    out.pooled_years[rows] = ctx.pooled_years
    fields.update(
        interval_low=ctx.low, interval_high=ctx.high, pooled_value=ctx.pooled_value,
        pooled_low=ctx.pooled_low, pooled_high=ctx.pooled_high,
        baseline_year=ctx.baseline_year, baseline_value=ctx.baseline_value,
        latest_year=ctx.latest_year, latest_value=ctx.latest_value,
        volatile_year=volatility.year,
    )
    for name, values in fields.items():
        out.fields[name][rows] = values


def _warnings(ctx: Context, status: SmallArray, volatility: Volatility, year: int) -> UInt8Array:
    s = ctx.settings
    with_target = np.isin(s.kind, NUMERIC_KINDS)
    unclear = with_target & undecided(ctx.low, ctx.high, s.comparator, s.goal, s.tolerance)
    warnings = np.zeros(len(status), dtype=np.uint8)
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
    return warnings
