"""A department's task: entry form with autosave, submit, confirm, review, history, reopen."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from halfsky.domain import workflow
from halfsky.domain.validation import Severity, blocking
from halfsky.web.core.access import FORBIDDEN, deny, is_refusal, permission_required
from halfsky.web.core.api import status_of
from halfsky.web.core.errors import ActionError
from halfsky.web.core.inputs import has_control_characters, parse_id
from halfsky.web.core.text import sentence, targets
from halfsky.web.orgs.permissions import may_take, moves
from halfsky.web.values import queries
from halfsky.web.values.actions.values import (
    EDITABLE_VALUE_STATES,
    ValueConflict,
    do_confirm_task,
    do_reopen_value,
    do_review_task,
    do_save_value,
    do_submit_task,
    task_findings,
)
from halfsky.web.values.forms import ReopenForm, ValueForm
from halfsky.web.values.models import Observation


@login_required
@permission_required("orgs.use_site")
def task_page(request: HttpRequest, year: int, department: str) -> HttpResponse:
    return render_task(request, queries.get_task(request.user, year, department))


def render_task(request: HttpRequest, task: Any, status: int = 200, **extra: Any) -> HttpResponse:
    findings = task_findings(task)
    years, rows = queries.entry_rows(task, findings)
    problems = blocking(findings)
    return render(request, "values/task.html", {
        "plans": task.round.plans, "round": task.round, "task": task, "years": years,
        "rows": rows, "problem_count": len(problems),
        "error_count": sum(f.severity == Severity.ERROR for f in problems),
        "editable_statuses": [s.value for s in EDITABLE_VALUE_STATES],
        "moves": moves(request.user, workflow.TASK, task.state, task), **extra,
    }, status=status)


@require_POST
@login_required
def save_value(request: HttpRequest, pk: int) -> HttpResponse:
    """Autosave of one row (htmx): answers with the row, its findings or a conflict."""
    observation = get_object_or_404(Observation.objects.restrict(request.user), pk=pk,
                                    task__isnull=False)
    if not may_take(request.user, "value", "edit", observation.task):
        deny("data.edit_value")  # before the form is read
    form = ValueForm(request.POST)
    context: dict[str, Any] = {"moves": ("edit",)}
    status = 200
    if not form.is_valid():
        context["form_errors"] = [str(e) for errors in form.errors.values() for e in errors]
        status = 422
    else:
        data = {k: v for k, v in form.cleaned_data.items() if k != "version" and k in request.POST}
        if observation.indicator.per and _shown_unchanged(request, observation):
            data.pop("value", None)  # the computed value as shown: the parts decide it
        try:
            result = do_save_value(observation, data, form.cleaned_data["version"], request.user)
        except ValueConflict as conflict:
            observation, status = conflict.current, 409
            context["conflict"] = {"theirs": conflict.current.snapshot(),
                                   "yours": conflict.attempted,
                                   "message": sentence(conflict.code)}
        except ActionError as error:
            context["form_errors"] = [sentence(error.code, error.params)]
            status = FORBIDDEN if is_refusal(error.code) else status_of(error.code)
        else:
            observation = result.observation
            context["saved"] = True
            context["findings"] = [(f.severity.value, sentence(f.code, f.params))
                                   for f in result.findings]
    task = observation.task
    findings = task_findings(task)
    years, rows = queries.entry_rows(task, findings, only=_rows_of_same_value(observation))
    row = next(r for r in rows if r.observation.pk == observation.pk)
    row.findings = context.pop("findings", row.findings)
    posted = request.POST if status in {409, 422} else None
    return render(request, "values/_entry_row_reply.html", {
        "row": row, "years": years, "posted": posted, **context,
        "siblings": [r for r in rows if r is not row], "problem_count": len(blocking(findings)),
        "editable_statuses": [s.value for s in EDITABLE_VALUE_STATES]}, status=status)


def _rows_of_same_value(observation: Observation) -> set[int]:
    """The saved row and the task's rows of the same indicator and area (its total and
    groups): their sum checks change with it, so they are sent back too."""
    return set(observation.task.observations.filter(
        indicator_id=observation.indicator_id, area_id=observation.area_id,
    ).values_list("pk", flat=True)) | {observation.pk}


def _shown_unchanged(request: HttpRequest, observation: Observation) -> bool:
    """Whether the row's value field still shows the stored value (as the page writes it)."""
    return request.POST.get("value", "").strip() == targets.number(observation.value)


