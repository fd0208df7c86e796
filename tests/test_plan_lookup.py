"""No code reads "the" plan: every page, endpoint and command names its plan by code.

Only the chooser (``halfsky/web/plans/choice.py``) may fall back to a plan by order, for
a user who has chosen none.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "halfsky"
CHOOSER = ROOT / "web" / "plans" / "choice.py"

# A plan picked by its place in an ordering, or the lookup without a code.
PICKS = [
    (re.compile(r"Plan\.objects(?:\.(?!filter\(|get\()\w+\([^()]*\))*\.(?:first|last)\(\)"),
     "Plan.objects…first()/last()"),
    (re.compile(r"Plan\.objects[^\n]*\.order_by\([^()]*\)\s*\[\s*0\s*\]"), "Plan ….order_by(…)[0]"),
    (re.compile(r"\bplans?\.order_by\([^()]*\)\s*(?:\[\s*0\s*\]|\.first\(\))"),
     "plans.order_by(…)[0]/first()"),
    (re.compile(r"\bfind_plan\(\s*\)"), "find_plan() without a code"),
    (re.compile(r"\bcurrent_plan\("), "current_plan() (removed: name the plan)"),
]


def picks_in(text: str) -> list[str]:
    return [name for pattern, name in PICKS if pattern.search(text)]


def test_no_plan_is_read_without_its_code_outside_the_chooser() -> None:
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        if path == CHOOSER or "migrations" in path.parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            found += [f"{path.relative_to(ROOT.parent)}:{number}: {name}"
                      for name in picks_in(line)]
    assert found == []


def test_the_check_finds_each_way_of_picking_a_plan() -> None:
    assert picks_in('plan = Plan.objects.select_related("region").first()')
    assert picks_in("plan = Plan.objects.last()")
    assert picks_in('plan = Plan.objects.order_by("-start_year")[0]')
    assert picks_in("plan = find_plan()")
    assert picks_in("plan = current_plan()")
    assert not picks_in('plan = Plan.objects.select_related("region").filter(code=code).first()')
    assert not picks_in("plan = find_plan(code)")

