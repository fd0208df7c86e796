"""Each page's CPU time per request, in-process, as the production server runs it.

The requests go through the WSGI application the server runs (``halfsky.web.wsgi``:
Django's handler, what its first requests left alive frozen; the whole middleware stack,
the cached template loader, the collected static files' manifest, ``DEBUG`` off) — not the test
client, whose template instrumentation copies every template's context. The users
take turns (coordinator, statistics bureau, leadership), each with its own session
cookie, like ``serving.py``'s clients. One request at a time in one process: the CPU
time (``time.process_time``, which includes SQLite's own work) is what the page costs,
however loaded the machine is.

    .venv/bin/python benchmarks/page_cpu.py --var-dir /tmp/county            # every page
    .venv/bin/python benchmarks/page_cpu.py --var-dir /tmp/county --profile domain --top 40

``--var-dir`` is an instance built by ``serving.py --keep-db`` (or ``halfsky demo``);
its static files must have been collected (``halfsky serve`` does it), otherwise the
files are served from the package as in development.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
USERS = ["coordinator", "statistics", "leader"]


def set_environment(var_dir: str) -> None:
    os.environ.update({"HALFSKY_VAR_DIR": var_dir, "HALFSKY_DEBUG": "0",
                       "DJANGO_SETTINGS_MODULE": "halfsky.web.settings"})
    if (Path(var_dir) / "static" / "staticfiles.json").exists():
        os.environ["HALFSKY_STATIC_COLLECTED"] = "1"
    sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--var-dir", required=True, help="the instance's HALFSKY_VAR_DIR")
    parser.add_argument("--runs", type=int, default=30, help="timed requests per page")
    parser.add_argument("--profile", metavar="PAGE", action="append", default=[],
                        help="print a cProfile of this page (its name, or 'all')")
    parser.add_argument("--top", type=int, default=30, help="lines of each profile")
    parser.add_argument("--sort", default="cumulative", help="the profile's order")
    parser.add_argument("--path", action="append", default=[],
                        help="time this address instead of the pages (repeatable)")
    parser.add_argument("--dump", metavar="DIR", help="also write each profile to DIR/PAGE.prof")
    args = parser.parse_args()
    set_environment(args.var_dir)

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.handlers.wsgi import WSGIHandler
    from django.test import Client, RequestFactory
    from pages import pages

    from halfsky.web.orgs.models import Profile
    from halfsky.web.wsgi import FrozenAfterWarmUp

    Profile.objects.update(must_change_password=False)
    cookies = []
    for name in USERS:
        client = Client()
        client.force_login(get_user_model().objects.get(username=name))
        cookies.append(f"sessionid={client.cookies['sessionid'].value}")
    # As the server runs it: what its first requests left alive frozen (halfsky.web.wsgi).
    handler, factory = FrozenAfterWarmUp(WSGIHandler()), RequestFactory()

    def fetch(path: str, cookie: str) -> int:
        address, _, query = path.partition("?")
        environ = factory._base_environ(PATH_INFO=address, QUERY_STRING=query,
                                        REQUEST_METHOD="GET", SERVER_NAME="127.0.0.1",
                                        HTTP_HOST="127.0.0.1", HTTP_COOKIE=cookie)
        status: list[str] = []
        body = handler(environ, lambda s, headers, *rest: status.append(s))
        for _ in body:
            pass
        body.close()
        return int(status[0].split()[0])

    print(f"{args.runs} requests per page, users {', '.join(USERS)} in turn; "
          f"load average {os.getloadavg()[0]:.1f}")
    print("| page | CPU ms per request p50 / mean | wall p50 ms |")
    print("|---|---|---|")
    found: dict[str, Any] = {}
    for name, path in [(p, p) for p in args.path] or pages():
        for cookie in cookies:  # warm-up: caches, templates, first session writes
            assert fetch(path, cookie) == 200, (name, path)
        profiler = cProfile.Profile() if name in args.profile or "all" in args.profile else None
        cpu, wall = [], []
        for run in range(args.runs):
            cookie = cookies[run % len(cookies)]
            began, began_cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            fetch(path, cookie)
            if profiler:
                profiler.disable()
            cpu.append((time.process_time() - began_cpu) * 1000)
            wall.append((time.perf_counter() - began) * 1000)
        found[name] = cpu
        print(f"| {name} | {statistics.median(cpu):.1f} / {statistics.mean(cpu):.1f} | "
              f"{statistics.median(wall):.1f} |", flush=True)
        if profiler:
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
            print(out.getvalue(), file=sys.stderr)
            if args.dump:
                profiler.dump_stats(str(Path(args.dump) / f"{name.replace(' ', '_').strip('/').replace('/', '_')}.prof"))
    every = [ms for cpu in found.values() for ms in cpu]
    print(f"| all | {statistics.median(every):.1f} / {statistics.mean(every):.1f} | |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
