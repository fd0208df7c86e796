"""The reporting workflow as JSON: the same operations and permissions as the pages.

Reads go through the pages' queries (``queries.get_task``,
``Observation.objects.restrict``); every change goes through the actions
of ``halfsky.web.values.actions``. Refusals are answered by the handlers of
``halfsky.web.core.api``.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from halfsky.domain.validation import Finding
from halfsky.web.core.api import ERROR_RESPONSES, caller, guard, invalid
from halfsky.web.core.errors import ActionError
from halfsky.web.core.inputs import (
    MAX_ID,
    MAX_YEAR,
    MIN_YEAR,
    IdPath,
    PlainText,
    YearPath,
    parse_id,
    parse_year,
)
from halfsky.web.core.text import sentence
from halfsky.web.orgs.permissions import may, may_take
from halfsky.web.values import queries
from halfsky.web.values.actions.rounds import do_open_round
from halfsky.web.values.actions.values import (
    do_confirm_task,
    do_reopen_value,
    do_review_task,
    do_save_value,
    do_submit_task,
    task_findings,
)
from halfsky.web.values.forms import OpenRoundForm
from halfsky.web.values.models import Observation, Round, Task

router = Router(tags=["reporting"])

Number = Annotated[float, Field(allow_inf_nan=False)]


# --------------------------------------------------------------------------
# Shapes


class FindingOut(Schema):
    severity: str = Field(description="error or warning")
    code: str
    message: str
    params: dict[str, Any]
    blocking: bool = Field(description="stops the submission (an error, or a warning "
                                       "without an explanation)")


class ValueOut(Schema):
    id: int
    indicator: str = Field(description="indicator code, e.g. H02")
    indicator_name: str
    plans: list[str] = Field(default_factory=list, description="in a task: the codes of the "
                             "round's plans using the value (a shared series is reported once)")
    unit: str
    per: int | None = Field(description="100 for %, 100000 for 1/10万 when a rate; the value "
                                        "is then numerator ÷ denominator × per")
    area: str = Field(description="GB/T 2260 area code")
    area_name: str
    year: int
    breakdown: str = Field(description="'' for the total, else dimension=value pairs joined by "
                                       "';' (sex=female, sex=female;urban_rural=rural)")
    value: float | None
    numerator: float | None
    denominator: float | None
    flag: str = Field(description="'', provisional, estimated or not_applicable")
    note: str
    explanation: str
    source: str
    is_sample: bool = Field(description="demo value (示例数据), not official statistics")
    status: str = Field(description="draft, submitted, returned or approved")
    locked: bool = Field(description="approved: changes need a reopening")
    review_comment: str
    version: int = Field(description="send it back with a save; a save based on an older "
                                     "version is a conflict (409), never an overwrite")
    updated_at: datetime.datetime
    findings: list[FindingOut] = []


class ChangeOut(Schema):
    at: datetime.datetime
    actor: str | None
    action: str = Field(description="open, edit, upload, submit, confirm, approve, return, "
                                    "reopen or import")
    before: dict[str, Any]
    after: dict[str, Any]
    comment: str


class ValueDetailOut(ValueOut):
    history: list[ChangeOut]


class TaskSummary(Schema):
    department: str
    department_name: str
    state: str = Field(description="not_started, in_progress, submitted, confirmed, "
                                   "returned or approved")
    overdue: bool
    filled: int
    total: int


class RoundOut(Schema):
    plans: list[str] = Field(description="the codes of the plans in force in the data year")
    year: int
    deadline: datetime.date
    election_year: bool
    opened_at: datetime.datetime
    closed_at: datetime.datetime | None
    overdue: bool
    tasks: list[TaskSummary] = Field(description="the tasks the caller may open: a department "
                                                 "reporter or head sees only the own one")


class TaskOut(Schema):
    plans: list[str] = Field(description="the codes of the plans in force in the data year")
    year: int
    deadline: datetime.date
    department: str
    department_name: str
    state: str
    overdue: bool
    problems: int = Field(description="findings that stop the submission")
    values: list[ValueOut]


class RoundIn(Schema):
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR,
                      description="a data year of the current plan (from its baseline year "
                                  "to its end year; 422 round.year_outside_plan otherwise)")
    deadline: datetime.date = Field(description="today or later (422 otherwise)")
    election_year: bool = False


class ValueIn(Schema):
    """Only the fields sent are changed; ``version`` is the version read."""

    version: int = Field(ge=1, le=MAX_ID)
    value: Number | None = None
    numerator: Number | None = None
    denominator: Number | None = None
    flag: Literal["", "provisional", "estimated", "not_applicable"] = ""
    note: PlainText = Field("", max_length=500)
    explanation: PlainText = Field("", max_length=1000)


class Decision(Schema):
    value: int = Field(ge=1, le=MAX_ID, description="the value's id")
    decision: Literal["approve", "return"]
    comment: PlainText = Field("", max_length=2000, description="required when returning")


class ReviewIn(Schema):
    decisions: list[Decision] = Field(min_length=1)


class ReopenIn(Schema):
    reason: PlainText = Field(min_length=1, max_length=500)


# --------------------------------------------------------------------------
# Conversions


def finding_out(finding: Finding) -> dict[str, Any]:
    return {"severity": finding.severity.value, "code": finding.code,
            "message": sentence(finding.code, finding.params), "params": dict(finding.params),
            "blocking": finding.is_blocking}


def value_out(o: Observation, findings: list[Finding] | None = None,
              plans: list[Any] | None = None) -> dict[str, Any]:
    return {
        "id": o.pk, "plans": [plan.code for plan in plans or []], "indicator": o.indicator.code, "indicator_name": o.indicator.name,
        "unit": o.indicator.unit, "per": o.indicator.per, "area": o.area.code,
        "area_name": o.area.name, "year": o.year, "breakdown": o.breakdown, "value": o.value,
        "numerator": o.numerator, "denominator": o.denominator, "flag": o.flag, "note": o.note,
        "explanation": o.explanation, "source": o.source, "is_sample": o.is_sample,
        "status": o.status, "locked": o.is_locked, "review_comment": o.review_comment,
        "version": o.version, "updated_at": o.updated_at,
        "findings": [finding_out(f) for f in findings or [] if f.key == str(o.pk)],
    }


def round_out(round_: Round, user: Any) -> dict[str, Any]:
    visible = set(Task.objects.restrict(user).filter(round=round_).values_list("pk", flat=True))
    return {
        "plans": [plan.code for plan in round_.plans], "year": round_.year, "deadline": round_.deadline,
        "election_year": round_.election_year, "opened_at": round_.opened_at,
        "closed_at": round_.closed_at, "overdue": round_.is_overdue,
        "tasks": [{"department": row.task.department.code,
                   "department_name": row.task.department.name, "state": row.task.state,
                   "overdue": row.task.is_overdue, "filled": row.filled, "total": row.total}
                  for row in queries.board(round_) if row.task.pk in visible],
    }


def task_out(task: Task) -> dict[str, Any]:
    findings = task_findings(task)
    _years, rows = queries.entry_rows(task, [])
    return {
        "plans": [plan.code for plan in task.round.plans], "year": task.round.year, "deadline": task.round.deadline,
        "department": task.department.code, "department_name": task.department.name,
        "state": task.state, "overdue": task.is_overdue,
        "problems": sum(f.is_blocking for f in findings),
        "values": [value_out(row.observation, findings, row.plans) for row in rows],
    }


def visible_value(user: Any, pk: int) -> Observation:
    """A value the user may read, as on the value page; 404 otherwise."""
    return get_object_or_404(
        Observation.objects.restrict(user).select_related("indicator", "area", "task__round"),
        pk=pk)


# --------------------------------------------------------------------------
# The permissions asked before the input is read (``guard``); the actions ask again


def may_open_rounds(user: Any, **_path: str) -> None:
    if not may(user, "data.open_round"):
        raise ActionError("round.not_allowed")


def task_guard(step: str | None) -> Any:
    def check(user: Any, year: str = "", department: str = "", **_path: str) -> None:
        parsed = parse_year(year)
        if parsed is None:
            return  # not a year: the schema answers 422
        task = queries.get_task(user, parsed, department)  # 404, or 403 for another's
        if step is not None and not may_take(user, "task", step, task):
            raise ActionError("workflow.not_allowed")
    return check


def value_guard(step: str) -> Any:
    def check(user: Any, value_id: str = "", **_path: str) -> None:
        pk = parse_id(value_id)
        if pk is None:
            return  # not an id: the schema answers 422
        observation = visible_value(user, pk)
        if observation.task is None or not may_take(user, "value", step, observation.task):
            raise ActionError("workflow.not_allowed")
    return check


# --------------------------------------------------------------------------
# Rounds and tasks


@router.get("/rounds", response=list[RoundOut], summary="List the reporting rounds")
def list_rounds(request: HttpRequest) -> list[dict[str, Any]]:
    """The rounds, newest first, each with the plans it covers and the tasks the caller may
    open."""
    user = caller(request)
    rounds = Round.objects.all()
    return [round_out(round_, user) for round_ in rounds]


@router.post("/rounds", response={201: RoundOut, **ERROR_RESPONSES}, summary="Open a round")
@guard(may_open_rounds)
def open_round(request: HttpRequest, payload: RoundIn) -> Status[dict[str, Any]]:
    """Open the round for a data year (coordinator): a task per reporting department."""
    user = caller(request)
    if not may(user, "data.open_round"):
        raise ActionError("round.not_allowed")
    form = OpenRoundForm({"year": payload.year, "deadline": payload.deadline.isoformat(),
                          "election_year": payload.election_year or ""})
    if not form.is_valid():
        raise invalid([{"loc": ["body", "payload", field], "msg": str(message), "type": "form"}
                       for field, messages in form.errors.items() for message in messages])
    round_ = do_open_round(form.cleaned_data["year"],
                           form.cleaned_data["deadline"], user,
                           form.cleaned_data["election_year"])
    return Status(201, round_out(round_, user))


@router.get("/rounds/{year}", response={200: RoundOut, **ERROR_RESPONSES},
            summary="Read a round and its tasks")
def read_round(request: HttpRequest, year: YearPath) -> dict[str, Any]:
    user = caller(request)
    return round_out(queries.get_round(year), user)


@router.get("/rounds/{year}/tasks/{department}", response={200: TaskOut, **ERROR_RESPONSES},
            summary="Read a department's task")
@guard(task_guard(None))
def read_task(request: HttpRequest, year: YearPath, department: str) -> dict[str, Any]:
    """The task's values (with their version, status, flag) and the findings of the checks."""
    return task_out(queries.get_task(caller(request), year, department))


