"""``halfsky worker``: run the background jobs (report generation, reassessment, exchange,
imports) that the web server queues. Run one or more, on one or more machines sharing
the database; see ``halfsky.web.jobs.worker``."""

from __future__ import annotations

import argparse
from typing import Any

from halfsky.cli.setup import setup_django


def cmd_worker(args: argparse.Namespace) -> int:
    setup_django()
    # The worker uses Django's models: imported once Django is set up.
    from halfsky.web.jobs.worker import run_worker

    run_worker(interval=args.interval, verbosity=0 if args.quiet else 1)
    return 0


def add_parser(commands: Any) -> None:
    worker = commands.add_parser(
        "worker", help="run the background jobs the web server queues (until stopped)")
    worker.add_argument("--interval", type=float, default=1.0,
                        help="seconds to wait when the queue is empty (default 1)")
    worker.add_argument("--quiet", action="store_true", help="log nothing but errors")
    worker.set_defaults(func=cmd_worker)
