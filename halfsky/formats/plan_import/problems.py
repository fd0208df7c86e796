"""Problems of an import: one part of the plan that needs a person, never a refusal.

A problem is data — a message code, the line of the document it concerns
and the words there — so that the review screen and the command line can
say in a sentence which line it is and what to do. The codes:

``duplicate_number``
    an item repeats a number used before (``number``); its words were
    added to the item before it.
``unreadable_target``
    a goal sentence with a number from which no target was read.
``year_outside_period``
    a target's year (``year``) lies outside the plan period
    (``start``–``end``); the plan's end year was used.
``no_goals``
    a domain has no numbered main goals.
``unknown_department``
    a department of a responsibility table (``name``) is no known member
    unit; it was added as a new department.
``invalid_target``
    a target read from the goal that a plan file cannot hold (``reason``);
    it was left out.
``unmatched_row``
    a row of a responsibility table names a goal that the text does not
    have; it was added as a goal of its domain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PROBLEM_CODES = ("duplicate_number", "unreadable_target", "year_outside_period", "no_goals",
                 "unknown_department", "unmatched_row", "invalid_target")


@dataclass(frozen=True)
class Problem:
    code: str  # one of PROBLEM_CODES
    line: int  # 1-based line of the document text; 0 when it has none (a table cell)
    text: str  # the words at that line
    domain: str = ""  # the domain's name as the document writes it
    section: str = ""  # "goal", "measure" or ""
    number: int = 0  # the goal's or measure's number
    params: dict[str, object] = field(default_factory=dict)

    def as_data(self) -> dict[str, object]:
        return {"code": self.code, "line": self.line, "text": self.text, "domain": self.domain,
                "section": self.section, "number": self.number, "params": dict(self.params)}
