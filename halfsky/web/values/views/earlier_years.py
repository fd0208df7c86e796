"""History import pages: upload, preview, apply (coordinator and administrator)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from halfsky.web.core.access import permission_required
from halfsky.web.core.errors import ActionError
from halfsky.web.core.text import sentence
from halfsky.web.jobs import runner as job_runner
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import get_plan
from halfsky.web.values.actions.earlier_years import (
    HistoryRefused,
    check_staged,
    do_stage_history,
)
from halfsky.web.values.earlier_years import HistoryPreview
from halfsky.web.values.models import EarlierYearsImport

MAX_BYTES = 20_000_000


def _staged(plan: Plan, pk: int) -> EarlierYearsImport:
    """A staged import of this plan; 404 under another plan's address."""
    return get_object_or_404(EarlierYearsImport.objects.select_related("plan")
                             .defer("plan__document"), pk=pk, plan=plan)


@login_required
@permission_required("data.import_earlier_years")
def earlier_years_upload(request: HttpRequest, plan: str) -> HttpResponse:
    stored = get_plan(plan)
    problems: list[tuple[str, str]] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            problems = [("", sentence("upload.no_file"))]
        elif upload.size is not None and upload.size > MAX_BYTES:
            problems = [("", sentence("history.too_large", {"limit": MAX_BYTES}))]
        else:
            try:
                staged = do_stage_history(stored, upload.name or "history.csv", upload.read(),
                                          request.user)
            except HistoryRefused as refused:  # nothing is stored
                problems = _problems(refused.preview)
            else:
                return redirect("earlier_years:preview", plan=stored.code, pk=staged.pk)
    return render(request, "values/earlier_years_upload.html", {
        "plan": stored, "problems": problems,
        "imports": EarlierYearsImport.objects.filter(plan=stored).defer("content")[:20],
    }, status=400 if problems else 200)


@login_required
@permission_required("data.import_earlier_years")
def earlier_years_preview(request: HttpRequest, plan: str, pk: int) -> HttpResponse:
    staged = _staged(get_plan(plan), pk)
    # an applied file is not kept: its page says what was imported
    result = HistoryPreview() if staged.applied_at else check_staged(staged)
    return render(request, "values/earlier_years_preview.html", {
        "plan": staged.plan, "staged": staged, "result": result, "problems": _problems(result),
    })


def _problems(result: HistoryPreview) -> list[tuple[str, str]]:
    return [(p.where or (str(p.line) if p.line else ""), sentence(p.code, p.params))
            for p in result.problems]


@require_POST
@login_required
@permission_required("data.import_earlier_years")
def earlier_years_apply(request: HttpRequest, plan: str, pk: int) -> HttpResponse:
    staged = _staged(get_plan(plan), pk)
    try:  # a background job (a large file takes a while): its page shows the progress
        job = job_runner.submit("earlier_years.apply", staged, request.user)
    except ActionError as error:  # job.running: it is being imported already
        messages.error(request, sentence(error.code, error.params))
        return redirect("earlier_years:preview", plan=plan, pk=pk)
    if job.is_active:
        return redirect("jobs:detail", pk=job.pk)
    if job.error_code:  # run at once (HALFSKY_JOBS_INLINE)
        messages.error(request, sentence(job.error_code, job.error_params))
        return redirect("earlier_years:preview", plan=plan, pk=pk)
    staged.refresh_from_db()
    count = staged.applied_count
    messages.success(request, ngettext("%(count)s value was imported.",
                                       "%(count)s values were imported.", count)
                     % {"count": count})
    return redirect("earlier_years:upload", plan=plan)
