"""The exchange pages: children's deliveries and tokens, the parent link, counties side by
side, and the conflicts waiting for a decision. Changes go through the app's actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from halfsky.web.core.access import check, deny, permission_required
from halfsky.web.core.errors import ActionError
from halfsky.web.core.inputs import parse_id, parse_year, refuse_input
from halfsky.web.core.text import join_words, sentence
from halfsky.web.core.text.counts import counted
from halfsky.web.exchange import queries
from halfsky.web.exchange.actions.access import (
    do_issue_child_token,
    do_revoke_child_token,
    require_admin,
)
from halfsky.web.exchange.actions.aggregates import AGGREGATE_SOURCE
from halfsky.web.exchange.actions.links import do_set_child_source, do_set_parent_link
from halfsky.web.exchange.actions.mapping import do_set_mapping
from halfsky.web.exchange.actions.receive import do_resolve_conflict
from halfsky.web.exchange.forms import IssueTokenForm, LinkForm, MappingForm, ResolveForm
from halfsky.web.exchange.mapping import mapping_rows, parent_plans
from halfsky.web.exchange.models import ChildAccess, Conflict, ParentLink, PushRun
from halfsky.web.jobs import runner as job_runner
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import get_plan
from halfsky.web.values.models import Observation


def _year(request: HttpRequest, plan: Plan) -> int:
    year = parse_year(request.GET.get("year", "")) or 0
    return year if plan.baseline_year <= year <= plan.end_year else plan.end_year - 1


def _posted_id(request: HttpRequest, name: str) -> int:
    """The id posted as ``name``; a refusal (400, the page says why) when it is not one."""
    pk = parse_id(request.POST.get(name, ""))
    if pk is None:
        raise ActionError("input.bad_choice", field=name)
    return pk


def _counts_text(counts: dict[str, int]) -> str:
    names = {"created": _("stored"), "updated": _("corrected"), "unchanged": _("already there"),
             "older": _("older versions ignored"), "conflict": _("conflicts")}
    return join_words(f"{names.get(k, k)} {v}" for k, v in counts.items()) or _("nothing new")


@login_required
@permission_required("exchange.view_exchange")
def index(request: HttpRequest, plan: str) -> HttpResponse:
    return _index(request, get_plan(plan))


def _index(request: HttpRequest, plan: Plan) -> HttpResponse:
    """The plan's children and their deliveries; the tokens and the parent link on it are
    the instance's (one county, whatever its plans)."""
    year = _year(request, plan)
    children = Area.objects.filter(parent=plan.region).order_by("code")
    new_key = request.session.pop("exchange_new_key", None)
    issue_form = IssueTokenForm(children)
    link = ParentLink.objects.first()
    link_form = LinkForm(initial={"url": link.url} if link else None)
    if request.method == "POST":
        check(request.user, "exchange.manage_exchange")
        action = request.POST.get("action", "")
        try:
            if action == "issue":
                issue_form = IssueTokenForm(children, request.POST)
                if issue_form.is_valid():
                    access, key = do_issue_child_token(
                        plan.region, issue_form.cleaned_data["area"],
                        issue_form.cleaned_data["name"], request.user)
                    # shown once, on the page the redirect leads to: a reload issues nothing
                    request.session["exchange_new_key"] = key
                    return redirect("exchange:index", plan=plan.code)
            elif action == "revoke":
                access = get_object_or_404(ChildAccess, pk=_posted_id(request, "token"))
                do_revoke_child_token(access, request.user)
                messages.success(request, _("Token revoked."))
                return redirect("exchange:index", plan=plan.code)
            elif action == "parent":
                link_form = LinkForm(request.POST)
                if link_form.is_valid():
                    do_set_parent_link(link_form.cleaned_data["url"],
                                       link_form.cleaned_data["token"], request.user)
                    messages.success(request, _("Parent instance saved."))
                    return redirect("exchange:index", plan=plan.code)
            elif action == "push":  # a background job: its page shows the progress
                require_admin(request.user)
                job = job_runner.submit("exchange.push", plan, request.user)
                if job.is_active:
                    return redirect("jobs:detail", pk=job.pk)
                run = PushRun.objects.first()  # run at once (HALFSKY_JOBS_INLINE)
                if run is None or run.error:
                    messages.error(request, sentence(job.error_code, job.error_params))
                else:
                    messages.success(request, _("Pushed %(values)s in %(batches)s: %(counts)s.") % {
                        "values": counted("value", run.values),
                        "batches": counted("batch", run.batches),
                        "counts": _counts_text(run.counts)})
                return redirect("exchange:index", plan=plan.code)
            elif action == "source":
                area = get_object_or_404(children, pk=_posted_id(request, "area"))
                source_form = LinkForm(request.POST)
                if not source_form.is_valid():
                    raise ActionError("exchange.bad_url", url=request.POST.get("url", ""))
                do_set_child_source(area, source_form.cleaned_data["url"],
                                    source_form.cleaned_data["token"], request.user)
                messages.success(request, _("Address saved."))
                return redirect("exchange:index", plan=plan.code)
            elif action == "pull":
                area = get_object_or_404(children, pk=_posted_id(request, "area"))
                require_admin(request.user)
                job = job_runner.submit("exchange.pull", area, request.user)
                if job.is_active:
                    return redirect("jobs:detail", pk=job.pk)
                if job.error_code:  # run at once (HALFSKY_JOBS_INLINE)
                    messages.error(request, sentence(job.error_code, job.error_params))
                else:
                    messages.success(request, _("Pulled the values of %(area)s.") % {
                        "area": area.name})
                return redirect("exchange:index", plan=plan.code)
            else:
                raise ActionError("input.bad_choice", field="action")
        except ActionError as error:  # job.running: a push or pull of it is under way
            messages.error(request, sentence(error.code, error.params))
    rows = queries.children_status(plan, year)
    return render(request, "exchange/index.html", {
        "plan": plan, "year": year, "years": range(plan.baseline_year, plan.end_year + 1),
        "rows": rows, "sent": sum(r.has_sent for r in rows),
        "issue_form": issue_form, "new_key": new_key, "link": link, "link_form": link_form,
        "runs": [(run, _counts_text(run.counts),
                  sentence(run.error, run.error_params) if run.error else "")
                 for run in PushRun.objects.all()[:10]], "conflict_count": queries.open_conflict_count(plan)},
        status=400 if request.method == "POST" and new_key is None else 200)


