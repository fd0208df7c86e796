"""Who carries each goal, from a target-responsibility table.

A row of the table names a goal in words ("孕产妇死亡率下降到12.5/10万以内")
and its lead and supporting departments. The row is matched to the goal of
the text whose words it repeats (or, in a table that numbers its rows by
domain, to the goal with that number); a row that matches no goal becomes
a goal of its domain, and a problem. When the document is only the table,
its rows are the goals. Department names become codes through
:mod:`.departments`; a name no member unit answers to is a new department
and a problem.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from halfsky.formats.plan_import.departments import department_key, new_department_code
from halfsky.formats.plan_import.lines import simplified
from halfsky.formats.plan_import.problems import Problem
from halfsky.formats.plan_import.structure import FoundDomain, Item
from halfsky.formats.plan_import.tables import ResponsibilityRow

_NOT_WORDS = re.compile(r"[\s，。；：、,.;:！？!?“”\"'（）()《》【】\-—]+")


def _bare(text: str) -> str:
    return _NOT_WORDS.sub("", simplified(text))


@dataclass
class Departments:
    """The departments the tables name: code → name, in order of appearance."""

    names: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def code(self, name: str, line: int) -> str:
        key = department_key(name)
        if re.fullmatch(r"[a-z_]+", key):
            self.names.setdefault(key, name)
            return key
        for code, known in self.names.items():
            if department_key(known) == key:
                return code
        code = new_department_code(name, set(self.names))
        self.names[code] = name
        self.problems.append(Problem("unknown_department", line, name, params={"name": name}))
        return code


def _domain_for(row: ResponsibilityRow, domains: list[FoundDomain]) -> FoundDomain | None:
    if not row.domain:
        return None
    wanted = _bare(row.domain)
    for domain in domains:
        name = _bare(domain.name)
        if name and (name in wanted or wanted in name):
            return domain
    return None


def _goal_for(row: ResponsibilityRow, domain: FoundDomain | None,
              domains: list[FoundDomain]) -> tuple[FoundDomain, Item] | None:
    words = _bare(row.goal)
    if not words:
        return None
    scope = [domain] if domain is not None else domains
    for each in scope:
        for goal in each.goals:
            text = _bare(goal.text)
            if words in text or text in words or (len(words) >= 8 and words[:8] in text):
                return each, goal
    if domain is not None and row.number is not None:
        for goal in domain.goals:
            if goal.number == row.number:
                return domain, goal
    return None


def assign(domains: list[FoundDomain], rows: list[ResponsibilityRow], departments: Departments,
           problems: list[Problem]) -> dict[tuple[int, int], tuple[str | None, tuple[str, ...]]]:
    """(domain number, goal number) → (lead code, supporting codes); adds goals for loose rows."""
    if not domains and rows:
        _domains_from_rows(domains, rows)
    found: dict[tuple[int, int], tuple[str | None, tuple[str, ...]]] = {}
    for row in rows:
        domain = _domain_for(row, domains)
        match = _goal_for(row, domain, domains)
        if match is None:
            target = domain or (domains[-1] if domains else None)
            if target is None:
                continue
            number = max((goal.number for goal in target.goals), default=0) + 1
            match = target, Item(number, row.goal, row.line)
            target.goals.append(match[1])
            problems.append(Problem("unmatched_row", row.line, row.goal, target.name, "goal", number))
        lead = departments.code(row.lead[0], row.line) if row.lead else None
        extra = row.lead[1:] + row.supporting
        supporting = tuple(dict.fromkeys(c for c in (departments.code(n, row.line) for n in extra)
                                         if c != lead))
        found[(match[0].number, match[1].number)] = (lead, supporting)
    return found


def _domains_from_rows(domains: list[FoundDomain], rows: list[ResponsibilityRow]) -> None:
    """A document that is only a responsibility table: its rows are the goals."""
    by_name: dict[str, FoundDomain] = {}
    for row in rows:
        name = row.domain or "主要目标"
        domain = by_name.get(name)
        if domain is None:
            domain = by_name[name] = FoundDomain(len(domains) + 1, name, row.line)
            domains.append(domain)
        taken = {goal.number for goal in domain.goals}
        number = row.number if row.number and row.number not in taken else max(taken, default=0) + 1
        domain.goals.append(Item(number, row.goal, row.line))
