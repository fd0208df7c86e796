"""``halfsky check``: Django's deployment checks and HalfSky's, each problem in words.

Exit code 0 when there is no problem, 1 when there is one or more.
"""

from __future__ import annotations

import argparse
from typing import Any

from halfsky.cli.setup import setup_django


def cmd_check(args: argparse.Namespace) -> int:
    setup_django()
    # The checks read Django's settings and models: imported once Django is set up.
    from halfsky.web.deploy_checks import find_problems

    problems = find_problems()
    for number, problem in enumerate(problems, start=1):
        print(f"{number}. {problem.message} [{problem.code}]")
    if problems:
        print(f"\n{len(problems)} problem(s): fix them before using this instance for real.")
        return 1
    print("no problems found: this instance is set up for production use.")
    return 0


def add_parser(commands: Any) -> None:
    check = commands.add_parser(
        "check", help="check that this instance is fit for production; say what to fix")
    check.set_defaults(func=cmd_check)
