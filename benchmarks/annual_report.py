"""How long the annual monitoring report of the Ji County plan takes: model, .docx, PDF.

    .venv/bin/python benchmarks/annual_report.py             # 3 runs of each step
    .venv/bin/python benchmarks/annual_report.py --runs 1 --no-pdf

The data are those of the report tests (tests/domain/reports/report_data.py:
the demo values of all 59 indicators for 2020–2024, a few series set by
hand) and the Chinese phrases of tests/formats/reports/conftest.py. Steps
timed, each ``--runs`` times (the first, the best and the median are printed):

1. inputs: the engine's results for every indicator × target (``report_assessments``);
2. model: ``build_annual_report`` and its layout (``document()``);
3. docx: ``render_docx`` with the 8 domain charts (matplotlib, 170 dpi); the first run
   draws them, the later ones find them in the process's chart cache (``--no-cache``:
   a new empty cache for every run, so every run draws);
4. pdf: ``convert_to_pdf`` (LibreOffice headless; the first run sets up the profile,
   the later ones reuse it warm).

The last lines give the verdict on the aims of issue 18 (Word ≤ 2 s, PDF ≤ 3 s)
for the first Word build (its charts drawn), a Word build with its charts cached
and the PDF, on wall-clock time (CPU time in brackets: on a shared machine the
wall clock waits for a core).

Needs ``make assets`` (the font) and, for the PDF, LibreOffice.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


CPU: dict[str, list[float]] = {}


def cpu_seconds() -> float:
    """CPU time of this process and of its children that ended (LibreOffice)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(runs: int, step: Callable[[], Any], name: str = "") -> tuple[list[float], Any]:
    times, result = [], None
    for _ in range(runs):
        start, cpu = time.perf_counter(), cpu_seconds()
        result = step()
        times.append(time.perf_counter() - start)
        CPU.setdefault(name, []).append(cpu_seconds() - cpu)
    return times, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--no-cache", action="store_true", help="draw the charts every run")
    args = parser.parse_args()

    started = time.perf_counter()
    from halfsky.domain.reports import build_annual_report
    from halfsky.formats.reports import ChartCache, convert_to_pdf, packaged_font, render_docx

    data = load(ROOT / "tests" / "domain" / "reports" / "report_data.py", "report_data")
    phrases = load(ROOT / "tests" / "formats" / "reports" / "conftest.py", "report_conftest")
    font = packaged_font()
    if font is None:
        raise SystemExit("the packaged font is missing: run `make assets`")
    plan = data.report_plan()
    series = data.report_series(plan)
    print(f"imports and plan: {time.perf_counter() - started:.2f} s "
          f"({len(plan.indicators)} indicators, {len(plan.domains)} domains)")

    rows = []
    times, assessments = timed(args.runs, lambda: data.report_assessments(plan, series, 2024),
                               "inputs (report_assessments)")
    rows.append(("inputs (report_assessments)", times))

    def model() -> Any:
        report = build_annual_report(plan, series, assessments, 2024, data.ANNUAL_TEXTS,
                                     data.WARNINGS, info=data.INFO)
        report.document()
        return report

    times, report = timed(args.runs, model, "model (build + layout)")
    rows.append(("model (build + layout)", times))
    cache = ChartCache()
    times, docx_bytes = timed(args.runs, lambda: render_docx(
        report, phrases.ZH_PHRASES, font_path=font,
        chart_cache=ChartCache() if args.no_cache else cache), "docx (8 charts)")
    rows.append(("docx (8 charts)", times))
    if not args.no_pdf:
        times, pdf_bytes = timed(args.runs, lambda: convert_to_pdf(docx_bytes),
                                 "pdf (LibreOffice)")
        rows.append(("pdf (LibreOffice)", times))
        print(f"pdf: {len(pdf_bytes) / 1024:.0f} KiB")
    print(f"docx: {len(docx_bytes) / 1024:.0f} KiB")
    print(f"load average: {os.getloadavg()[0]:.1f} (2 cores)")
    print(f"{'step':<26} {'first':>8} {'best':>8} {'median':>8}   CPU: first, best")
    for name, values in rows:
        cpu = CPU[name]
        print(f"{name:<26} {values[0]:>7.2f}s {min(values):>7.2f}s "
              f"{statistics.median(values):>7.2f}s   {cpu[0]:.2f}s, {min(cpu):.2f}s")
    docx_times = dict(rows)["docx (8 charts)"]
    docx_cpu = CPU["docx (8 charts)"]
    verdicts = [("Word, first build (charts drawn)", docx_times[0], docx_cpu[0], 2.0)]
    if not args.no_cache and args.runs > 1:
        verdicts.append(("Word, charts cached", min(docx_times[1:]), min(docx_cpu[1:]), 2.0))
    if not args.no_pdf:
        pdf_times = dict(rows)["pdf (LibreOffice)"]
        verdicts.append(("PDF from the Word file", statistics.median(pdf_times),
                         statistics.median(CPU["pdf (LibreOffice)"]), 3.0))
    print("aims of issue 18 (annual report, 吉县):")
    for name, wall, cpu, aim in verdicts:
        verdict = "met" if wall <= aim else "met on CPU time" if cpu <= aim else "NOT met"
        print(f"  {name:<34} {wall:5.2f} s ({cpu:.2f} s CPU)   aim ≤ {aim:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
