"""Rounds: the list, opening a round, the progress board, notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from halfsky.web.core.access import check, deny, permission_required
from halfsky.web.core.errors import ActionError
from halfsky.web.core.inputs import refuse_input
from halfsky.web.core.notifications import latest as latest_notifications
from halfsky.web.core.notifications import mark_read
from halfsky.web.core.text import sentence
from halfsky.web.orgs.permissions import department_of, is_department_bound, may
from halfsky.web.plans.choice import chosen_plan
from halfsky.web.values import queries
from halfsky.web.values.actions.rounds import do_close_round, do_open_round, do_reopen_round
from halfsky.web.values.forms import OpenRoundForm, ReasonForm
from halfsky.web.values.models import Round, TaskState


@login_required
@permission_required("orgs.use_site")
def round_list(request: HttpRequest) -> HttpResponse:
    can_open = may(request.user, "data.open_round")
    form = OpenRoundForm(request.POST or None, initial={
        "year": timezone.localdate().year - 1,
        "deadline": timezone.localdate() + timezone.timedelta(days=30)})
    if request.method == "POST":
        check(request.user, "data.open_round")
        if form.is_valid():
            try:
                round_ = do_open_round(form.cleaned_data["year"], form.cleaned_data["deadline"],
                                       request.user, form.cleaned_data["election_year"])
            except ActionError as error:
                form.add_error(None, sentence(error.code, error.params))
            else:
                messages.success(request, sentence("round.opened", {
                    "year": round_.year, "deadline": round_.deadline.isoformat()}))
                return redirect("data:board", year=round_.year)
    rounds = list(Round.objects.all())
    return render(request, "values/round_list.html", {
        "rounds": rounds, "form": form if can_open else None,
        "plan": chosen_plan(request.user),  # its import of earlier years is linked
        "own_department": department_of(request.user) if is_department_bound(request.user) else None,
    }, status=400 if request.method == "POST" else 200)


@login_required
@permission_required("orgs.use_site")
def round_board(request: HttpRequest, year: int) -> HttpResponse:
    round_ = queries.get_round(year)
    if is_department_bound(request.user):
        department = department_of(request.user)
        if department is None:
            deny("no department")
        return redirect("data:task", year=year, department=department.code)
    rows = queries.board(round_)
    late = [r for r in rows if r.task.state not in {TaskState.SUBMITTED, TaskState.CONFIRMED,
                                                       TaskState.APPROVED}]
    return render(request, "values/board.html", {
        "round": round_, "plans": round_.plans, "rows": rows, "late": late,
        "counts": queries.state_counts(rows),
        "may_close": may(request.user, "data.open_round"),
    })


@require_POST
@login_required
@permission_required("data.open_round")
def close_round(request: HttpRequest, year: int) -> HttpResponse:
    """The coordinator closes the round: the departments' entry ends."""
    round_ = queries.get_round(year)
    try:
        do_close_round(round_, request.user)
    except ActionError as error:
        messages.error(request, sentence(error.code, error.params))
    else:
        messages.success(request, sentence("round.closed_notice", {"year": year}))
    return redirect("data:board", year=year)


@require_POST
@login_required
@permission_required("data.open_round")
def reopen_round(request: HttpRequest, year: int) -> HttpResponse:
    """The coordinator reopens a closed round for a late change, saying why."""
    round_ = queries.get_round(year)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return refuse_input(request, sentence("round.reason_required"),
                            reverse("data:board", args=[year]))
    try:
        do_reopen_round(round_, form.cleaned_data["reason"], request.user)
    except ActionError as error:
        messages.error(request, sentence(error.code, error.params))
    else:
        messages.success(request, sentence("round.reopened", {
            "year": year, "reason": request.POST.get("reason", "").strip()[:200]}))
    return redirect("data:board", year=year)


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = latest_notifications(request.user)
    for notification in notifications:
        notification.text = sentence(notification.code, notification.params)  # type: ignore[attr-defined]
    return render(request, "values/notifications.html", {"notifications": notifications})


@require_POST
@login_required
def notifications_read(request: HttpRequest) -> HttpResponse:
    mark_read(request.user)
    return redirect("data:notifications")