@router.post("/rounds/{year}/tasks/{department}/submit",
             response={200: TaskOut, **ERROR_RESPONSES}, summary="Submit a task")
@guard(task_guard("submit"))
def submit_task(request: HttpRequest, year: YearPath, department: str) -> dict[str, Any]:
    """The reporter submits the department's values to its head (refused while any is invalid)."""
    user = caller(request)
    return task_out(do_submit_task(queries.get_task(user, year, department), user))


@router.post("/rounds/{year}/tasks/{department}/confirm",
             response={200: TaskOut, **ERROR_RESPONSES}, summary="Confirm a task")
@guard(task_guard("confirm"))
def confirm_task(request: HttpRequest, year: YearPath, department: str) -> dict[str, Any]:
    """The department head confirms the submission (the electronic seal)."""
    user = caller(request)
    return task_out(do_confirm_task(queries.get_task(user, year, department), user))


@router.post("/rounds/{year}/tasks/{department}/review",
             response={200: TaskOut, **ERROR_RESPONSES}, summary="Review a task")
@guard(task_guard("review"))
def review_task(request: HttpRequest, year: YearPath, department: str,
                payload: ReviewIn) -> dict[str, Any]:
    """The statistics bureau approves values or returns them with a comment each.

    Values not named stay as they are; the task is approved when every value is.
    """
    user = caller(request)
    task = queries.get_task(user, year, department)
    decisions = {d.value: (d.decision, d.comment) for d in payload.decisions}
    return task_out(do_review_task(task, decisions, user))


