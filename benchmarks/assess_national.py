"""Benchmark: a full national recompute of the assessment engine.

Generates the national hierarchy (1 nation, 31 provinces, ~340 cities,
~2,850 counties) × 120 indicators × 2020–2025 × (total, female, male) —
about 1.16 million series and 7 million observations — and times
``halfsky.domain.assessment.assess`` over all of it, then times the plain
per-series implementation (``tests.domain.assessment.per_series.assess_one``, "the
straightforward loop") on a random sample and reports the ratio.

    .venv/bin/python benchmarks/assess_national.py [--counties 2850] [--sample 2000] [--workers 2]

The engine runs with ``workers`` threads (default: the number of cores); the
aim of issue 18 is a full recompute in ≤ 2 s wall with a peak RSS ≤ 2 GB,
and the verdict is printed. Peak memory is the process's maximum resident set (``getrusage``) and the
engine's own peak allocation (``tracemalloc``, in a second run).
"""

from __future__ import annotations

import argparse
import math
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from halfsky.domain.assessment import (  # noqa: E402
    Observations,
    SeriesSettings,
    assess,
    series_settings,
)
from tests.domain.assessment.per_series import OneSeries, assess_one  # noqa: E402

YEARS = np.arange(2020, 2026)
SEXES = 3  # total, female, male
AIM_SECONDS, AIM_MIB = 2.0, 2048  # issue 18: a national recompute in ≤ 2 s and ≤ 2 GB
KINDS = ("threshold", "threshold", "threshold", "approximate", "maintain", "increase",
         "decrease", "none")


def hierarchy(provinces: int, cities: int, counties: int) -> np.ndarray:
    """Level of every area (0 nation, 1 province, 2 city, 3 county)."""
    return np.concatenate([[0], np.full(provinces, 1), np.full(cities, 2), np.full(counties, 3)])