def _act(request: HttpRequest, year: int, department: str, action: Any, done: str,
         task: Any = None) -> HttpResponse:
    task = task or queries.get_task(request.user, year, department)
    try:
        action(task)
    except ActionError as error:
        if is_refusal(error.code):
            deny(error.code)
        messages.error(request, sentence(error.code, error.params))
    else:
        messages.success(request, done)
    return redirect("data:task", year=year, department=department)


@require_POST
@login_required
@permission_required("orgs.use_site")
def submit_task(request: HttpRequest, year: int, department: str) -> HttpResponse:
    return _act(request, year, department, lambda t: do_submit_task(t, request.user),
                _("Submitted to the department head for confirmation."))


@require_POST
@login_required
@permission_required("orgs.use_site")
def confirm_task(request: HttpRequest, year: int, department: str) -> HttpResponse:
    return _act(request, year, department, lambda t: do_confirm_task(t, request.user),
                _("Confirmed and sent to the statistics bureau for review."))


@require_POST
@login_required
@permission_required("orgs.use_site")
def review_task(request: HttpRequest, year: int, department: str) -> HttpResponse:
    """The review's decisions (``decision-<value id>`` = approve or return, ``comment-<id>``),
    read only after the user is known to review this task."""
    task = queries.get_task(request.user, year, department)
    if not may_take(request.user, "task", "review", task):
        deny("data.review_task")
    decisions = _decisions(request.POST)
    if decisions is None:
        messages.error(request, _("The review could not be read: each decision is “approve” or "
                                  "“return” for a value of this task, each comment plain text."))
        return render_task(request, task, status=400)
    if not decisions:
        messages.error(request, _("Choose “approve” or “return” for at least one value."))
        return render_task(request, task, status=400)
    return _act(request, year, department, lambda t: do_review_task(t, decisions, request.user),
                _("Review saved."), task=task)


def _decisions(posted: Any) -> dict[int, tuple[str, str]] | None:
    """The decisions posted, or None when any is not one (a bad id, choice or comment)."""
    decisions: dict[int, tuple[str, str]] = {}
    for name, decision in posted.items():
        if not name.startswith("decision-"):
            continue
        pk = parse_id(name.removeprefix("decision-"))
        if pk is None or decision not in {"approve", "return", ""}:
            return None
        comment = posted.get(f"comment-{pk}", "")
        if has_control_characters(comment) or len(comment) > 2000:
            return None
        if decision:
            decisions[pk] = (decision, comment)
    return decisions


@login_required
def value_history(request: HttpRequest, pk: int) -> HttpResponse:
    observation = get_object_or_404(
        Observation.objects.restrict(request.user).select_related("indicator", "area", "task"),
        pk=pk)
    form = ReopenForm(request.POST or None)
    value_moves = moves(request.user, workflow.VALUE, observation.status, observation
                        ) if observation.task is not None else ()
    if request.method == "POST":
        if "reopen" not in value_moves:
            deny("cannot reopen")
        if form.is_valid():
            try:
                do_reopen_value(observation, form.cleaned_data["reason"], request.user)
            except ActionError as error:
                form.add_error(None, sentence(error.code, error.params))
            else:
                return redirect("data:value", pk=pk)
    changes = observation.changes.select_related("actor")
    return render(request, "values/value.html", {
        "observation": observation, "changes": changes, "form": form, "moves": value_moves},
        status=400 if request.method == "POST" else 200)
