"""``halfsky exchange``: link instances and move approved values between levels.

On the parent (city): ``issue-token AREA`` gives a child area its token;
``set-source``/``pull`` fetch a child's values. On the child (county):
``set-parent URL --token-file F`` and ``push``. ``status`` shows both sides.
Refusals print the exchange's sentence (in English) and exit with 2. The
commands themselves are in ``exchange_commands``.
"""

from __future__ import annotations

import argparse
from typing import Any

from halfsky.cli.setup import setup_django
from halfsky.domain.exchange import BATCH_SIZE, MAX_BATCH_SIZE


def cmd_exchange(args: argparse.Namespace) -> int:
    setup_django()
    # The commands use Django's models: their module is imported once Django is set up.
    from halfsky.cli import exchange_commands

    return exchange_commands.run(args)


def add_parser(commands: Any) -> None:
    """Add ``exchange`` to the ``halfsky`` command's subcommands."""
    exchange = commands.add_parser("exchange", help="exchange approved values with the parent "
                                                    "or child instances")
    actions = exchange.add_subparsers(dest="exchange_command", required=True, metavar="ACTION")
    exchange.set_defaults(func=cmd_exchange)

    def plan_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--plan", metavar="CODE", help="the plan's code (needed when the instance has several plans)")

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
