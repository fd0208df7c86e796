"""The workflow table: the states of what moves through the plan's work, the
transitions between them and which role kind may take each.

Subjects: a department's task of a reporting round, a value, a warning, a
report, a department's yearly report and an evaluation item. The actions (the
``do_*`` functions of the web apps) ask ``refusal`` before they change a state;
the permission table registers one permission per transition from ``who`` and
``own_department``. States and transitions are codes: the web layer shows them
in words.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class RoleKind(StrEnum):
    """Who works in the plan (the values of the web layer's roles)."""

    COORDINATOR = "coordinator"
    MONITORING_LEAD = "monitoring_lead"
    REPORTER = "reporter"
    DEPARTMENT_HEAD = "department_head"
    LEADERSHIP = "leadership"
    VIEWER = "viewer"
    ADMINISTRATOR = "administrator"


@dataclass(frozen=True)
class Transition:
    """A step from one of ``sources`` to one of ``targets`` (none: the state stays).

    ``who``: the role kinds that may take it (none: only the system does);
    ``own_department``: a department's roles take it only on their department's
    subject; ``refusal``: the message code when the subject's state forbids it.
    """

    name: str
    sources: frozenset[str]
    targets: tuple[str, ...]
    who: frozenset[RoleKind]
    own_department: bool = False
    refusal: str = ""


@dataclass(frozen=True)
class Workflow:
    subject: str
    states: tuple[str, ...]
    transitions: tuple[Transition, ...]

    def transition(self, name: str) -> Transition:
        for transition in self.transitions:
            if transition.name == name:
                return transition
        raise KeyError(f"{self.subject}: no transition {name!r}")

    def allows(self, name: str, state: str) -> bool:
        return state in self.transition(name).sources

    def refusal(self, name: str, state: str) -> str | None:
        """None when ``name`` may be taken from ``state``; else the refusal's code."""
        transition = self.transition(name)
        return None if state in transition.sources else transition.refusal

    def moves(self, state: str) -> tuple[str, ...]:
        """The transitions that ``state`` allows, in the table's order."""
        return tuple(t.name for t in self.transitions if state in t.sources)


def _step(name: str, sources: tuple[str, ...], targets: tuple[str, ...],
          who: tuple[RoleKind, ...], refusal: str = "", own_department: bool = False
          ) -> Transition:
    return Transition(name, frozenset(sources), targets, frozenset(who), own_department, refusal)


K = RoleKind
DEPARTMENT = (K.REPORTER, K.DEPARTMENT_HEAD)
EDITABLE_TASK = ("not_started", "in_progress", "returned")

TASK = Workflow("task", ("not_started", "in_progress", "submitted", "confirmed", "returned",
                         "approved"), (
    _step("edit", EDITABLE_TASK, ("in_progress",), (K.REPORTER,), "value.locked", True),
    _step("submit", EDITABLE_TASK, ("submitted",), (K.REPORTER,), "task.not_editable", True),
    _step("confirm", ("submitted",), ("confirmed",), (K.DEPARTMENT_HEAD,), "task.not_submitted",
          True),
    _step("review", ("confirmed",), ("approved", "returned", "confirmed"),
          (K.MONITORING_LEAD, K.ADMINISTRATOR), "task.not_confirmed"),
))

VALUE = Workflow("value", ("draft", "submitted", "returned", "approved"), (
    _step("edit", ("draft", "returned"), (), (K.REPORTER,), "value.locked", True),
    _step("submit", ("draft", "returned"), ("submitted",), (K.REPORTER,), "", True),
    _step("approve", ("submitted",), ("approved",), (K.MONITORING_LEAD, K.ADMINISTRATOR)),
    _step("return", ("submitted",), ("returned",), (K.MONITORING_LEAD, K.ADMINISTRATOR)),
    _step("reopen", ("approved",), ("returned",),
          (K.MONITORING_LEAD, K.ADMINISTRATOR, K.COORDINATOR), "value.not_approved"),
))

WARNING = Workflow("warning", ("open", "answered", "accepted", "sent_back", "resolved"), (
    _step("answer", ("open", "sent_back"), ("answered",), DEPARTMENT,
          "warning.not_awaiting_answer", True),
    _step("accept", ("answered",), ("accepted",), (K.COORDINATOR, K.ADMINISTRATOR),
          "warning.not_answered"),
    _step("send_back", ("answered",), ("sent_back",), (K.COORDINATOR, K.ADMINISTRATOR),
          "warning.not_answered"),
    _step("resolve", ("open", "sent_back", "answered"), ("resolved",), ()),
))

REPORT_WRITERS = (K.COORDINATOR, K.ADMINISTRATOR)
REPORT = Workflow("report", ("draft", "reviewed", "approved", "published"), (
    _step("write", ("draft",), (), REPORT_WRITERS, "report.not_draft"),
    _step("generate", ("draft", "reviewed", "approved", "published"), ("draft", "published"),
          REPORT_WRITERS),
    _step("review", ("draft",), ("reviewed",), (K.COORDINATOR, K.MONITORING_LEAD,
                                                K.ADMINISTRATOR), "report.state"),
    _step("approve", ("reviewed",), ("approved",), (K.LEADERSHIP, K.ADMINISTRATOR),
          "report.state"),
    _step("publish", ("approved",), ("published",), REPORT_WRITERS, "report.state"),
))

YEAR_REPORT = Workflow("year_report", ("draft", "submitted", "returned"), (
    _step("write", ("draft", "returned"), (), DEPARTMENT, "year_report.not_editable", True),
    _step("submit", ("draft", "returned"), ("submitted",), (K.DEPARTMENT_HEAD,),
          "year_report.not_editable", True),
    _step("return", ("submitted",), ("returned",),
          (K.COORDINATOR, K.MONITORING_LEAD, K.ADMINISTRATOR), "year_report.not_submitted"),
))

ITEM_STATES = ("open", "written", "rated")
EVALUATION_ITEM = Workflow("evaluation_item", ITEM_STATES, (
    _step("write", ITEM_STATES, ("written",), (*DEPARTMENT, *REPORT_WRITERS), "", True),
    _step("rate", ITEM_STATES, ("rated",), REPORT_WRITERS),
))

WORKFLOWS = (TASK, VALUE, WARNING, REPORT, YEAR_REPORT, EVALUATION_ITEM)


def evaluation_item_state(text: str, self_rating: str, review_rating: str) -> str:
    """An evaluation item keeps no state field: its state follows from what it holds."""
    if review_rating:
        return "rated"
    return "written" if text or self_rating else "open"
