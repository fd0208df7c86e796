"""The review screen of plan import: upload, review side by side, correct, publish.

Only the coordinator and the administrator use it; every other role gets 403.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from halfsky.web.core.access import permission_required
from halfsky.web.core.errors import ActionError
from halfsky.web.core.text import sentence
from halfsky.web.core.text.plans import (
    CHANGE_KIND,
    CHANGED_PART,
    LEFT_OUT,
    SECTION,
    problem_message,
    problem_place,
)
from halfsky.web.core.text.sentences import knows
from halfsky.web.imports import queries
from halfsky.web.imports.actions import (
    PlanImportError,
    PublishError,
    do_create_import,
    do_link_series,
    do_publish_import,
    do_update_target,
    link_choices,
)
from halfsky.web.imports.forms import KIND_LABELS, PublishForm, TargetForm, UploadForm
from halfsky.web.imports.models import DraftTarget, ImportDraft


def refusal(code: str, params: Mapping[str, object]) -> str:
    """Why a document or a publication was refused, in words (its code if it has none)."""
    if knows(code):
        return sentence(code, params)
    return sentence("plan_import.unknown", {"code": code})


@login_required
@permission_required("imports.import_plan")
def draft_list(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["document"]
        try:
            draft, created = do_create_import(upload.read(), upload.name, request.user)
        except PlanImportError as error:
            form.add_error("document", refusal(error.code, error.params))
        else:
            if not created:
                messages.info(request, _("This document was imported before: here is its draft."))
            return redirect("imports:review", pk=draft.pk)
    drafts = ImportDraft.objects.select_related("created_by", "region")
    return render(request, "imports/list.html", {"form": form, "drafts": drafts},
                  status=400 if form.errors else 200)


def _review_context(draft: ImportDraft, publish_form: PublishForm) -> dict[str, Any]:
    changes = [
        {**change, "what_label": CHANGED_PART.get(change["what"], change["what"]),
         "change_label": CHANGE_KIND.get(change["change"], change["change"])}
        for change in draft.changes
    ]
    names = queries.domain_names(draft)
    unrecognised = [
        {**item, "section_label": SECTION.get(item["section"], item["section"]),
         "domain_name": names.get(item["domain"], item["domain"])}
        for item in draft.unrecognised
    ]
    problems = [
        {**problem, "sentence": _("%(place)s: %(message)s") % {
            "place": problem_place(problem), "message": problem_message(problem)}}
        for problem in draft.problems
    ]
    left_out = [{**item, "reason_label": LEFT_OUT.get(item["reason"], item["reason"])}
                for item in draft.left_out]
    choices = link_choices(draft)
    linkable = [(row, choices[row.unit]) for row in draft.indicators.select_related("same_as")
                if choices.get(row.unit)]
    return {
        "linkable": linkable,
        "draft": draft, "domains": queries.review(draft, problems), "counts": queries.counts(draft),
        "changes": changes, "unrecognised": unrecognised, "publish_form": publish_form,
        "kind_labels": KIND_LABELS, "problems": problems, "left_out": left_out,
        "baselines": draft.notes.get("baselines", []),
        "relative_changes": draft.notes.get("relative_changes", []),
    }


@login_required
@permission_required("imports.import_plan")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_object_or_404(ImportDraft, pk=pk)
    form = PublishForm(initial={
        "region": draft.region, "code": draft.published_code or draft.plan_code,
        "title": draft.title,
    })
    return render(request, "imports/review.html", _review_context(draft, form))


@login_required
@permission_required("imports.import_plan")
def edit_target(request: HttpRequest, pk: int, target: int) -> HttpResponse:
    row = get_object_or_404(DraftTarget.objects.select_related("indicator__draft",
                                                               "indicator__department"),
                            pk=target, indicator__draft_id=pk)
    draft, indicator = row.indicator.draft, row.indicator
    initial = {
        "name": indicator.name, "department": indicator.department, "kind": row.kind,
        "comparator": row.comparator, "value": row.value, "tolerance": row.tolerance,
        "unit": row.unit, "year": row.year,
    }
    form = TargetForm(request.POST or None, initial=initial, start_year=draft.start_year,
                      end_year=draft.end_year)
    if request.method == "POST" and form.is_valid():
        do_update_target(row, form.edit(), request.user)
        messages.success(request, _("The target of %(indicator)s was saved.")
                         % {"indicator": form.cleaned_data["name"]})
        return redirect(reverse("imports:review", args=[draft.pk]) + f"#target-{row.pk}")
    return render(request, "imports/edit_target.html",
                  {"draft": draft, "target": row, "indicator": indicator, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_POST
@permission_required("imports.import_plan")
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    draft = get_object_or_404(ImportDraft, pk=pk)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            code = do_publish_import(draft, region=form.cleaned_data["region"],
                                     code=form.cleaned_data["code"],
                                     title=form.cleaned_data["title"], actor=request.user)
        except PublishError as error:
            form.add_error(None, refusal(error.code, error.params))
        else:
            messages.success(request, _("The plan was published."))
            return redirect("plans:overview", plan=code)
    return render(request, "imports/review.html", _review_context(draft, form), status=400)


@login_required
@require_POST
@permission_required("imports.import_plan")
def series_links(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the review screen's links: which draft indicators share another plan's series."""
    draft = get_object_or_404(ImportDraft, pk=pk)
    links: dict[int, int | None] = {}
    for name, value in request.POST.items():
        if name.startswith("same_as-") and name.removeprefix("same_as-").isdigit():
            links[int(name.removeprefix("same_as-"))] = int(value) if value.isdigit() else None
    try:
        changed = do_link_series(draft, links, request.user)
    except ActionError as error:
        messages.error(request, sentence(error.code, error.params))
    else:
        messages.success(request, _("Shared indicators saved (%(count)s changed).")
                         % {"count": changed})
    return redirect(reverse("imports:review", args=[draft.pk]) + "#links-heading")
