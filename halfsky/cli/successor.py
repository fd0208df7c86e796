"""``halfsky plan successor OLD NEW_FILE``: the next plan, its indicators linked to the old one's.

Prints the links proposed (by code, name and unit, never across units), the
indicators that ended and the new ones. ``--accept`` writes the links (all, or
``--only`` some) into NEW_FILE as ``same_as`` and loads it; the values of a
linked indicator are then the old plan's series, judged by the new targets.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from halfsky.cli.setup import fail, setup_django
from halfsky.domain.successor import LinkReason, Proposals, propose_links, with_links
from halfsky.formats.plan_file import load_plan, plan_from_dict, plan_to_dict, plan_to_yaml

REASONS = {LinkReason.SAME_CODE_AND_NAME: "same code and name",
           LinkReason.SAME_NAME: "same name", LinkReason.SAME_CODE: "same code only"}


def print_proposals(proposals: Proposals) -> None:
    print(f"successor {proposals.new_plan} of {proposals.old_plan}")
    print(f"\nlinks proposed ({len(proposals.links)}): the new indicator ← the old series")
    for link in proposals.links:
        renamed = "" if link.name == link.old_name else f" (was {link.old_name})"
        print(f"  {link.new} {link.name} ← {link.old}{renamed} [{link.unit or '-'}]"
              f"  {REASONS[link.reason]}")
    if proposals.kept:
        print(f"\nlinked in the file already ({len(proposals.kept)}): {', '.join(proposals.kept)}")
    print(f"\nended: in {proposals.old_plan} only ({len(proposals.ended)})")
    for indicator in proposals.ended:
        print(f"  {indicator.code} {indicator.name} [{indicator.unit or '-'}]")
    print(f"\nnew: a series of their own ({len(proposals.new)})")
    for indicator in proposals.new:
        print(f"  {indicator.code} {indicator.name} [{indicator.unit or '-'}]")


def cmd_successor(args: argparse.Namespace) -> int:
    path = Path(args.new_file)
    new = load_plan(path)
    setup_django()
    # Django's models exist once Django is set up (files-only commands skip it).
    from halfsky.web.plans.actions import PlanLoadError, do_load_plan
    from halfsky.web.plans.models import Plan

    stored = Plan.objects.filter(code=args.old).first()
    if stored is None:
        return fail(f"no plan {args.old!r} in the database; load it first")
    proposals = propose_links(plan_from_dict(stored.document), new)
    print_proposals(proposals)
    if not args.accept:
        print("\nnothing changed; run again with --accept to write the links and load the plan")
        return 0
    accepted = {c.strip() for c in args.only.split(",") if c.strip()} if args.only else None
    linked = with_links(new, proposals, accepted)
    if path.suffix.lower() == ".json":
        text = json.dumps(plan_to_dict(linked), ensure_ascii=False, indent=2) + "\n"
    else:
        text = plan_to_yaml(linked)
    try:
        summary = do_load_plan(linked)
    except PlanLoadError as error:
        return fail(f"{error.code} {error.params}")
    path.write_text(text, encoding="utf-8")
    count = sum(1 for i in linked.indicators if i.same_as is not None)
    print(f"\nwrote {count} links into {path}; plan {linked.code} "
          f"{'created' if summary.created else 'updated'}")
    return 0


def add_parser(plan_commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    successor = plan_commands.add_parser(
        "successor", help="propose links from a new plan's indicators to the old plan's series")
    successor.add_argument("old", metavar="OLD", help="code of the old plan (in the database)")
    successor.add_argument("new_file", metavar="NEW_FILE", help="the new plan's file (.yaml/.json)")
    successor.add_argument("--accept", action="store_true",
                           help="write the proposed links into NEW_FILE and load it")
    successor.add_argument("--only", metavar="CODES",
                           help="with --accept: only these new indicator codes, comma-separated")
    successor.set_defaults(func=cmd_successor)