@login_required
@permission_required("exchange.view_exchange")
def compare(request: HttpRequest, plan: str) -> HttpResponse:
    stored = get_plan(plan)
    return _compare(request, stored)


def _compare(request: HttpRequest, plan: Plan) -> HttpResponse:
    indicators = list(plan.indicators.order_by("position"))
    if not indicators:
        deny("no indicators")
    code = request.GET.get("indicator", "")
    indicator = next((i for i in indicators if i.code == code), indicators[0])
    year = _year(request, plan)
    table = queries.compare_table(plan, indicator)
    return render(request, "exchange/compare.html", {
        "plan": plan, "indicator": indicator, "indicators": indicators, "year": year,
        "table": table, "chart": queries.chart_data(table, year),
        "years": table.years, "aggregate_source": AGGREGATE_SOURCE})


@login_required
@permission_required("exchange.view_exchange")
def conflicts(request: HttpRequest, plan: str) -> HttpResponse:
    stored = get_plan(plan)
    return render(request, "exchange/conflicts.html", {
        "plan": stored, "open": queries.open_conflicts(stored),
        "settled": queries.recent_conflicts(stored), "form": ResolveForm()})


@require_POST
@login_required
@permission_required("exchange.manage_exchange")
def resolve(request: HttpRequest, plan: str, pk: int) -> HttpResponse:
    conflict = get_object_or_404(Conflict, pk=pk, observation__indicator__plan__code=plan)
    form = ResolveForm(request.POST)
    if not form.is_valid():
        return refuse_input(request, sentence("exchange.comment_required"),
                            reverse("exchange:conflicts", args=[plan]))
    try:
        do_resolve_conflict(conflict, form.cleaned_data["decision"] == "take",
                            form.cleaned_data["comment"], request.user)
    except ActionError as error:
        messages.error(request, sentence(error.code, error.params))
    else:
        observation = Observation.objects.get(pk=conflict.observation_id)
        messages.success(request, _("Decided: %(indicator)s %(area)s %(year)s is now %(value)s.") % {
            "indicator": observation.indicator.name, "area": observation.area.name,
            "year": observation.year, "value": observation.value})
    return redirect("exchange:conflicts", plan=plan)


@login_required
@permission_required("exchange.view_exchange")
def mapping(request: HttpRequest, plan: str) -> HttpResponse:
    return _mapping(request, get_plan(plan))


def _mapping(request: HttpRequest, plan: Plan) -> HttpResponse:
    if request.method == "POST":
        check(request.user, "exchange.manage_exchange")
        form = MappingForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                do_set_mapping(plan, data["indicator"], data["parent_plan"],
                               data["parent_indicator"], data["factor"] or 1.0, request.user)
            except ActionError as error:
                messages.error(request, sentence(error.code, error.params))
            else:
                messages.success(request, _("Mapping of %(indicator)s saved.") % {
                    "indicator": data["indicator"]})
                return redirect("exchange:mapping", plan=plan.code)
        else:
            messages.error(request, _("Enter the factor as a number."))
    rows = mapping_rows(plan)
    return render(request, "exchange/mapping.html", {
        "plan": plan, "rows": rows, "parents": parent_plans(plan),
        "mapped": sum(1 for r in rows if r.parent_plan)},
        status=400 if request.method == "POST" else 200)
