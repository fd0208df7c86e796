"""The ``halfsky exchange`` commands (Django is set up before this module is imported)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from django.utils import translation

from halfsky.web.core.errors import ActionError
from halfsky.web.core.text import sentence
from halfsky.web.exchange.actions.access import do_issue_child_token
from halfsky.web.exchange.actions.links import do_set_child_source, do_set_parent_link
from halfsky.web.exchange.models import ParentLink, PushRun
from halfsky.web.exchange.queries import children_status, open_conflict_count
from halfsky.web.exchange.sync import (
    pull_from_child,
    push_to_parent,
)
from halfsky.web.orgs.models import Area
from halfsky.web.plans.queries import plan_for_command


def _fail(error: Any) -> int:
    with translation.override("en"):
        print(f"halfsky: {sentence(error.code, error.params)} [{error.code}]", file=sys.stderr)
    return 2


def _token(args: argparse.Namespace) -> str:
    if args.token_file:
        return Path(args.token_file).read_text(encoding="utf-8").strip()
    return os.environ.get("HALFSKY_EXCHANGE_TOKEN", "").strip()


def _plan(code: str | None) -> Any:
    """The plan ``--plan`` names (the only plan when the instance has one); else the reason."""
    plan, problem = plan_for_command(code)
    if plan is None:
        print(f"halfsky: {problem}", file=sys.stderr)
    return plan


def _area(code: str) -> Any:
    return Area.objects.filter(code=code).first()


def _counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {count}" for name, count in counts.items()) or "nothing new"


def run(args: argparse.Namespace) -> int:
    try:
        return int(COMMANDS[args.exchange_command](args))
    except ActionError as error:
        return _fail(error)


def issue_token(args: argparse.Namespace) -> int:
    plan, area = _plan(args.plan), _area(args.area)
    if plan is None:
        return 2
    if area is None:
        print(f"halfsky: no area {args.area}", file=sys.stderr)
        return 2
    access, key = do_issue_child_token(plan.region, area, args.name or area.name, None)
    print(key)
    print(f"token {access.prefix}… for {area.name} ({area.code}); shown only this once",
          file=sys.stderr)
    return 0


def set_parent(args: argparse.Namespace) -> int:
    link = do_set_parent_link(args.url, _token(args), None)
    print(f"parent instance: {link.url}")
    return 0


def set_source(args: argparse.Namespace) -> int:
    area = _area(args.area)
    if area is None:
        print(f"halfsky: no area {args.area}", file=sys.stderr)
        return 2
    source = do_set_child_source(area, args.url, _token(args), None)
    print(f"{area.name} ({area.code}) is pulled from {source.url}")
    return 0


def push(args: argparse.Namespace) -> int:
    plan = _plan(args.plan)
    if plan is None:
        return 2
    run = push_to_parent(plan, None, years=set(args.year) if args.year else None,
                         batch_size=args.batch_size)
    print(f"pushed {run.sent}/{run.batches} batches ({run.values} values): {_counts(run.counts)}")
    if run.error:
        return _fail(ActionError(run.error, **run.error_params))
    return 0


def pull(args: argparse.Namespace) -> int:
    area = _area(args.area)
    if area is None:
        print(f"halfsky: no area {args.area}", file=sys.stderr)
        return 2
    summary = pull_from_child(area, None, years=set(args.year) if args.year else None)
    print(f"pulled {area.name} ({area.code}): {_counts(summary.counts)}")
    return 0


def status(args: argparse.Namespace) -> int:
    plan = _plan(args.plan)
    if plan is None:
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
    print(f"open conflicts: {open_conflict_count(plan)}")
    return 0


COMMANDS = {"issue-token": issue_token, "set-parent": set_parent, "set-source": set_source,
            "push": push, "pull": pull, "status": status}


