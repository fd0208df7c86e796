"""The reporting workflow: save a draft, submit, confirm, review, reopen.

Each function is one state change, in one transaction; the values go
through the one writer (``store.store_values``: version, ``ValueChange``,
audit, reassessment); refusals raise ``ActionError`` and change nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.urls import reverse

from halfsky.domain import workflow
from halfsky.domain.validation import Finding, blocking, compute_rate
from halfsky.web.audit.records import record
from halfsky.web.core.errors import ActionError
from halfsky.web.core.notifications import notify
from halfsky.web.orgs.permissions import DEPARTMENT_ROLES, may_take
from halfsky.web.orgs.queries import users_with
from halfsky.web.orgs.roles import Role
from halfsky.web.values.actions.store import Audit, Change, store_values
from halfsky.web.values.checks import check
from halfsky.web.values.models import Observation, Task, TaskState, ValueStatus

EDITABLE_TASK_STATES = {TaskState(s) for s in workflow.TASK.transition("edit").sources}
EDITABLE_VALUE_STATES = {ValueStatus(s) for s in workflow.VALUE.transition("edit").sources}
FIELDS = ("value", "numerator", "denominator", "flag", "note", "source", "explanation")


class ValueConflict(ActionError):
    """Someone else saved the value since it was read; ``current`` is what they saved."""

    def __init__(self, current: Observation, attempted: Mapping[str, Any]) -> None:
        super().__init__("value.conflict", version=current.version)
        self.current = current
        self.attempted = dict(attempted)

    def response_params(self) -> dict[str, object]:
        return {**self.params, "attempted": self.attempted,
                "current": {**self.current.snapshot(), "version": self.current.version}}


@dataclass
class SaveResult:
    observation: Observation
    findings: list[Finding]


# The departments' own steps, which end when the coordinator closes the round.
DEPARTMENT_STEPS = {("value", "edit"), ("task", "submit"), ("task", "confirm")}


def require_step(actor: Any, subject: str, transition: str, task: Task | None = None) -> None:
    """Refuse unless the actor's role takes ``transition`` of the workflow table
    (on ``task``'s department, for a department's role) and, for a department's own
    step, the round is still open."""
    if not may_take(actor, subject, transition):
        raise ActionError("workflow.not_allowed")
    if task is not None and not may_take(actor, subject, transition, task):
        raise ActionError("workflow.other_department")
    if (task is not None and (subject, transition) in DEPARTMENT_STEPS
            and task.round.closed_at is not None):
        raise ActionError("round.closed", year=task.round.year)


def _task_link(task: Task) -> str:
    return reverse("data:task", args=[task.round.year, task.department.code])


@transaction.atomic
def do_save_value(observation: Observation, data: Mapping[str, Any], expected_version: int,
                  actor: Any) -> SaveResult:
    """Save a draft value; a save based on an older version is a conflict, never an overwrite."""
    current = Observation.objects.select_for_update(of=("self",)).select_related(
        "task__round", "indicator", "area").get(pk=observation.pk)
    task = current.task
    if task is None:
        raise ActionError("value.not_in_round")
    require_step(actor, "value", "edit", task)
    if workflow.VALUE.refusal("edit", current.status) or workflow.TASK.refusal("edit", task.state):
        raise ActionError("value.locked", status=current.status)
    if current.version != expected_version and any(
            getattr(current, name) != data[name] for name in FIELDS if name in data):
        raise ValueConflict(current, data)  # a stale save that would change something
    before = current.snapshot()
    value_sent = _rate_value_sent(current, data)
    for name in FIELDS:
        if name in data:
            setattr(current, name, data[name])
    if value_sent:  # the value itself: it replaces the numerator and denominator
        current.numerator = current.denominator = None
    elif current.numerator is not None and current.denominator and current.indicator.per:
        current.value = compute_rate(current.numerator, current.denominator, current.indicator.per)
    if (any(getattr(current, n) != before.get(n) for n in ("value", "numerator", "denominator"))
            and current.explanation == before.get("explanation")):
        # an explanation belongs to the value it explained: the old one stays in the
        # history; the check asks again if the new value still warns
        current.explanation = ""
    if current.snapshot() == before:
        return SaveResult(current, check([current]))
    current.is_sample = False  # typed by a person: no longer a demo value (示例数据)
    store_values([Change(current, before)], "edit", actor)
    if task.state in {TaskState.NOT_STARTED, TaskState.RETURNED}:
        task.state = TaskState.IN_PROGRESS
        task.save(update_fields=["state", "updated_at"])
    return SaveResult(current, check([current]))


def _rate_value_sent(current: Observation, data: Mapping[str, Any]) -> bool:
    """Whether a save of a rate sends its value rather than its numerator and denominator.

    A changed value with the numerator and denominator unchanged (or not sent) is
    stored as sent, and the numerator and denominator are cleared; a changed value
    with a changed numerator or denominator that disagree with it is refused
    (``value.rate_parts``, 422, naming the fields): never saved as something else.
    """
    if not current.indicator.per or "value" not in data or data["value"] == current.value:
        return False
    parts = ("numerator", "denominator")
    if not any(name in data and data[name] != getattr(current, name) for name in parts):
        return True
    numerator = data.get("numerator", current.numerator)
    denominator = data.get("denominator", current.denominator)
    if data["value"] is None or numerator is None or not denominator:
        return data["value"] is not None and numerator is None and denominator is None
    computed = compute_rate(numerator, denominator, current.indicator.per)
    if abs(computed - data["value"]) > 1e-9 * max(1.0, abs(computed)):
        raise ActionError("value.rate_parts", fields=["value", "numerator", "denominator"],
                          computed=computed)
    return False


def task_findings(task: Task) -> list[Finding]:
    return check(task.observations.select_related("indicator", "area"))


@transaction.atomic
def do_submit_task(task: Task, actor: Any) -> Task:
    """Submit the department's values to its head; refused while any value is not valid."""
    require_step(actor, "task", "submit", task)
    if refusal := workflow.TASK.refusal("submit", task.state):
        raise ActionError(refusal, state=task.state)
    problems = blocking(task_findings(task))
    if problems:
        raise ActionError("task.has_problems", count=len(problems))
    changes = []
    for observation in task.observations.filter(status__in=EDITABLE_VALUE_STATES):
        changes.append(Change(observation, observation.snapshot()))
        observation.status = ValueStatus.SUBMITTED
    store_values(changes, "submit", actor, new_version=False, fields=["status"])
    task.state = TaskState.SUBMITTED
    task.save(update_fields=["state", "updated_at"])
    notify(users_with([Role.DEPARTMENT_HEAD], task.department), "task.submitted",
           _task_link(task), department=task.department.name, year=task.round.year)
    record("task.submit", "task", str(task), actor)
    return task


