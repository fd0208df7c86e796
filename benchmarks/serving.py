"""Every page under the production server (``halfsky serve``, gunicorn) with 20 clients, on
the county demo and the province set.

For each ``--scale`` it builds the instance — SQLite in a temporary directory, or in
``--keep-db DIR`` (built there once, reused afterwards); with ``DB=postgres`` a new
PostgreSQL database (dropped afterwards, or the database ``--keep-db NAME``, kept) —
then starts ``halfsky serve`` on 127.0.0.1 (``--workers``, default ``HALFSKY_WORKERS``,
gunicorn's sync workers: one request at a time per process), logs ``--clients`` threads
in as demo users and, page after page, has every client fetch the page ``--requests``
times, all at once. The pages are those of ``pages.py`` (overview, indicator page, its
chart JSON, township comparison, gender gap, assessment, warnings list, one warning,
domain, indicator list, department); ``--pages overview`` times only the overview.

It prints, per page: the requests per second, the client's p50/p95 wait (which includes
the queue in front of the busy workers), the server's p50/p95 (gunicorn's access log:
the time a worker spent on the request), the workers' CPU time per request (from
``/proc``: what the page costs however loaded the machine is) — and the peak resident
memory (``VmHWM``) of the gunicorn master and of each worker. ``--runserver`` also times the overview under
Django's development server, for comparison. Loopback only; a bounded number of requests.

    .venv/bin/python benchmarks/serving.py                                  # both sets, all pages
    .venv/bin/python benchmarks/serving.py --scale province --keep-db /tmp/prov
    DB=postgres PGHOST=127.0.0.1 PGUSER=halfsky PGPASSWORD=halfsky \\
        .venv/bin/python benchmarks/serving.py --scale county --pages overview --runserver
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from load_clients import (
    LoggedInClient,
    build_instance,
    free_port,
    mark_passwords_changed,
    percentile,
)

ROOT = Path(__file__).resolve().parent.parent
HALFSKY = [sys.executable, "-m", "halfsky.cli"]
# Users who see every page (a department's users see only its indicators).
USERS = ["coordinator", "statistics", "leader"]
# gunicorn's access log line per request: path, query, status, time in ms (%(M)s).
ACCESS_FORMAT = "HSBENCH %(U)s %(q)s %(s)s %(M)s"


@contextmanager
def instance(scale: str, keep: str | None) -> Iterator[dict[str, str]]:
    postgres = os.environ.get("DB") == "postgres"
    with tempfile.TemporaryDirectory(prefix=f"halfsky-serving-{scale}-") as temporary:
        var = keep if keep and not postgres else temporary
        Path(var).mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HALFSKY_VAR_DIR": var,
               "HALFSKY_DEBUG": "0", "HALFSKY_LOG_FILE": str(Path(temporary) / "server.log"),
               "DJANGO_SETTINGS_MODULE": "halfsky.web.settings"}
        database = None
        if postgres:
            env["PGDATABASE"] = keep or f"halfsky_serving_{uuid.uuid4().hex[:8]}"
            database = None if keep else env["PGDATABASE"]
            exists = subprocess.run(["psql", "-d", "postgres", "-tAc",
                                     f"select 1 from pg_database where datname = "
                                     f"'{env['PGDATABASE']}'"],
                                    env=env, capture_output=True, text=True).stdout.strip()
            built = exists == "1"
            if not built:
                subprocess.run(["createdb", env["PGDATABASE"]], env=env, check=True)
        else:
            built = (Path(var) / "halfsky.sqlite3").exists()
        try:
            if not built:
                build_instance(HALFSKY, env, scale)
            mark_passwords_changed(HALFSKY, env)
            yield env
        finally:
            if database:
                subprocess.run(["dropdb", "--if-exists", database], env=env, check=False)


@contextmanager
def running(command: list[str], port: int, env: dict[str, str]) -> Iterator[int]:
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the server did not start: {' '.join(command)}") from None
                time.sleep(0.3)
        yield server.pid
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found += [int(p) for p in task.read_text().split()]
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU time the processes have used, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def peak_rss_mb(pid: int) -> float:
    """The process's peak resident memory (VmHWM) in MB."""
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found.group(1)) / 1024 if found else float("nan")


def page_paths(env: dict[str, str], which: str) -> list[tuple[str, str]]:
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "pages.py"), "--paths"],
                          env=env, check=True, capture_output=True, text=True)
    found = [(str(name), str(path)) for name, path in json.loads(done.stdout.splitlines()[-1])]
    return found if which == "all" else [p for p in found if p[0] == "overview"]


