"""History import pages: upload, preview, apply (coordinator and administrator)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from halfsky.formats.uploads import FileProblem
from halfsky.web.data import excel, queries
from halfsky.web.data.actions.errors import ActionError
from halfsky.web.data.actions.history import IMPORTERS, check_staged, do_stage_history
from halfsky.web.data.models import HistoryImport
from halfsky.web.jobs import runner as job_runner
from halfsky.web.jobs.messages import text_of as job_text
from halfsky.web.orgs.permissions import role_of

MAX_BYTES = 20_000_000


def _require_importer(request: HttpRequest) -> None:
    if role_of(request.user) not in IMPORTERS:
        raise PermissionDenied("not coordinator")


@login_required
def history_upload(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    plan = queries.current_plan()
    problems: list[tuple[str, str]] = []
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            problems = [excel.describe(FileProblem("upload.no_file"))]
        elif upload.size is not None and upload.size > MAX_BYTES:
            problems = [excel.describe(FileProblem("history.too_large",
                                                   params={"limit": MAX_BYTES}))]
        else:
            staged = do_stage_history(plan, upload.name or "history.csv", upload.read(),
                                      request.user)
            return redirect("data:history_preview", pk=staged.pk)
    return render(request, "data/history_upload.html", {
        "plan": plan, "problems": problems,
        "imports": HistoryImport.objects.filter(plan=plan).defer("content")[:20],
    }, status=400 if problems else 200)


@login_required
def history_preview(request: HttpRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    staged = get_object_or_404(HistoryImport, pk=pk)
    result = check_staged(staged)
    return render(request, "data/history_preview.html", {
        "staged": staged, "result": result,
        "problems": [(p.where or (str(p.line) if p.line else ""), excel.describe(p)[1])
                     for p in result.problems],
    })


@require_POST
@login_required
def history_apply(request: HttpRequest, pk: int) -> HttpResponse:
    _require_importer(request)
    staged = get_object_or_404(HistoryImport, pk=pk)
    try:  # a background job (a large file takes a while): its page shows the progress
        job = job_runner.submit("history.apply", staged, request.user)
    except ActionError as error:  # job.running: it is being imported already
        messages.error(request, job_text(error.code, error.params, "history.apply"))
        return redirect("data:history_preview", pk=pk)
    if job.is_active:
        return redirect("jobs:detail", pk=job.pk)
    if job.error_code:  # run at once (HALFSKY_JOBS_INLINE)
        messages.error(request, job_text(job.error_code, job.error_params, "history.apply"))
        return redirect("data:history_preview", pk=pk)
    staged.refresh_from_db()
    messages.success(request, _("%(count)s values were imported.") % {
        "count": staged.applied_count})
    return redirect("data:history")
