"""Assessment actions: recompute a year, and the warning workflow.

- ``do_recompute(plan, year)``: judge every series of the plan with the
  engine (``halfsky.domain.assessment.assess``), replace the year's
  ``AssessmentResult`` rows and bring the year's warnings up to date. The stored
  status is the one every page, dashboard and report shows
  (``halfsky.domain.achievement.judgement``: a value meeting its level target is
  已达标 even when small numbers left the engine at 证据不足).
- ``do_answer_warning``: the department (its reporter or head) answers with
  原因分析 and 整改措施; a warning sent back is answered again.
- ``do_accept_warning`` / ``do_send_back_warning``: the coordinator (or the
  administrator) decides on an answer; sending back needs a comment.

Each is one transaction with an audit record; refusals raise
``ActionError`` (codes ``warning.*``) and change nothing.

Warnings come from the totals (breakdown "": the county and each township,
and the gap of a gap target), one per indicator × area × year × kind; the
kind is the engine's warning code as it is (``small_numbers`` raises none):

- ``forecast_miss`` (预计达标困难);
- ``moving_away`` (逆向变化);
- ``volatile`` (波动较大): an unexplained swing or outlier of the indicator's
  own series — a swing that the small-number interval explains gives no
  warning, nor does the gap series of a gap target;
- ``missing`` (数据缺失): no approved value for the year, once the year's data
  are due (no reporting round, or its deadline passed, or it is closed).
  Not for an indicator reported in census or election years that has an
  earlier value, nor for a value marked not applicable, nor for a
  qualitative target (rated by the evaluators, not by data).

A warning found again keeps its state, answer and history (an answered or
accepted warning is never duplicated or reopened); an open warning that is no
longer found becomes ``resolved``, and is opened again if found later.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from halfsky.domain import workflow
from halfsky.domain.achievement import MET_BY_VALUE, judgement
from halfsky.domain.assessment import STATUSES, assess, warning_codes
from halfsky.domain.assessment.codes import METHODS
from halfsky.web.assessments.models import (
    AssessmentResult,
    Warning,
    WarningKind,
    WarningState,
    WarningStep,
)
from halfsky.web.assessments.series import Row, Table, build_table
from halfsky.web.audit.records import record
from halfsky.web.core.bulk import insert_rows
from halfsky.web.core.errors import ActionError
from halfsky.web.core.notifications import notify
from halfsky.web.orgs.models import Department
from halfsky.web.orgs.permissions import DEPARTMENT_ROLES, may_take
from halfsky.web.orgs.queries import users_with
from halfsky.web.orgs.roles import Role
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import own_by_series
from halfsky.web.values.models import Observation, Round, ValueFlag, ValueStatus

RAISED_BY = frozenset(WarningKind.values)  # the engine's warning codes that raise a warning
FLOATS = ("progress", "achievement", "time_elapsed", "score", "forecast", "forecast_linear",
          "interval_low", "interval_high", "pooled_value", "pooled_low", "pooled_high",
          "baseline_value", "latest_value")
YEARS = ("baseline_year", "latest_year", "volatile_year")


@dataclass
class RecomputeSummary:
    plan: str
    year: int
    results: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    raised: int = 0
    reopened: int = 0
    resolved: int = 0
    open_warnings: int = 0
    seconds: float = 0.0


def _number(value: float) -> float | None:
    return None if math.isnan(value) else float(value)


def _year(value: float) -> int | None:
    return None if math.isnan(value) else int(value)


RESULT_COLUMNS = ("plan", "year", "indicator", "target_position", "target_kind", "area",
                  "breakdown", "method", "status", "pooled_years", "warnings", "is_sample",
                  "computed_at", *FLOATS, *YEARS)
STATUS = RESULT_COLUMNS.index("status")


@transaction.atomic
def do_recompute(plan: Plan, year: int, actor: Any = None,
                 indicators: Iterable[int] | None = None) -> RecomputeSummary:
    """Judge every series of ``plan`` as of ``year``; replace the year's results.

    ``indicators`` (ids of the plan's indicators whose values changed): when the year is
    assessed already, judge only the series these changes reach (the indicators, with
    every area and breakdown, and the indicators compared with them) and replace only
    their results and warnings — the other indicators' rows are not touched. The
    results are the same as a full recompute's.

    Reassessments of one plan take turns (the plan's row is locked): a report
    reassessing its stale year and the background job never write one year twice. The
    lock is PostgreSQL's FOR NO KEY UPDATE: it does not wait for the writers that only
    refer to the plan (a delivery noting a pending year), which would deadlock with
    them."""
    started = time.perf_counter()
    list(Plan.objects.select_for_update(no_key=True).filter(pk=plan.pk)
         .values_list("pk", flat=True))
    assessed = AssessmentResult.objects.filter(plan=plan, year=year)
    only = set(indicators) if indicators is not None and _may_judge_in_part(
        plan, year, assessed) else None
    table = build_table(plan, year, only)
    # A province's series in blocks on every core (the same answer as one thread).
    result = assess(table.observations, table.settings, as_of=year, workers=os.cpu_count() or 1)
    columns = {name: getattr(result, name).tolist() for name in FLOATS + YEARS}
    statuses, methods = result.status.tolist(), result.method.tolist()
    masks, pooled = result.warnings.tolist(), result.pooled_years.tolist()
    now = AssessmentResult._meta.get_field("computed_at").get_db_prep_save(
        timezone.now(), connection)
    latest = columns["latest_value"]
    # the one rule pages and reports show (``judgement``), on the engine's status
    status_names = [judgement(STATUSES[s], target, _number(latest[i])) for i, (s, target)
                    in enumerate(zip(statuses, table.targets, strict=True))]
    codes = {mask: json.dumps(list(warning_codes(int(mask)))) for mask in set(masks)}
    met_by_value = {mask: json.dumps([*warning_codes(int(mask)), MET_BY_VALUE])
                    for mask in set(masks)}
    floats = [[_number(v) for v in columns[name]] for name in FLOATS]
    years = [[_year(v) for v in columns[name]] for name in YEARS]
    rows = [(plan.pk, year, row.indicator_id, row.target_position, row.target_kind, row.area_id,
             row.breakdown, METHODS[methods[i]].value, status_names[i], int(pooled[i]),
             (codes if status_names[i] == STATUSES[statuses[i]] else met_by_value)[masks[i]],
             row.is_sample, now,
             *(column[i] for column in floats), *(column[i] for column in years))
            for i, row in enumerate(table.rows) if row.stored]
    if table.judged is not None:
        assessed = assessed.filter(indicator_id__in=table.judged)
    assessed.delete()
    insert_rows(AssessmentResult, RESULT_COLUMNS, rows)
    summary = RecomputeSummary(plan=plan.code, year=year, results=len(rows),
                               statuses=Counter(row[STATUS] for row in rows))
    _update_warnings(plan, year, _findings(plan, year, table, result.latest_year, masks,
                                           statuses), summary, actor, table.judged)
    summary.seconds = time.perf_counter() - started
    record("assessment.recompute", "plan", f"{plan.code} {year}", actor,
           results=summary.results, statuses=dict(summary.statuses), raised=summary.raised,
           reopened=summary.reopened, resolved=summary.resolved,
           seconds=round(summary.seconds, 3),
           **({"indicators": len(table.judged)} if table.judged is not None else {}))
    return summary


def _may_judge_in_part(plan: Plan, year: int, assessed: Any) -> bool:
    """Whether judging only the changed indicators leaves the year as a full recompute
    would: its results exist and nothing else they depend on changed since the oldest
    was computed — the plan's targets and links (``loaded_at``), and whether missing
    values are due (the round's deadline passed or the round was closed since)."""
    oldest = assessed.order_by().aggregate(oldest=Min("computed_at"))["oldest"]
    if oldest is None or oldest < plan.loaded_at:
        return False
    round_ = Round.objects.filter(year=year).first()
    if round_ is None or not missing_is_due(plan, year):
        return True
    became_due = min(filter(None, [round_.closed_at, timezone.make_aware(
        datetime.datetime.combine(round_.deadline + datetime.timedelta(days=1),
                                  datetime.time()))]))
    return oldest >= became_due


def missing_is_due(plan: Plan, year: int) -> bool:
    """Whether a missing value of ``year`` is a finding: the year's data are due."""
    round_ = Round.objects.filter(year=year).first()
    return (round_ is None or round_.closed_at is not None
            or timezone.localdate() > round_.deadline)


Finding = dict[str, Any]


def _findings(plan: Plan, year: int, table: Table, latest_year: np.ndarray[Any, Any],
              masks: list[int], statuses: list[int]) -> dict[tuple[int, int, str], list[Finding]]:
    due = missing_is_due(plan, year)
    own = {series: i.pk for series, i in own_by_series(plan).items()}
    not_applicable = {(own[series], area) for series, area in Observation.objects.for_plan(
        plan).filter(year=year, breakdown="", flag=ValueFlag.NOT_APPLICABLE,
                     status=ValueStatus.APPROVED).values_list("indicator_id", "area_id")}
    found: dict[tuple[int, int, str], list[Finding]] = {}
    for i, row in enumerate(table.rows):
        if not row.stored or row.breakdown != "" or not masks[i]:
            continue
        latest = _year(float(latest_year[i]))
        for code in warning_codes(int(masks[i])):
            if code not in RAISED_BY:
                continue
            kind = WarningKind(code)
            if kind == WarningKind.MISSING and not _missing_counts(
                    row, due, latest, not_applicable):
                continue
            if kind == WarningKind.VOLATILE and row.target_kind == "gap_narrows":
                continue  # the gap's swings are the groups' (small numbers, without counts)
            found.setdefault((row.indicator_id, row.area_id, kind.value), []).append(
                {"target": row.target_position, "status": STATUSES[statuses[i]]})
    return found


def _missing_counts(row: Row, due: bool, latest: int | None,
                    not_applicable: set[tuple[int, int]]) -> bool:
    if not due or row.target_kind == "qualitative":
        return False
    if (row.indicator_id, row.area_id) in not_applicable:
        return False
    return row.cadence == "yearly" or latest is None


def _update_warnings(plan: Plan, year: int, found: dict[tuple[int, int, str], list[Finding]],
                     summary: RecomputeSummary, actor: Any,
                     judged: frozenset[int] | None = None) -> None:
    """Bring the year's warnings (of the ``judged`` indicators; None: all) up to date."""
    leads = dict(plan.indicators.values_list("pk", "lead_id"))
    stored = Warning.objects.filter(plan=plan, year=year)
    if judged is not None:
        stored = stored.filter(indicator_id__in=judged)
    existing = {(w.indicator_id, w.area_id, w.kind): w for w in stored}
    now = timezone.now()
    new = [Warning(plan=plan, year=year, indicator_id=key[0], area_id=key[1], kind=key[2],
                   department_id=leads.get(key[0]), details={"findings": findings},
                   raised_at=now, updated_at=now)
           for key, findings in found.items() if key not in existing]
    created = Warning.objects.bulk_create(new)
    _notify_raised(plan, year, created)
    steps = [WarningStep(warning=w, at=now, actor=None, action="raised", state=WarningState.OPEN)
             for w in created]
    changed: list[Warning] = []
    for key, warning in existing.items():
        findings = found.get(key)
        if findings is not None:
            if warning.state == WarningState.RESOLVED:
                warning.state = WarningState.OPEN
                steps.append(WarningStep(warning=warning, at=now, action="raised_again",
                                         state=WarningState.OPEN))
                summary.reopened += 1
            elif findings == warning.details.get("findings"):
                continue
            warning.details = {"findings": findings}
        elif warning.state == WarningState.OPEN:
            warning.state = WarningState.RESOLVED
            steps.append(WarningStep(warning=warning, at=now, action="resolved",
                                     state=WarningState.RESOLVED))
            summary.resolved += 1
        else:
            continue
        warning.updated_at = now
        changed.append(warning)
    Warning.objects.bulk_update(changed, ["state", "details", "updated_at"])
    WarningStep.objects.bulk_create(steps)
    summary.raised = len(created)
    summary.open_warnings = Warning.objects.filter(
        plan=plan, year=year, state__in=[WarningState.OPEN, WarningState.SENT_BACK]).count()


def _link(warning: Warning) -> str:
    return reverse("assessments:warning", args=[warning.plan.code, warning.pk])


def _notify_raised(plan: Plan, year: int, created: list[Warning]) -> None:
    """One message per department with new warnings (not one per warning)."""
    counts: dict[int, int] = {}
    for warning in created:
        if warning.department_id is not None:
            counts[warning.department_id] = counts.get(warning.department_id, 0) + 1
    departments = Department.objects.in_bulk(list(counts))
    for pk, count in counts.items():
        notify(users_with(DEPARTMENT_ROLES, departments[pk]),
               "warning.raised", reverse("assessments:warnings", args=[plan.code]), count=count, year=year)


def _locked(warning: Warning) -> Warning:
    return Warning.objects.select_for_update().get(pk=warning.pk)


def _step(warning: Warning, action: str, actor: Any, **texts: str) -> None:
    WarningStep.objects.create(warning=warning, actor=actor, action=action, state=warning.state,
                               **texts)


@transaction.atomic
def do_answer_warning(warning: Warning, cause_analysis: str, corrective_actions: str,
                      actor: Any) -> Warning:
    """The department's answer: 原因分析 and 整改措施 (both required)."""
    if not may_take(actor, "warning", "answer"):
        raise ActionError("warning.not_allowed")
    current = _locked(warning)
    if current.department_id is None or not may_take(actor, "warning", "answer", current):
        raise ActionError("warning.other_department")
    if refusal := workflow.WARNING.refusal("answer", current.state):
        raise ActionError(refusal, state=current.state)
    cause, measures = cause_analysis.strip(), corrective_actions.strip()
    if not cause or not measures:
        raise ActionError("warning.answer_required")
    current.cause_analysis, current.corrective_actions = cause, measures
    current.state = WarningState.ANSWERED
    current.updated_at = timezone.now()
    current.save(update_fields=["cause_analysis", "corrective_actions", "state", "updated_at"])
    _step(current, "answered", actor, cause_analysis=cause, corrective_actions=measures)
    notify(users_with([Role.COORDINATOR]), "warning.answered", _link(current),
           department=current.department.name if current.department else "",
           indicator=current.indicator.name, year=current.year)
    record("warning.answer", "warning", str(current), actor)
    return current


def _decide(warning: Warning, actor: Any, state: WarningState, comment: str) -> Warning:
    step = "accept" if state == WarningState.ACCEPTED else "send_back"
    if not may_take(actor, "warning", step):
        raise ActionError("warning.not_allowed")
    if state == WarningState.SENT_BACK and not comment.strip():
        raise ActionError("warning.comment_required")
    current = _locked(warning)
    if refusal := workflow.WARNING.refusal(step, current.state):
        raise ActionError(refusal, state=current.state)
    current.state = state
    current.comment = comment.strip()
    current.updated_at = timezone.now()
    current.save(update_fields=["state", "comment", "updated_at"])
    _step(current, state.value, actor, comment=current.comment)
    notify(users_with(DEPARTMENT_ROLES, current.department),
           f"warning.{state.value}", _link(current), indicator=current.indicator.name,
           year=current.year)
    record(f"warning.{'accept' if state == WarningState.ACCEPTED else 'send_back'}", "warning",
           str(current), actor, comment=current.comment)
    return current


@transaction.atomic
def do_accept_warning(warning: Warning, actor: Any, comment: str = "") -> Warning:
    """The coordinator accepts the department's answer (a comment is optional)."""
    return _decide(warning, actor, WarningState.ACCEPTED, comment)


@transaction.atomic
def do_send_back_warning(warning: Warning, actor: Any, comment: str) -> Warning:
    """The coordinator sends the answer back to the department, saying why."""
    return _decide(warning, actor, WarningState.SENT_BACK, comment)
