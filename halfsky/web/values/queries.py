"""Read-side helpers for the reporting pages."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q
from django.http import Http404

from halfsky.domain.validation import Finding, Severity
from halfsky.web.core.access import check
from halfsky.web.core.text import sentence
from halfsky.web.plans.queries import target_views
from halfsky.web.values.models import Observation, Round, Task, TaskState
from halfsky.web.values.scope import readers

HISTORY_YEARS = 3


def get_round(year: int) -> Round:
    round_ = Round.objects.filter(year=year).first()
    if round_ is None:
        raise Http404(str(year))
    return round_


def get_task(user: Any, year: int, department: str) -> Task:
    check(user, "orgs.use_site")
    task = Task.objects.select_related("round", "department").filter(
        round=get_round(year), department__code=department).first()
    if task is None:
        raise Http404(department)
    check(user, "data.view_task", task)
    return task


@dataclass
class BoardRow:
    task: Task
    filled: int
    total: int


def board(round_: Round) -> list[BoardRow]:
    tasks = list(round_.tasks.select_related("department"))
    # Counted by the database (a province's round has thousands of values): a value is
    # filled when it has a number or is marked not applicable.
    total: dict[int, int] = {}
    filled: dict[int, int] = {}
    for task_id, count, done in (
            Observation.objects.filter(task__round=round_).order_by().values("task_id")
            .annotate(total=Count("id"), filled=Count("id", filter=Q(value__isnull=False)
                                                      | Q(flag="not_applicable")))
            .values_list("task_id", "total", "filled")):
        total[task_id], filled[task_id] = count, done
    order = {TaskState.RETURNED: 0, TaskState.NOT_STARTED: 1, TaskState.IN_PROGRESS: 2,
             TaskState.SUBMITTED: 3, TaskState.CONFIRMED: 4, TaskState.APPROVED: 5}
    rows = [BoardRow(t, filled.get(t.pk, 0), total.get(t.pk, 0)) for t in tasks]
    rows.sort(key=lambda r: (not r.task.is_overdue, order[TaskState(r.task.state)],
                             r.task.department.name))
    return rows


def state_counts(rows: list[BoardRow]) -> list[tuple[str, str, int]]:
    counts = Counter(row.task.state for row in rows)
    return [(state.value, str(state.label), counts.get(state.value, 0)) for state in TaskState]


@dataclass
class EntryRow:
    observation: Observation
    history: list[float | None]
    targets: list[Any]
    findings: list[tuple[str, str]] = field(default_factory=list)  # (severity, sentence)
    changes: int = 0
    plans: list[Any] = field(default_factory=list)  # the round's plans using the value
    plan_targets: list[tuple[Any, list[Any]]] = field(default_factory=list)  # per plan, 2+

    @property
    def shared(self) -> bool:
        return len(self.plans) > 1

    @property
    def has_warning(self) -> bool:
        return any(severity == Severity.WARNING for severity, _ in self.findings)


def entry_rows(task: Task, findings: list[Finding], only: Collection[int] | None = None
               ) -> tuple[list[int], list[EntryRow]]:
    """The task's rows (or only the rows of the observations ``only``) with last years' values."""
    rows_wanted = task.observations.all() if only is None else task.observations.filter(pk__in=only)
    observations = list(rows_wanted.select_related("indicator", "area").prefetch_related(
        "indicator__targets__relative_to").order_by("indicator__position", "area__code",
                                                   "breakdown"))
    year = task.round.year
    years = list(range(year - HISTORY_YEARS, year))
    earlier: dict[tuple[int, int, str], dict[int, float | None]] = defaultdict(dict)
    for o in Observation.objects.filter(
            indicator__in={o.indicator_id for o in observations}, year__in=years):
        earlier[(o.indicator_id, o.area_id, o.breakdown)][o.year] = o.value
    by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for finding in findings:
        by_key[finding.key].append((finding.severity.value, sentence(finding.code, finding.params)))
    targets: dict[int, list[Any]] = {}
    using = readers({o.indicator_id for o in observations}, task.round.plans)
    per_plan = {series: [(i.plan, target_views(i)) for i in found]
                for series, found in using.items() if len(found) > 1}
    rows = []
    for o in observations:
        if o.indicator_id not in targets:  # the round's plan's targets (2026: the new plan's)
            reading = using.get(o.indicator_id) or [o.indicator]
            targets[o.indicator_id] = target_views(reading[0])
        history = earlier[(o.indicator_id, o.area_id, o.breakdown)]
        rows.append(EntryRow(o, [history.get(y) for y in years], targets[o.indicator_id],
                             by_key.get(str(o.pk), []),
                             plans=[i.plan for i in using.get(o.indicator_id, [])],
                             plan_targets=per_plan.get(o.indicator_id, [])))
    return years, rows
