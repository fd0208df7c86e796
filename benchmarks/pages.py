"""Every page's server time and SQL query count on the county demo and the province set.

Sets up (or reuses, ``--county-dir`` / ``--province-dir``) two SQLite instances
in temporary directories — ``halfsky demo`` (吉县, 4 sample townships, 2020–2024)
and ``halfsky demo --scale province`` (山西省 with 128 cities and counties,
2016–2025, about 117,000 approved values, 6 years assessed) — then, for each, in
a child process, asks every page ``--runs`` times in-process through Django's
test client as the coordinator (after one warm-up request), timing the whole
request (middleware, view, template; wall clock and the process's CPU time,
which includes SQLite's own work) and counting its SQL queries. Prints one
table: page, p50/p95, CPU p50 and queries for each set.

    .venv/bin/python benchmarks/pages.py                    # both sets, 10 runs per page
    .venv/bin/python benchmarks/pages.py --runs 20 --province-dir /tmp/prov

The requests run one after another in one process (no concurrency): the
numbers are the cost of each page; ``dashboard_load.py`` measures 20 clients.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from load_clients import build_instance, percentile

ROOT = Path(__file__).resolve().parent.parent
HALFSKY = [sys.executable, "-m", "halfsky.cli"]  # this checkout's code
USER = "coordinator"


def pages() -> list[tuple[str, str]]:
    """(page, path) on the instance of this process's settings."""
    from django.db.models import Count
    from django.urls import reverse

    from halfsky.web.assessments.models import AssessmentResult, Warning
    from halfsky.web.plans.models import Indicator, Plan
    from halfsky.web.values.models import Observation

    # the plan with most assessment results (the county demo: the women's plan, not its
    # companions or the next period's)
    busiest = (AssessmentResult.objects.values("plan").annotate(n=Count("id"))
               .order_by("-n").values_list("plan", flat=True).first())
    plan = Plan.objects.select_related("region").filter(pk=busiest).first()
    assert plan is not None, "no plan: run halfsky demo first"
    below = Observation.objects.filter(indicator__plan=plan).exclude(area=plan.region)
    code = (Indicator.objects.filter(plan=plan, pk__in=below.values("indicator"))
            .order_by("position").values_list("code", flat=True).first())
    year = (AssessmentResult.objects.filter(plan=plan).order_by("-year")
            .values_list("year", flat=True).first())
    warning = Warning.objects.filter(plan=plan).order_by("pk").values_list("pk", flat=True).first()
    domain = plan.domains.order_by("number").first()
    assert domain is not None
    return [
        ("overview", reverse("dashboards:overview", args=[plan.code])),
        ("indicator page", reverse("plans:indicator", args=[plan.code, code])),
        ("API series", f"/api/indicators/{code}/series?plan={plan.code}"),
        ("township comparison", reverse("dashboards:townships", args=[plan.code])),
        ("API townships", f"/api/dashboard/townships?plan={plan.code}"),
        ("gender gap", reverse("dashboards:gender_gap", args=[plan.code])),
        ("assessment", reverse("assessments:plan", args=[plan.code, year])),
        ("warnings list", reverse("assessments:warnings", args=[plan.code])),
        ("warning", reverse("assessments:warning", args=[plan.code, warning])),
        ("domain", reverse("plans:domain", args=[plan.code, domain.code])),
        ("indicators", reverse("plans:indicators", args=[plan.code])),
        ("department", reverse("departments:detail", args=["health"])),
    ]


def measure(runs: int) -> dict[str, Any]:
    """The child process: each page's times (ms) and queries, as JSON on stdout."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from halfsky.web.orgs.models import Profile

    setup_test_environment()  # the test client's ALLOWED_HOSTS and no e-mail
    Profile.objects.update(must_change_password=False)
    client = Client()
    client.force_login(get_user_model().objects.get(username=USER))
    found: dict[str, Any] = {}
    for name, path in pages():
        response = client.get(path)  # warm-up
        assert response.status_code == 200, (name, path, response.status_code)
        queries: list[str] = []

        def count(run: Any, sql: str, *rest: Any, seen: list[str] = queries) -> Any:
            seen.append(sql)
            return run(sql, *rest)

        with connection.execute_wrapper(count):
            client.get(path)
        times, cpu = [], []
        for _ in range(runs):
            began, began_cpu = time.perf_counter(), time.process_time()
            client.get(path)
            times.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        found[name] = {"path": path, "p50": statistics.median(times),
                       "p95": percentile(times, 95), "cpu": statistics.median(cpu),
                       "queries": len(queries)}
        print(f"  {name}: {found[name]}", file=sys.stderr, flush=True)
    return found


def set_up(var_dir: str, scale: str) -> None:
    env = {**os.environ, "HALFSKY_VAR_DIR": var_dir, "PYTHONPATH": str(ROOT),
           "DJANGO_SETTINGS_MODULE": "halfsky.web.settings"}
    if not (Path(var_dir) / "halfsky.sqlite3").exists():
        build_instance(HALFSKY, env, scale)


def run(var_dir: str, runs: int) -> dict[str, Any]:
    env = {**os.environ, "HALFSKY_VAR_DIR": var_dir, "HALFSKY_DEBUG": "0",
           "DJANGO_SETTINGS_MODULE": "halfsky.web.settings", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, __file__, "--measure", str(runs)], env=env,
                          check=True, stdout=subprocess.PIPE, text=True)
    return dict(json.loads(done.stdout.splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="timed requests per page")
    parser.add_argument("--county-dir", help="reuse a county demo database here")
    parser.add_argument("--province-dir", help="reuse a province set database here")
    parser.add_argument("--measure", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--paths", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.paths:  # serving.py: the pages of the instance in HALFSKY_VAR_DIR / PGDATABASE
        import django

        django.setup()
        print(json.dumps(pages()))
        return 0
    if args.measure:
        print(json.dumps(measure(args.measure)))
        return 0
    temporary = [tempfile.TemporaryDirectory(prefix=f"halfsky-{s}-") for s in ("c", "p")]
    county = args.county_dir or temporary[0].name
    province = args.province_dir or temporary[1].name
    set_up(county, "county")
    set_up(province, "province")
    results = {"county": run(county, args.runs), "province": run(province, args.runs)}
    print(f"{args.runs} runs per page, one request at a time, in-process; "
          f"load average {os.getloadavg()[0]:.1f}")
    print("| page | county p50 / p95 (CPU p50), ms | queries | "
          "province p50 / p95 (CPU p50), ms | queries |")
    print("|---|---|---|---|---|")
    for name, c in results["county"].items():
        p = results["province"][name]
        print(f"| {name} | {c['p50']:.0f} / {c['p95']:.0f} ({c['cpu']:.0f}) | {c['queries']} | "
              f"{p['p50']:.0f} / {p['p95']:.0f} ({p['cpu']:.0f}) | {p['queries']} |")
    for each in temporary:
        each.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
