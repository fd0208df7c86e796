"""20 concurrent clients over the overview and indicator pages of the demo.

Sets up the demo in a temporary directory (or reuses ``--var-dir``), starts a
server on 127.0.0.1 in a child process — Django's WSGI application in the
standard library's WSGI server, pre-forked into one worker process per core,
each response carrying a
``Server-Timing: app;dur=<ms>`` header measured around the application — and
drives ``--clients`` threads, each logged in as a demo user, through
``--rounds`` visits of: the overview (``/``), an indicator page and the chart's
JSON (``/api/indicators/<code>/series``, which the page fetches). It prints the
50th/95th/99th percentile of the server time (the application's own time per
request) and of the time the client waited (which adds queueing in the
server and the clients' own Python work on the same machine), then stops the
server.

    .venv/bin/python benchmarks/dashboard_load.py                 # 20 clients × 20 rounds
    .venv/bin/python benchmarks/dashboard_load.py --clients 5 --rounds 5
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from load_clients import USERS, LoggedInClient, free_port, mark_passwords_changed, percentile

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
HEALTH = ["H01", "H03", "H04", "H05"]
ALL = HEALTH + ["E03", "E08", "S01", "F01"]


def serve(port: int, workers: int) -> None:
    """The child process: the demo behind pre-forked WSGI workers that time the app.

    Like a production server's sync workers (gunicorn's default), each worker
    process handles one request at a time; requests beyond the workers wait in
    the listening socket's queue (counted in the client's time, not the server's).
    """
    from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

    from django.core.wsgi import get_wsgi_application

    app = get_wsgi_application()

    def timed(environ, start_response):  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        captured: dict[str, object] = {}

        def start(status, headers, exc_info=None):  # type: ignore[no-untyped-def]
            captured["status"], captured["headers"] = status, headers
            return lambda data: None

        body = b"".join(app(environ, start))
        elapsed = (time.perf_counter() - began) * 1000
        headers = list(captured["headers"]) + [("Server-Timing", f"app;dur={elapsed:.2f}")]  # type: ignore[call-overload]
        start_response(captured["status"], headers)
        return [body]

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    class Queued(WSGIServer):
        request_queue_size = 128

    server = make_server("127.0.0.1", port, timed, server_class=Queued, handler_class=Quiet)
    for _ in range(workers - 1):
        if os.fork() == 0:
            break
    else:
        print("ready", flush=True)
    server.serve_forever()


class Client(LoggedInClient):
    def get(self, path: str) -> tuple[float, float]:
        """(server time from Server-Timing, client wait) in ms."""
        response, waited = self.fetch(path)
        match = re.search(r"dur=([0-9.]+)", response.headers.get("Server-Timing", ""))
        return (float(match.group(1)) if match else float("nan")), waited


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=20, help="visits per client")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2,
                        help="server worker processes (default: one per core)")
    parser.add_argument("--var-dir", help="reuse a demo database here (else a fresh one)")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.serve, args.workers)
        return 0

    temporary = None if args.var_dir else tempfile.TemporaryDirectory(prefix="halfsky-bench-")
    var_dir = args.var_dir or temporary.name  # type: ignore[union-attr]
    env = {**os.environ, "HALFSKY_VAR_DIR": var_dir, "DJANGO_SETTINGS_MODULE": "halfsky.web.settings",
           "HALFSKY_DEBUG": "0"}
    if not (Path(var_dir) / "halfsky.sqlite3").exists():
        print(f"setting up the demo in {var_dir} …", flush=True)
        subprocess.run([str(BIN / "halfsky"), "manage", "migrate", "--noinput", "-v", "0"],
                       env=env, check=True)
        subprocess.run([str(BIN / "halfsky"), "demo"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
    mark_passwords_changed([str(BIN / "halfsky")], env)
    port = free_port()
    server = subprocess.Popen([sys.executable, __file__, "--serve", str(port), "--workers",
                               str(args.workers)], env=env, stdout=subprocess.PIPE, text=True,
                              start_new_session=True)
    try:
        assert server.stdout is not None and server.stdout.readline().strip() == "ready"
        base = f"http://127.0.0.1:{port}"
        plan = "jixian-women-2021-2025"
        clients = [Client(base, USERS[i % len(USERS)], timeout=60) for i in range(args.clients)]
        results: dict[str, list[tuple[float, float]]] = {"overview": [], "indicator": [],
                                                         "series": []}
        lock = threading.Lock()
        start = threading.Barrier(args.clients)

        def run(i: int) -> None:
            client = clients[i]
            codes = HEALTH if USERS[i % len(USERS)] == "health_reporter" else ALL
            start.wait()
            for n in range(args.rounds):
                code = codes[(i + n) % len(codes)]
                got = {"overview": client.get(f"/plans/{plan}/dashboard/"),
                       "indicator": client.get(f"/plans/{plan}/indicators/{code}/"),
                       "series": client.get(f"/api/indicators/{code}/series?plan={plan}")}
                with lock:
                    for key, value in got.items():
                        results[key].append(value)

        began = time.perf_counter()
        threads = [threading.Thread(target=run, args=(i,)) for i in range(args.clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.perf_counter() - began
    finally:
        os.killpg(server.pid, signal.SIGTERM)  # the server and its forked workers
        server.wait(timeout=10)
        if temporary is not None:
            temporary.cleanup()

    every = [r for rows in results.values() for r in rows]
    print(f"{args.clients} clients × {args.rounds} rounds, {args.workers} server workers: {len(every)} requests in {wall:.1f} s "
          f"({len(every) / wall:.0f}/s); load average {os.getloadavg()[0]:.1f}")
    print(f"{'page':<10} {'n':>5} {'server p50':>11} {'p95':>8} {'p99':>8} "
          f"{'client p50':>11} {'p95':>8}  (ms)")
    for name, rows in [*results.items(), ("all", every)]:
        server_ms = [r[0] for r in rows]
        client_ms = [r[1] for r in rows]
        print(f"{name:<10} {len(rows):>5} {statistics.median(server_ms):>11.1f} "
              f"{percentile(server_ms, 95):>8.1f} {percentile(server_ms, 99):>8.1f} "
              f"{statistics.median(client_ms):>11.1f} {percentile(client_ms, 95):>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
