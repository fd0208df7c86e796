"""``halfsky exchange``: link instances and move approved values between levels.

On the parent (city): ``issue-token AREA`` gives a child area its token;
``set-source``/``pull`` fetch a child's values. On the child (county):
``set-parent URL --token-file F`` and ``push``. ``status`` shows both sides.
Refusals print the exchange's sentence (in English) and exit with 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from halfsky.cli.setup import setup_django
from halfsky.domain.exchange import BATCH_SIZE, MAX_BATCH_SIZE


def _setup() -> None:
    setup_django()


def _fail(error: Any) -> int:
    from django.utils import translation

    from halfsky.web.core.text import sentence

    with translation.override("en"):
        print(f"halfsky: {sentence(error.code, error.params)} [{error.code}]", file=sys.stderr)
    return 2


def _token(args: argparse.Namespace) -> str:
    if args.token_file:
        return Path(args.token_file).read_text(encoding="utf-8").strip()
    return os.environ.get("HALFSKY_EXCHANGE_TOKEN", "").strip()


def _plan(code: str | None) -> Any:
    from halfsky.web.plans.models import Plan

    plans = Plan.objects.select_related("region")
    return plans.filter(code=code).first() if code else plans.first()


def _area(code: str) -> Any:
    from halfsky.web.orgs.models import Area

    return Area.objects.filter(code=code).first()


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items()) or "nothing new"


def cmd_exchange(args: argparse.Namespace) -> int:
    _setup()
    from halfsky.web.data.actions.errors import ActionError

    try:
        return int(COMMANDS[args.exchange_command](args))
    except ActionError as error:
        return _fail(error)


def issue_token(args: argparse.Namespace) -> int:
    from halfsky.web.exchange.access import do_issue_child_token

    plan, area = _plan(args.plan), _area(args.area)
    if plan is None or area is None:
        print(f"halfsky: no plan, or no area {args.area}", file=sys.stderr)
        return 2
    access, key = do_issue_child_token(plan.region, area, args.name or area.name, None)
    print(key)
    print(f"token {access.prefix}… for {area.name} ({area.code}); shown only this once",
          file=sys.stderr)
    return 0


def set_parent(args: argparse.Namespace) -> int:
    from halfsky.web.exchange.sync import do_set_parent_link

    link = do_set_parent_link(args.url, _token(args), None)
    print(f"parent instance: {link.url}")
    return 0


def set_source(args: argparse.Namespace) -> int:
    from halfsky.web.exchange.sync import do_set_child_source

    area = _area(args.area)
    if area is None:
        print(f"halfsky: no area {args.area}", file=sys.stderr)
        return 2
    source = do_set_child_source(area, args.url, _token(args), None)
    print(f"{area.name} ({area.code}) is pulled from {source.url}")
    return 0


def push(args: argparse.Namespace) -> int:
    from halfsky.web.data.actions.errors import ActionError
    from halfsky.web.exchange.sync import push_to_parent

    plan = _plan(args.plan)
    if plan is None:
        raise ActionError("exchange.no_plan")
    run = push_to_parent(plan, None, years=set(args.year) if args.year else None,
                         batch_size=args.batch_size)
    print(f"pushed {run.sent}/{run.batches} batches ({run.values} values): {_counts(run.counts)}")
    if run.error:
        return _fail(ActionError(run.error, **run.error_params))
    return 0


def pull(args: argparse.Namespace) -> int:
    from halfsky.web.exchange.sync import pull_from_child

    area = _area(args.area)
    if area is None:
        print(f"halfsky: no area {args.area}", file=sys.stderr)
        return 2
    summary = pull_from_child(area, None, years=set(args.year) if args.year else None)
    print(f"pulled {area.name} ({area.code}): {_counts(summary.counts)}")
    return 0


def status(args: argparse.Namespace) -> int:
    from halfsky.web.exchange.models import ParentLink, PushRun
    from halfsky.web.exchange.queries import children_status, open_conflict_count

    plan = _plan(args.plan)
    if plan is None:
        print("halfsky: no plan loaded", file=sys.stderr)
        return 2
    year = args.year[0] if args.year else plan.end_year - 1
    link = ParentLink.objects.first()
    print(f"{plan.code}: region {plan.region.name} ({plan.region.code})")
    print(f"parent instance: {link.url if link else '—'}")
    run = PushRun.objects.first()
    if run is not None:
        print(f"last push {run.started_at:%Y-%m-%d %H:%M}: {run.state}, {run.sent}/{run.batches} "
              f"batches, {_counts(run.counts)}{' ' + run.error if run.error else ''}")
    for row in children_status(plan, year):
        sent = f"{row.values} values" if row.has_sent else "not sent"
        print(f"  {row.area.code} {row.area.name}: {year} {sent}; tokens {len(row.tokens)}; "
              f"conflicts {row.conflicts}")
    print(f"open conflicts: {open_conflict_count()}")
    return 0


COMMANDS = {"issue-token": issue_token, "set-parent": set_parent, "set-source": set_source,
            "push": push, "pull": pull, "status": status}


def add_parser(commands: Any) -> None:
    """Add ``exchange`` to the ``halfsky`` command's subcommands."""
    exchange = commands.add_parser("exchange", help="exchange approved values with the parent "
                                                    "or child instances")
    actions = exchange.add_subparsers(dest="exchange_command", required=True, metavar="ACTION")
    exchange.set_defaults(func=cmd_exchange)

    def plan_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--plan", metavar="CODE", help="the plan (default: the newest)")

    def token_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--token-file", metavar="FILE", help="read the token from FILE "
                            "(default: the HALFSKY_EXCHANGE_TOKEN environment variable)")

    def year_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--year", type=int, action="append", metavar="YEAR",
                            help="only this data year (repeat for more; default: all)")

    issue = actions.add_parser("issue-token", help="(parent) issue a token to a child area; "
                               "prints the key once")
    issue.add_argument("area", metavar="AREA", help="GB/T 2260 code of the child area")
    issue.add_argument("--name", help="a name for the token (default: the area's name)")
    plan_option(issue)
    parent = actions.add_parser("set-parent", help="(child) where to push, with the token the "
                                "parent issued")
    parent.add_argument("url", metavar="URL", help="the parent instance, e.g. http://10.1.2.3:8000")
    token_option(parent)
    source = actions.add_parser("set-source", help="(parent) where to pull a child area from")
    source.add_argument("area", metavar="AREA")
    source.add_argument("url", metavar="URL")
    token_option(source)
    push_parser = actions.add_parser("push", help="(child) push approved values to the parent")
    plan_option(push_parser)
    year_option(push_parser)
    push_parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, metavar="N",
                             help=f"values per request (1–{MAX_BATCH_SIZE}, default {BATCH_SIZE})")
    pull_parser = actions.add_parser("pull", help="(parent) pull a child area's approved values")
    pull_parser.add_argument("area", metavar="AREA")
    year_option(pull_parser)
    status_parser = actions.add_parser("status", help="the parent link, the last push and what "
                                       "each child area has sent")
    plan_option(status_parser)
    status_parser.add_argument("--year", type=int, action="append", metavar="YEAR",
                               help="the data year (default: the plan's last year but one)")
