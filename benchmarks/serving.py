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
import http.cookiejar
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
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HALFSKY = [sys.executable, "-m", "halfsky.cli"]
USERS = ["coordinator", "statistics", "health_reporter", "leader", "viewer"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


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
            # The demo accounts must change their known password at first login; the
            # benchmark's users stand for people who have, so the overview is what is timed.
            subprocess.run([*HALFSKY, "manage", "shell", "-c",
                            "from halfsky.web.orgs.models import Profile; "
                            "Profile.objects.update(must_change_password=False)"],
                           env=env, check=True, stdout=subprocess.DEVNULL)
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


class Client:
    def __init__(self, base: str, username: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.opener.open(f"{base}/login/", timeout=60).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "no CSRF token on the login page"
        data = urllib.parse.urlencode({"username": username, "password": "halfsky-demo",
                                       "csrfmiddlewaretoken": token.group(1)}).encode()
        landed = self.opener.open(urllib.request.Request(
            f"{base}/login/", data=data, headers={"Referer": f"{base}/login/"}), timeout=60)
        assert "/login/" not in landed.geturl(), f"{username} could not log in"

    def overview_ms(self) -> float:
        began = time.perf_counter()
        response = self.opener.open(f"{self.base}/", timeout=120)
        response.read()
        assert response.status == 200 and response.geturl() == f"{self.base}/", response.geturl()
        return (time.perf_counter() - began) * 1000


def measure(base: str, clients: int, requests: int) -> tuple[float, list[float]]:
    logged_in = [Client(base, USERS[i % len(USERS)]) for i in range(clients)]
    for client in logged_in[:3]:
        client.overview_ms()  # warm up
    times: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def run(client: Client) -> None:
        start.wait()
        mine = [client.overview_ms() for _ in range(requests)]
        with lock:
            times.extend(mine)

    began = time.perf_counter()
    threads = [threading.Thread(target=run, args=(c,)) for c in logged_in]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - began, times


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


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
