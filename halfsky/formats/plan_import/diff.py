"""What changed between two imports of a plan: goals, measures and targets.

Changes are data (``what``, ``change``, ``where``, old and new text),
rendered in words at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass

from halfsky.domain.plan import Plan
from halfsky.domain.targets import Target


@dataclass(frozen=True)
class Change:
    what: str  # "goal", "measure", "target"
    change: str  # "added", "removed", "changed"
    where: str  # "health.2"
    old: str = ""
    new: str = ""


def _texts(plan: Plan, section: str) -> dict[str, str]:
    items = plan.goals() if section == "goal" else plan.measures()
    return {f"{domain.code}.{item.number}": item.text for domain, item in items}


def target_words(name: str, target: Target) -> str:
    """A target in compact symbols, for comparing and showing: '孕产妇死亡率 ≤ 12.5 1/10万 2025'."""
    parts = [name, target.kind.value]
    if target.comparator is not None and target.value is not None:
        parts.append(f"{target.comparator.symbol} {target.value:g} {target.unit}".rstrip())
    if target.groups:
        parts.append("/".join(target.groups))
    if target.year is not None:
        parts.append(str(target.year))
    return " ".join(parts)


def _targets(plan: Plan) -> dict[tuple[str, str, str], str]:
    found: dict[tuple[str, str, str], str] = {}
    for indicator in plan.indicators:
        for target in indicator.targets:
            key = (str(indicator.goal), indicator.name, target.kind.value)
            found[key] = target_words(indicator.name, target)
    return found


def _compare(what: str, old: dict[str, str], new: dict[str, str]) -> list[Change]:
    changes = []
    for where in sorted(old.keys() | new.keys()):
        if where not in new:
            changes.append(Change(what, "removed", where, old=old[where]))
        elif where not in old:
            changes.append(Change(what, "added", where, new=new[where]))
        elif old[where] != new[where]:
            changes.append(Change(what, "changed", where, old=old[where], new=new[where]))
    return changes


def plan_changes(old: Plan, new: Plan) -> list[Change]:
    """Goals, measures and targets added, removed or changed from ``old`` to ``new``."""
    changes = _compare("goal", _texts(old, "goal"), _texts(new, "goal"))
    changes += _compare("measure", _texts(old, "measure"), _texts(new, "measure"))
    old_targets, new_targets = _targets(old), _targets(new)
    keyed_old = {"|".join(k): v for k, v in old_targets.items()}
    keyed_new = {"|".join(k): v for k, v in new_targets.items()}
    for change in _compare("target", keyed_old, keyed_new):
        where = change.where.split("|", 1)[0]
        changes.append(Change(change.what, change.change, where, change.old, change.new))
    return changes
