"""``halfsky serve``: the production web server.

It collects the static files into ``STATIC_ROOT`` (compressed, with content hashes in
their names: WhiteNoise's CompressedManifestStaticFilesStorage), then replaces itself with
gunicorn running HalfSky's WSGI application — so that systemd, or whoever started it,
supervises gunicorn directly and its signals (TERM: stop gracefully, HUP: reload) reach
it. The address, worker count and log file come from the settings (``HALFSKY_BIND``,
``HALFSKY_WORKERS``, ``HALFSKY_LOG_FILE``) or the options.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from halfsky.cli.setup import setup_django

# Report generation may take a while; a worker is killed after this many silent seconds.
WORKER_TIMEOUT_SECONDS = 180


def collect_static_files(verbosity: int = 0) -> None:
    """Copy, compress and fingerprint the static files into STATIC_ROOT."""
    # Called once Django is set up (by ``cmd_serve``).
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    storages = {**settings.STORAGES,
                "staticfiles": {"BACKEND": settings.MANIFEST_STATIC_STORAGE}}
    with override_settings(STORAGES=storages, STATIC_ROOT=settings.STATIC_COLLECT_DIR):
        call_command("collectstatic", interactive=False, verbosity=verbosity)


def gunicorn_arguments(bind: str, workers: int, log_file: str) -> list[str]:
    log = log_file or "-"
    return [
        sys.executable, "-m", "gunicorn", "halfsky.web.wsgi:application",
        "--bind", bind,
        "--workers", str(workers),
        "--timeout", str(WORKER_TIMEOUT_SECONDS),
        "--access-logfile", log,
        "--error-logfile", log,
        "--capture-output",
        "--name", "halfsky",
        "--no-control-socket",
    ]


def cmd_serve(args: argparse.Namespace) -> int:
    setup_django()
    # Django's settings exist once Django is set up.
    from django.conf import settings

    if not args.no_collectstatic:
        collect_static_files()
    arguments = gunicorn_arguments(
        bind=args.bind or settings.HALFSKY_BIND,
        workers=args.workers or settings.HALFSKY_WORKERS,
        log_file=settings.HALFSKY_LOG_FILE,
    )
    environment = {**os.environ, "HALFSKY_STATIC_COLLECTED": "1"}
    sys.stdout.flush()
    os.execve(sys.executable, arguments, environment)
    return 0  # not reached: gunicorn has taken the process over


def add_parser(commands: Any) -> None:
    serve = commands.add_parser(
        "serve", help="run the production web server (gunicorn, with collected static files)")
    serve.add_argument("--bind", metavar="HOST:PORT",
                       help="address to listen on (default: HALFSKY_BIND, 127.0.0.1:8000)")
    serve.add_argument("--workers", type=int, metavar="N",
                       help="worker processes (default: HALFSKY_WORKERS, one per core, 2 to 8)")
    serve.add_argument("--no-collectstatic", action="store_true",
                       help="serve the static files collected before (skip collecting them)")
    serve.set_defaults(func=cmd_serve)
