"""Reassessment on the province set: after one approved value, and a full recompute.

Sets up (or reuses, ``--province-dir``) the province set (``halfsky demo --scale
province``: 山西省, 128 cities and counties, 59 indicators, 2016–2025, the plan years
2020–2025 assessed) in a SQLite instance, then times, in this process:

- one approved value corrected through the value writer (``store_values``), committed,
  and the reassessment it asks for (run at once after the commit, as with
  ``HALFSKY_JOBS_INLINE``): a province total of the latest plan year (that year is
  reassessed) and one of the baseline year (it and every later assessed year);
- a full recompute (``do_recompute`` of the whole plan) of the latest year and of
  every plan year (the province set).

    .venv/bin/python benchmarks/reassess.py                      # a new set in a temporary directory
    .venv/bin/python benchmarks/reassess.py --province-dir /tmp/p --runs 3

With ``DB=postgres`` (and ``PGDATABASE`` naming a database of its own) the set is
built there on the first run and measured on PostgreSQL; later runs reuse it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from load_clients import build_instance

ROOT = Path(__file__).resolve().parent.parent
HALFSKY = [sys.executable, "-m", "halfsky.cli"]


def set_up(var_dir: str) -> None:
    env = {**os.environ, "HALFSKY_VAR_DIR": var_dir, "PYTHONPATH": str(ROOT),
           "DJANGO_SETTINGS_MODULE": "halfsky.web.settings"}
    if os.environ.get("DB") == "postgres":  # PGDATABASE: built once, reused afterwards
        built = subprocess.run(["psql", "-tAc", "select 1 from information_schema.tables "
                                "where table_name = 'plans_plan'"], env=env,
                               capture_output=True, text=True).stdout.strip() == "1"
    else:
        built = (Path(var_dir) / "halfsky.sqlite3").exists()
    if not built:
        build_instance(HALFSKY, env, "province")


def measure(runs: int) -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.db import transaction

    from halfsky.web.assessments.actions import do_recompute
    from halfsky.web.assessments.models import AssessmentResult
    from halfsky.web.plans.models import Plan
    from halfsky.web.values.actions.store import Change, store_values
    from halfsky.web.values.models import Observation, ValueStatus

    settings.HALFSKY_JOBS_INLINE = True  # the reassessment runs right after the commit
    plan = Plan.objects.select_related("region").get(code__startswith="scale-")
    years = sorted(set(AssessmentResult.objects.filter(plan=plan).order_by()
                       .values_list("year", flat=True)))
    per_year = AssessmentResult.objects.filter(plan=plan, year=years[-1]).count()
    print(f"{plan.code}: {Observation.objects.filter(indicator__plan=plan).count()} values, "
          f"years assessed {years[0]}–{years[-1]}, {per_year} results a year")

    def one_value(year: int, run: int) -> tuple[float, float, float]:
        value = (Observation.objects.filter(indicator__plan=plan, area=plan.region, year=year,
                                            breakdown="", status=ValueStatus.APPROVED,
                                            value__isnull=False)
                 .order_by("indicator__position")[run % 20])
        before = value.snapshot()
        value.value = (value.value or 0) * 1.01 + 0.1
        value.numerator = value.denominator = None
        began, cpu = time.perf_counter(), time.process_time()
        with transaction.atomic():
            store_values([Change(value, before)], "correct")
            stored = time.perf_counter()
        return stored - began, time.perf_counter() - stored, time.process_time() - cpu

    for year, label in ((years[-1], "latest year"), (years[0], "baseline year")):
        timed = [one_value(year, run) for run in range(runs)]
        write = statistics.median(t[0] for t in timed)
        reassess = statistics.median(t[1] for t in timed)
        cpu = statistics.median(t[2] for t in timed)
        print(f"one approved value of the {label} ({year}): write {write:.3f} s, "
              f"reassessment {reassess:.3f} s, total {write + reassess:.3f} s, CPU {cpu:.3f} s "
              f"(median of {runs}; runs {', '.join(f'{t[0] + t[1]:.2f}' for t in timed)})")

    latest, latest_cpu = [], []
    for _ in range(runs):
        began, cpu = time.perf_counter(), time.process_time()
        do_recompute(plan, years[-1])
        latest.append(time.perf_counter() - began)
        latest_cpu.append(time.process_time() - cpu)
    print(f"full recompute of {years[-1]}: {statistics.median(latest):.2f} s, "
          f"CPU {statistics.median(latest_cpu):.2f} s (runs {', '.join(f'{t:.2f}' for t in latest)})")
    began, cpu = time.perf_counter(), time.process_time()
    for year in years:
        do_recompute(plan, year)
    print(f"full recompute of the province set ({len(years)} years): "
          f"{time.perf_counter() - began:.2f} s, CPU {time.process_time() - cpu:.2f} s")
    print(f"load average: {', '.join(f'{x:.1f}' for x in os.getloadavg())}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--province-dir", help="reuse a province set database here")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    temporary = tempfile.TemporaryDirectory(prefix="halfsky-p-")
    var_dir = args.province_dir or temporary.name
    set_up(var_dir)
    os.environ["HALFSKY_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "halfsky.web.settings")
    sys.path.insert(0, str(ROOT))
    measure(args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
