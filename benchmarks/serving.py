"""The overview page (``/``, logged in) under ``halfsky serve`` (gunicorn) vs ``runserver``.

Sets up the demo in a new instance — SQLite in a temporary directory, or with
``DB=postgres`` a new PostgreSQL database (dropped afterwards; the ``PG*`` role needs
CREATEDB) — then, for each server in turn, starts it on 127.0.0.1, logs ``--clients``
threads in as demo users and has each fetch the overview ``--requests`` times, all
at once. It prints the requests per second and the 50th/95th percentile of the time a
client waited, per server. Loopback only; a bounded number of requests.

    .venv/bin/python benchmarks/serving.py                       # 20 clients × 20 requests
    DB=postgres PGUSER=halfsky PGPASSWORD=halfsky .venv/bin/python benchmarks/serving.py
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from load_clients import (
    USERS,
    LoggedInClient,
    free_port,
    mark_passwords_changed,
    percentile,
)

ROOT = Path(__file__).resolve().parent.parent
HALFSKY = [sys.executable, "-m", "halfsky.cli"]


@contextmanager
def demo_instance() -> Iterator[dict[str, str]]:
    with tempfile.TemporaryDirectory(prefix="halfsky-serving-") as var:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "HALFSKY_VAR_DIR": var,
               "HALFSKY_DEBUG": "0", "HALFSKY_LOG_FILE": str(Path(var) / "server.log")}
        database = None
        if env.get("DB") == "postgres":
            database = f"halfsky_serving_{uuid.uuid4().hex[:8]}"
            subprocess.run(["createdb", database], env=env, check=True)
            env["PGDATABASE"] = database
        try:
            print(f"setting up the demo ({env.get('DB', 'sqlite')}) …", flush=True)
            subprocess.run([*HALFSKY, "manage", "migrate", "--noinput", "-v", "0"], env=env,
                           check=True)
            subprocess.run([*HALFSKY, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
            mark_passwords_changed(HALFSKY, env)
            yield env
        finally:
            if database:
                subprocess.run(["dropdb", "--if-exists", database], env=env, check=False)


@contextmanager
def running(command: list[str], port: int, env: dict[str, str]) -> Iterator[None]:
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the server did not start: {' '.join(command)}") from None
                time.sleep(0.3)
        yield
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


OVERVIEW = "/plans/jixian-women-2021-2025/dashboard/"  # the home page's target


def measure(base: str, clients: int, requests: int) -> tuple[float, list[float]]:
    logged_in = [LoggedInClient(base, USERS[i % len(USERS)], timeout=120) for i in range(clients)]
    for client in logged_in[:3]:
        client.fetch(OVERVIEW)[1]  # warm up
    times: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def run(client: LoggedInClient) -> None:
        start.wait()
        mine = [client.fetch(OVERVIEW)[1] for _ in range(requests)]
        with lock:
            times.extend(mine)

    began = time.perf_counter()
    threads = [threading.Thread(target=run, args=(c,)) for c in logged_in]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=20, help="overview requests per client")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: HALFSKY_WORKERS)")
    args = parser.parse_args()
    rows = []
    with demo_instance() as env:
        for name in ("gunicorn", "runserver"):
            port = free_port()
            command = ([*HALFSKY, "serve", "--bind", f"127.0.0.1:{port}"]
                       + (["--workers", str(args.workers)] if args.workers else [])
                       if name == "gunicorn" else
                       [*HALFSKY, "manage", "runserver", "--noreload", f"127.0.0.1:{port}"])
            with running(command, port, env):
                wall, times = measure(f"http://127.0.0.1:{port}", args.clients, args.requests)
            rows.append((name, len(times), wall, times))
    print(f"\n{args.clients} clients × {args.requests} requests of / ({env.get('DB', 'sqlite')}, "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
    print(f"{'server':<10} {'requests':>8} {'seconds':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for name, count, wall, times in rows:
        print(f"{name:<10} {count:>8} {wall:>8.1f} {count / wall:>7.1f} "
              f"{statistics.median(times):>8.0f} {percentile(times, 95):>8.0f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