# --------------------------------------------------------------------------
# Values


@router.get("/values/{value_id}", response={200: ValueDetailOut, **ERROR_RESPONSES},
            summary="Read a value and its history")
def read_value(request: HttpRequest, value_id: IdPath) -> dict[str, Any]:
    """The value and every change of it: who, when, old → new, why."""
    observation = visible_value(caller(request), value_id)
    changes = observation.changes.select_related("actor")
    return {**value_out(observation), "history": [
        {"at": c.at, "actor": c.actor.get_username() if c.actor else None, "action": c.action,
         "before": c.before, "after": c.after, "comment": c.comment} for c in changes]}


@router.patch("/values/{value_id}", response={200: ValueOut, **ERROR_RESPONSES},
              summary="Save a value")
@guard(value_guard("edit"))
def save_value(request: HttpRequest, value_id: IdPath, payload: ValueIn) -> dict[str, Any]:
    """Save a draft value (the reporter of the department). Only the fields sent change.

    A rate with numerator and denominator gets its value computed. A save
    based on an older ``version`` answers 409 with both values in ``params``
    (``current``: what is stored, ``attempted``: what was sent) and changes nothing.
    """
    user = caller(request)
    observation = get_object_or_404(Observation.objects.restrict(user), pk=value_id,
                                     task__isnull=False)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    result = do_save_value(observation, data, version, user)
    return value_out(result.observation, result.findings)


@router.post("/values/{value_id}/reopen", response={200: ValueOut, **ERROR_RESPONSES},
             summary="Reopen an approved value")
@guard(value_guard("reopen"))
def reopen_value(request: HttpRequest, value_id: IdPath, payload: ReopenIn) -> dict[str, Any]:
    """Unlock an approved value for correction (statistics bureau or coordinator), with a reason."""
    user = caller(request)
    return value_out(do_reopen_value(visible_value(user, value_id), payload.reason, user))
