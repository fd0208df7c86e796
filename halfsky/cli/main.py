"""The ``halfsky`` command.

``halfsky plan show PLAN`` works on files alone; the other commands set up
Django and use the configured database (see the README for settings).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import Any

from halfsky.cli.assess import add_parser as add_assess_parser
from halfsky.cli.backup import add_parsers as add_backup_parsers
from halfsky.cli.check import add_parser as add_check_parser
from halfsky.cli.exchange import add_parser as add_exchange_parser
from halfsky.cli.messages import plan_file_message
from halfsky.cli.plan_import import add_import_parser
from halfsky.cli.serve import add_parser as add_serve_parser
from halfsky.cli.setup import fail as _fail
from halfsky.cli.setup import setup_django as _setup_django
from halfsky.cli.successor import add_parser as add_successor_parser
from halfsky.cli.worker import add_parser as add_worker_parser
from halfsky.domain.plan import Plan
from halfsky.domain.targets import Target
from halfsky.formats.plan_file import (
    PlanFileError,
    load_plan,
    plan_from_dict,
    plan_to_dict,
    shipped_plans,
)
from halfsky.formats.reference_csv import ReferenceFileError, read_reference_csv

DEFAULT_PLAN = "jixian-women-2021-2025"


def target_text(target: Target) -> str:
    """A target in compact symbols: '≤ 12.5 1/10万 by 2025 [threshold]'."""
    parts: list[str] = []
    if target.comparator is not None and target.value is not None:
        parts.append(f"{target.comparator.symbol} {target.value:g} {target.unit}".rstrip())
        if target.tolerance is not None:
            parts.append(f"±{target.tolerance:g}")
    if target.groups:
        parts.append("/".join(target.groups))
    if target.relative_to:
        parts.append(f"≥ {target.relative_to}")
    if target.year:
        parts.append(f"by {target.year}")
    parts.append(f"[{target.kind.value}]")
    return " ".join(parts)


def print_plan(plan: Plan) -> None:
    departments = {d.code: d.name for d in plan.departments}

    def who(lead: str | None, supporting: tuple[str, ...]) -> str:
        names = [departments.get(lead or "", lead or "-")]
        if supporting:
            names.append("+ " + "、".join(departments.get(s, s) for s in supporting))
        return " ".join(names)

    print(f"{plan.title}  ({plan.code}, {plan.start_year}–{plan.end_year}, "
          f"baseline {plan.baseline_year}, region {plan.region})")
    for domain in plan.domains:
        print(f"\n[{domain.number}] {domain.name}  ({domain.code})")
        print("  goals:")
        for goal in domain.goals:
            print(f"    {goal.number}. {goal.text}")
            print(f"       ({goal.kind.value}; {who(goal.responsibility.lead, goal.responsibility.supporting)})")
            for indicator in plan.indicators:
                if indicator.goal.domain == domain.code and indicator.goal.goal == goal.number:
                    targets = "; ".join(target_text(t) for t in indicator.targets) or "-"
                    print(f"       - {indicator.code} {indicator.name} [{indicator.unit}]: {targets}"
                          f"  ({departments.get(indicator.responsibility.lead or '', '-')})")
        print("  measures:")
        for measure in domain.measures:
            print(f"    {measure.number}. {measure.title}"
                  f"  ({who(measure.responsibility.lead, measure.responsibility.supporting)})")
    print(f"\ndepartments: {len(plan.departments)}; indicators: {len(plan.indicators)}")


def cmd_plan_load(args: argparse.Namespace) -> int:
    plan = load_plan(args.plan)
    _setup_django()
    # Django's models and commands exist once Django is set up (files-only commands skip it).
    from halfsky.web.plans.actions import PlanLoadError, do_load_plan

    try:
        summary = do_load_plan(plan)
    except PlanLoadError as error:
        return _fail(f"{error.code} {error.params}")
    state = "created" if summary.created else ("updated" if summary.changed else "unchanged")
    counts = ", ".join(f"{k} {v}" for k, v in summary.counts.items())
    print(f"plan {plan.code}: {state} ({counts})")
    return 0


def _stored_plan_document(code: str | None) -> tuple[dict[str, Any] | None, str]:
    _setup_django()
    # Django's models and commands exist once Django is set up (files-only commands skip it).
    from halfsky.web.plans.queries import plan_for_command

    stored, problem = plan_for_command(code)
    return (stored.document if stored is not None else None), problem


def cmd_plan_show(args: argparse.Namespace) -> int:
    if args.plan:
        plan = load_plan(args.plan)
    else:
        document, problem = _stored_plan_document(args.code)
        if document is None:
            return _fail(problem)
        plan = plan_from_dict(document)
    if args.json:
        json.dump(plan_to_dict(plan), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print_plan(plan)
    return 0


def cmd_plan_list(args: argparse.Namespace) -> int:
    for name in shipped_plans():
        print(name)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    _setup_django()
    # Django's models and commands exist once Django is set up (files-only commands skip it).
    from halfsky.web.demo import set_up_demo, set_up_province_demo

    if args.scale == "province":
        set_up_province_demo(load_plan(args.plan), out=sys.stdout)
    else:
        set_up_demo(load_plan(args.plan), out=sys.stdout, companions=not args.no_companions)
    return 0


def cmd_reference_load(args: argparse.Namespace) -> int:
    try:
        figures = read_reference_csv(args.csv)
    except ReferenceFileError as error:
        return _fail(f"{error.code} line {error.line}")
    _setup_django()
    # Django's models and commands exist once Django is set up (files-only commands skip it).
    from halfsky.web.values.actions.reference import do_load_reference_values

    count = do_load_reference_values(figures)
    print(f"reference values: {count}")
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    _setup_django()
    # Django's models and commands exist once Django is set up (files-only commands skip it).
    from django.core.management import execute_from_command_line

    execute_from_command_line(["halfsky manage", *args.arguments])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="halfsky", description="HalfSky (半边天): women's development plan monitoring."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    plan = commands.add_parser("plan", help="load, show and list plans")
    plan_commands = plan.add_subparsers(dest="plan_command", required=True, metavar="ACTION")
    load = plan_commands.add_parser("load", help="store a plan in the database (idempotent)")
    load.add_argument("plan", metavar="PLAN", help="a plan file (.yaml/.json) or a shipped plan name")
    load.set_defaults(func=cmd_plan_load)
    show = plan_commands.add_parser("show", help="print a plan (no server needed)")
    show.add_argument("plan", metavar="PLAN", nargs="?",
                      help="a plan file or shipped plan name; default: the stored plan --plan names")
    show.add_argument("--plan", dest="code", metavar="CODE",
                      help="the stored plan's code (needed when the database holds several plans)")
    show.add_argument("--json", action="store_true", help="print the plan file's JSON form")
    show.set_defaults(func=cmd_plan_show)
    listing = plan_commands.add_parser("list", help="list the shipped plans")
    listing.set_defaults(func=cmd_plan_list)
    add_import_parser(plan_commands)
    add_successor_parser(plan_commands)

    demo = commands.add_parser(
        "demo", help="load the plan, sample data, reference values and demo accounts (idempotent)"
    )
    demo.add_argument("--plan", default=DEFAULT_PLAN, help=f"plan to load (default {DEFAULT_PLAN})")
    demo.add_argument("--no-companions", action="store_true",
                      help=f"with {DEFAULT_PLAN}: leave out the sample children's plan and "
                           "the sample 2026-2030 plan")
    demo.add_argument("--scale", choices=["county", "province"], default="county",
                      help="county: the Ji County demo; province: the plan's indicators for "
                           "山西省 and its 128 cities and counties, 2016–2025 (a benchmark set)")
    demo.set_defaults(func=cmd_demo)

    reference = commands.add_parser("reference", help="national reference values")
    reference_commands = reference.add_subparsers(dest="reference_command", required=True,
                                                  metavar="ACTION")
    ref_load = reference_commands.add_parser("load", help="replace the national reference values")
    ref_load.add_argument("csv", metavar="CSV", nargs="?", default=None,
                          help="reference CSV (default: the shipped national figures)")
    ref_load.set_defaults(func=cmd_reference_load)
    add_assess_parser(commands)
    add_exchange_parser(commands)
    add_worker_parser(commands)
    add_serve_parser(commands)
    add_check_parser(commands)
    add_backup_parsers(commands)

    manage = commands.add_parser("manage", help="run a Django management command (migrate, runserver…)")
    manage.add_argument("arguments", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except PlanFileError as error:
        return _fail(plan_file_message(error.code, error.location, error.params))