@transaction.atomic
def do_confirm_task(task: Task, actor: Any) -> Task:
    """The department head confirms the submission (the electronic seal, 加盖公章)."""
    require_step(actor, "task", "confirm", task)
    if refusal := workflow.TASK.refusal("confirm", task.state):
        raise ActionError(refusal, state=task.state)
    task.state = TaskState.CONFIRMED
    task.save(update_fields=["state", "updated_at"])
    store_values([Change(o, o.snapshot()) for o in task.observations.all()], "confirm", actor,
                 write=False)
    notify(users_with([Role.MONITORING_LEAD]), "task.confirmed", _task_link(task),
           department=task.department.name, year=task.round.year)
    record("task.confirm", "task", str(task), actor)
    return task


@transaction.atomic
def do_review_task(task: Task, decisions: Mapping[int, tuple[str, str]], actor: Any) -> Task:
    """The statistics bureau approves values or returns them, each with a comment.

    ``decisions`` maps observation ids to ("approve" | "return", comment);
    a returned value needs a comment. Values not named stay as they are.
    """
    require_step(actor, "task", "review")
    if refusal := workflow.TASK.refusal("review", task.state):
        raise ActionError(refusal, state=task.state)
    observations = {o.pk: o for o in task.observations.filter(pk__in=list(decisions))}
    if set(observations) != set(decisions):
        raise ActionError("review.unknown_value")
    for pk, (decision, comment) in decisions.items():
        if decision not in {"approve", "return"}:
            raise ActionError("review.bad_decision", decision=decision)
        if decision == "return" and not comment.strip():
            raise ActionError("review.comment_required", value=observations[pk].key)
    for decision in ("approve", "return"):
        changes = []
        for pk, (said, comment) in decisions.items():
            if said != decision:
                continue
            observation = observations[pk]
            changes.append(Change(observation, observation.snapshot(), comment.strip()))
            observation.status = (ValueStatus.APPROVED if decision == "approve"
                                  else ValueStatus.RETURNED)
            observation.review_comment = comment.strip() if decision == "return" else ""
        store_values(changes, decision, actor, new_version=False,
                     fields=["status", "review_comment"])
    _settle(task, actor)
    record("task.review", "task", str(task), actor,
           approved=sum(d == "approve" for d, _ in decisions.values()),
           returned=sum(d == "return" for d, _ in decisions.values()))
    return task


def _settle(task: Task, actor: Any) -> None:
    statuses = set(task.observations.values_list("status", flat=True))
    if ValueStatus.RETURNED in statuses:
        task.state = TaskState.RETURNED
        notify(users_with([Role.REPORTER], task.department), "task.returned", _task_link(task),
               department=task.department.name, year=task.round.year)
    elif statuses <= {ValueStatus.APPROVED}:
        task.state = TaskState.APPROVED
        notify(users_with(DEPARTMENT_ROLES, task.department),
               "task.approved", _task_link(task), department=task.department.name,
               year=task.round.year)
    task.save(update_fields=["state", "updated_at"])


@transaction.atomic
def do_reopen_value(observation: Observation, reason: str, actor: Any) -> Observation:
    """Unlock an approved value so the department can correct it; a reason is required."""
    require_step(actor, "value", "reopen")
    if workflow.VALUE.refusal("reopen", observation.status) or observation.task is None:
        raise ActionError("value.not_approved")
    if not reason.strip():
        raise ActionError("value.reason_required")
    before = observation.snapshot()
    observation.status = ValueStatus.RETURNED
    observation.review_comment = reason.strip()
    store_values([Change(observation, before, reason.strip())], "reopen", actor,
                 audit=Audit("value.reopen", "observation", observation.key,
                             {"reason": reason.strip()}))
    task = observation.task
    task.state = TaskState.RETURNED
    task.save(update_fields=["state", "updated_at"])
    notify(users_with([Role.REPORTER], task.department), "value.reopened", _task_link(task),
           indicator=observation.indicator.name, year=observation.year)
    return observation