def load(base: str, paths: list[tuple[str, str]], clients: int, requests: int,
         log: Path | None = None, master: int | None = None
         ) -> dict[str, tuple[float, list[float], list[float], float]]:
    """Each page in turn, ``clients`` at once × ``requests``: (seconds, client waits,
    server times from the access log ``log``, in ms; the CPU ms per request of ``master``'s
    worker processes — what the page costs, whatever else runs on the machine)."""
    logged_in = [LoggedInClient(base, USERS[i % len(USERS)], timeout=300)
                 for i in range(clients)]
    found: dict[str, tuple[float, list[float], list[float], float]] = {}
    for name, path in paths:
        for client in logged_in[:len(USERS)]:
            client.fetch(path)  # warm up; every user may see the page
        times: list[float] = []
        lock = threading.Lock()
        start = threading.Barrier(clients)

        def run(client: LoggedInClient, path: str = path, times: list[float] = times,
                lock: threading.Lock = lock, start: threading.Barrier = start) -> None:
            start.wait()
            mine = [client.fetch(path)[1] for _ in range(requests)]
            with lock:
                times.extend(mine)

        time.sleep(0.5)  # the warm-up's log lines written
        offset = log.stat().st_size if log else 0
        workers = children(master) if master else []
        cpu_before = cpu_seconds(workers)
        began = time.perf_counter()
        threads = [threading.Thread(target=run, args=(c,), daemon=True) for c in logged_in]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        seconds = time.perf_counter() - began
        cpu = (cpu_seconds(workers) - cpu_before) * 1000 / len(times)
        time.sleep(0.5)
        server = server_times(log, offset).get(path, []) if log else []
        found[name] = (seconds, times, server, cpu if workers else float("nan"))
        print(f"  {name}: {len(times) / seconds:.1f}/s, client p95 "
              f"{percentile(times, 95):.0f} ms", flush=True)
    return found


def server_times(log: Path, offset: int) -> dict[str, list[float]]:
    """Each address's server times (ms) in the access log after ``offset``."""
    by_address: dict[str, list[float]] = defaultdict(list)
    with log.open("rb") as read:
        read.seek(offset)
        text = read.read().decode(errors="replace")
    for line in text.splitlines():
        parts = line.split(" ")
        if len(parts) == 5 and parts[0] == "HSBENCH":
            address = parts[1] + (f"?{parts[2]}" if parts[2] not in ("", "-") else "")
            by_address[address].append(float(parts[4]))
    return by_address


def serve_all(env: dict[str, str], args: argparse.Namespace) -> list[str]:
    paths = page_paths(env, args.pages)
    port = free_port()
    command = [*HALFSKY, "serve", "--bind", f"127.0.0.1:{port}"] + (
        ["--workers", str(args.workers)] if args.workers else [])
    served = {**env, "GUNICORN_CMD_ARGS": f"--access-logformat '{ACCESS_FORMAT}'"}
    with running(command, port, served) as master:
        began = time.perf_counter()
        found = load(f"http://127.0.0.1:{port}", paths, args.clients, args.requests,
                     Path(env["HALFSKY_LOG_FILE"]), master)
        wall = time.perf_counter() - began
        workers = children(master)
        rss = [peak_rss_mb(pid) for pid in workers]
        master_rss = peak_rss_mb(master)
    count = sum(len(t) for _s, t, _server, _cpu in found.values())
    lines = [f"{args.clients} clients × {args.requests} requests per page, gunicorn "
             f"{len(workers)} sync workers, {env.get('DB', 'sqlite')}, {os.cpu_count()} cores, "
             f"load average {os.getloadavg()[0]:.1f}: {count} requests in {wall:.0f} s",
             "| page | req/s | client p50 / p95 ms | server p50 / p95 ms | server CPU ms |",
             "|---|---|---|---|---|"]
    for name, (seconds, times, server, cpu) in found.items():
        own = server or [float("nan")]
        lines.append(f"| {name} | {len(times) / seconds:.0f} | {statistics.median(times):.0f} / "
                     f"{percentile(times, 95):.0f} | {statistics.median(own):.0f} / "
                     f"{percentile(own, 95):.0f} | {cpu:.0f} |")
    every = [t for _s, _t, server, _c in found.values() for t in server] or [float("nan")]
    busy = sum(seconds for seconds, _t, _server, _c in found.values())
    lines.append(f"| all | {count / busy:.0f} | | {statistics.median(every):.0f} / "
                 f"{percentile(every, 95):.0f} | |")
    lines.append(f"peak RSS (VmHWM): master {master_rss:.0f} MB, workers "
                 + ", ".join(f"{r:.0f}" for r in sorted(rss)) + " MB")
    return lines


def runserver_overview(env: dict[str, str], args: argparse.Namespace) -> list[str]:
    paths = page_paths(env, "overview")
    port = free_port()
    command = [*HALFSKY, "manage", "runserver", "--noreload", f"127.0.0.1:{port}"]
    with running(command, port, env):
        found = load(f"http://127.0.0.1:{port}", paths, args.clients, args.requests)
    seconds, times, _server, _cpu = found["overview"]
    return [f"runserver, overview: {len(times) / seconds:.0f} requests/s, client p50 / p95 "
            f"{statistics.median(times):.0f} / {percentile(times, 95):.0f} ms"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=["county", "province", "both"], default="both")
    parser.add_argument("--pages", choices=["all", "overview"], default="all")
    parser.add_argument("--keep-db", metavar="PATH",
                        help="build the instance here once and reuse it (SQLite: a directory; "
                             "DB=postgres: a database name); with --scale both, PATH-county "
                             "and PATH-province")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=10, help="requests per client and page")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: HALFSKY_WORKERS)")
    parser.add_argument("--runserver", action="store_true",
                        help="also time the overview under Django's development server")
    args = parser.parse_args()
    scales = ["county", "province"] if args.scale == "both" else [args.scale]
    report: list[str] = []
    for scale in scales:
        keep = args.keep_db
        if keep and args.scale == "both":
            keep = f"{keep}-{scale}"
        with instance(scale, keep) as env:
            print(f"{scale}: serving …", flush=True)
            report += ["", f"## {scale}", *serve_all(env, args)]
            if args.runserver:
                report += runserver_overview(env, args)
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