def indicators(count: int, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Per-indicator definitions: kind, direction, method, rate scale, level, trend."""
    kind = rng.choice(KINDS, count)
    per = np.select([np.arange(count) % 10 == 0, np.arange(count) % 10 == 1],
                    [100_000.0, 100.0], np.nan)  # 10% small-number rates, 10% counted %
    return {
        "kind": kind,
        "direction": rng.choice(np.array(["higher", "lower"]), count),
        "method": rng.choice(np.array(["china"] * 8 + ["opensdg", "unsd"]), count),
        "per": per,
        "level": np.where(per == 100_000, 15.0, rng.uniform(5, 95, count)),
        "trend": rng.normal(0.0, 0.02, count),  # relative change per year
        "denominator": np.where(per == 100_000, 700.0, 5000.0),
    }


def generate(counties: int, cities: int, provinces: int, indicator_count: int,
             seed: int = 2025) -> tuple[Observations, SeriesSettings]:
    rng = np.random.default_rng(seed)
    levels = hierarchy(provinces, cities, counties)
    ind = indicators(indicator_count, rng)
    areas = len(levels)
    n = areas * indicator_count * SEXES
    # series index = (area * indicators + indicator) * SEXES + sex
    indicator = np.tile(np.repeat(np.arange(indicator_count), SEXES), areas)
    area_level = np.repeat(levels, indicator_count * SEXES)
    size = np.array([3000.0, 100.0, 8.0, 1.0])[area_level]  # population relative to a county
    width = len(YEARS)
    base = ind["level"][indicator] * rng.lognormal(0, 0.15, n)
    growth = ind["trend"][indicator] + rng.normal(0, 0.01, n)
    steps = np.arange(width)[None, :]
    truth = base[:, None] * np.power(1 + growth[:, None], steps)
    per = ind["per"][indicator]
    counted = np.isfinite(per)
    denominator = np.where(counted[:, None], ind["denominator"][indicator][:, None]
                           * size[:, None] * rng.uniform(0.8, 1.2, (n, width)), np.nan)
    numerator = np.full((n, width), np.nan)
    probability = np.clip(truth / np.where(counted, per, 1.0)[:, None], 0, 1)
    numerator[counted] = rng.binomial(denominator[counted].astype(np.int64),
                                      probability[counted]).astype(np.float64)
    value = np.where(counted[:, None], np.nan, truth * rng.normal(1, 0.03, (n, width)))
    value = np.round(value, 2)
    present = rng.random((n, width)) > 0.03  # 3% of the values are missing
    rows = np.flatnonzero(present.ravel())
    observations = Observations(
        series=(rows // width).astype(np.int64), year=YEARS[rows % width].astype(np.int64),
        value=value.ravel()[rows], numerator=numerator.ravel()[rows],
        denominator=denominator.ravel()[rows])
    kind = ind["kind"][indicator]
    numeric = np.isin(kind, ("threshold", "approximate", "maintain"))
    direction = ind["direction"][indicator]
    target = np.where(numeric, ind["level"][indicator] * np.where(
        direction == "higher", 1.08, 0.92), np.nan)
    settings = series_settings(
        n, method=ind["method"][indicator].tolist(), direction=direction.tolist(),
        kind=kind.tolist(), target=target, tolerance=np.where(kind == "approximate", 2.0, np.nan),
        target_year=2025.0, base_year=2020.0, limit=100.0, per=per)
    return observations, settings


def sample_series(observations: Observations, settings: SeriesSettings,
                  rows: np.ndarray) -> list[OneSeries]:
    """The sampled series as the reference implementation takes them."""
    from halfsky.domain.assessment.codes import COMPARATORS, METHODS
    from halfsky.domain.assessment.codes import KINDS as KIND_CODES

    order = np.searchsorted(observations.series, rows, side="left")
    end = np.searchsorted(observations.series, rows, side="right")
    out = []
    for row, start, stop in zip(rows, order, end, strict=True):
        per = float(settings.per[row])
        values, counts = {}, {}
        for j in range(start, stop):
            year = int(observations.year[j])
            k = float(observations.numerator[j])  # type: ignore[index]
            n = float(observations.denominator[j])  # type: ignore[index]
            if math.isfinite(k):
                counts[year] = (k, n)
                values[year] = k / n * per
            else:
                values[year] = float(observations.value[j])
        comparator = int(settings.comparator[row])
        out.append(OneSeries(
            values=values, counts=counts, method=METHODS[settings.method[row]].value,
            direction=int(settings.direction[row]), kind=KIND_CODES[settings.kind[row]],
            comparator=COMPARATORS[comparator] if comparator >= 0 else None,
            goal=float(settings.goal[row]), tolerance=float(settings.tolerance[row]),
            target_year=float(settings.target_year[row]),
            base_year=float(settings.base_year[row]), limit=float(settings.limit[row]), per=per))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--counties", type=int, default=2850)
    parser.add_argument("--cities", type=int, default=340)
    parser.add_argument("--provinces", type=int, default=31)
    parser.add_argument("--indicators", type=int, default=120)
    parser.add_argument("--sample", type=int, default=2000, help="series for the Python loop")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="threads of the engine (default: the number of cores)")
    parser.add_argument("--no-tracemalloc", action="store_true")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    observations, settings = generate(args.counties, args.cities, args.provinces,
                                      args.indicators)
    n = len(settings)
    print(f"generated {n:,} series, {len(observations.series):,} observations "
          f"in {time.perf_counter() - started:.1f} s")

    started, cpu = time.perf_counter(), time.process_time()
    result = assess(observations, settings, as_of=2025, workers=args.workers)
    engine = time.perf_counter() - started
    cpu = time.process_time() - cpu
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB → MiB
    load = os.getloadavg()[0]
    print(f"full recompute: {engine:.2f} s wall, {cpu:.2f} s CPU ({n / engine:,.0f} series/s, "
          f"{args.workers} workers); peak RSS {peak_rss:,.0f} MiB; load average {load:.1f}")
    met = engine <= AIM_SECONDS and peak_rss <= AIM_MIB
    print(f"aim (≤ {AIM_SECONDS:g} s wall, ≤ {AIM_MIB / 1024:g} GB peak RSS): "
          f"{'met' if met else 'NOT met'} — {engine:.2f} s, {peak_rss / 1024:.2f} GB"
          + (f" (load average {load:.1f} on {os.cpu_count()} cores: wall time is inflated)"
             if not met and load > 1.5 else ""))
    counts = np.bincount(result.status, minlength=20)
    from halfsky.domain.assessment.codes import STATUSES
    print("statuses:", ", ".join(f"{STATUSES[i]} {c:,}" for i, c in enumerate(counts) if c))

    if not args.no_tracemalloc:
        tracemalloc.start()
        assess(observations, settings, as_of=2025, workers=args.workers)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"engine peak allocation (tracemalloc): {peak / 2**20:,.0f} MiB")

    rng = np.random.default_rng(7)
    rows = np.sort(rng.choice(n, size=min(args.sample, n), replace=False))
    sample = sample_series(observations, settings, rows)
    started = time.process_time()
    for one in sample:
        assess_one(one, 2025)
    loop = time.process_time() - started
    per_series = loop / len(sample)
    print(f"per-series Python loop: {len(sample):,} series in {loop:.2f} s CPU "
          f"({per_series * 1e3:.2f} ms/series) → {per_series * n:,.0f} s for all {n:,}; "
          f"the engine is {per_series * n / cpu:,.0f}× faster (CPU time)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
