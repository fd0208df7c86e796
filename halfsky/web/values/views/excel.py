"""Excel entry: download the task's template, upload it filled in."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from halfsky.formats.excel_template import write_template
from halfsky.formats.excel_upload import MAX_BYTES, read_template
from halfsky.formats.uploads import FileProblem
from halfsky.web.core.access import deny, permission_required
from halfsky.web.core.errors import ActionError
from halfsky.web.core.text import sentence
from halfsky.web.core.text.files import excel_template_labels
from halfsky.web.orgs.permissions import may_take
from halfsky.web.values import excel, queries
from halfsky.web.values.actions.uploads import UploadRejected, do_apply_upload
from halfsky.web.values.views.tasks import render_task

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@permission_required("orgs.use_site")
def download_template(request: HttpRequest, year: int, department: str) -> HttpResponse:
    task = queries.get_task(request.user, year, department)
    years, rows = queries.entry_rows(task, [])
    previous = {row.observation.pk: row.history for row in rows}
    data = write_template(excel.spec(task, previous, years), excel_template_labels())
    name = _("%(year)s %(department)s reporting template.xlsx") % {
        "year": year, "department": task.department.name}
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@require_POST
@login_required
@permission_required("orgs.use_site")
def upload_template(request: HttpRequest, year: int, department: str) -> HttpResponse:
    task = queries.get_task(request.user, year, department)
    if not may_take(request.user, "task", "edit", task):
        deny("data.edit_task")  # before the file is read
    upload = request.FILES.get("file")
    if upload is None:
        problems = [FileProblem("upload.no_file")]
    elif upload.size is not None and upload.size > MAX_BYTES:
        problems = [FileProblem("excel.too_large", params={"limit_mb": MAX_BYTES // 1_000_000})]
    else:
        result = read_template(upload.read(), excel.identity(task))
        problems = list(result.problems)
        if not problems:
            try:
                changed = do_apply_upload(task, result.rows, request.user, result.data_sheet)
            except UploadRejected as rejected:
                problems = rejected.problems
            except ActionError as error:
                messages.error(request, sentence(error.code, error.params))
                return redirect("data:task", year=year, department=department)
            else:
                messages.success(request, ngettext(
                    "%(count)s value was taken from the file as a draft. Check it, then submit.",
                    "%(count)s values were taken from the file as a draft. Check them, then submit.",
                    changed) % {"count": changed})
                return redirect("data:task", year=year, department=department)
    return render_task(request, task, upload_problems=[(p.where, sentence(p.code, p.params)) for p in problems],
                       status=400)
