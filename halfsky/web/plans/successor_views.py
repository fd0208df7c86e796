"""The coordinator's page for the next plan: its file in, links to this plan's series proposed
(``halfsky.domain.successor``), reviewed with checkboxes, then the plan loaded.

The same as ``halfsky plan successor OLD NEW_FILE``; the proposal is made again from the
file's text when the reviewed links are loaded, so nothing is kept between the two steps.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from halfsky.domain.plan import Plan as DomainPlan
from halfsky.domain.successor import LinkReason, propose_links, with_links
from halfsky.formats.plan_file import PlanFileError, plan_from_dict, read_plan_data
from halfsky.web.core.access import permission_required
from halfsky.web.core.text import sentence
from halfsky.web.plans.actions import PlanLoadError, do_load_plan
from halfsky.web.plans.queries import domain_plan, get_plan

MAX_BYTES = 5 * 1024 * 1024
REASONS = {LinkReason.SAME_CODE_AND_NAME.value: gettext_lazy("same code and name"),
           LinkReason.SAME_NAME.value: gettext_lazy("same name"),
           LinkReason.SAME_CODE.value: gettext_lazy("same code only")}


def _parse(text: str, json_format: bool) -> DomainPlan:
    return plan_from_dict(read_plan_data(text, json_format=json_format))


@login_required
@permission_required("plans.link_series")
def successor(request: HttpRequest, plan: str) -> HttpResponse:
    """Upload the next plan's file (step 1), tick the links and load it (step 2)."""
    old = get_plan(plan)
    context: dict[str, Any] = {"plan": old, "reasons": REASONS}
    if request.method != "POST":
        return render(request, "plans/successor.html", context)
    upload = request.FILES.get("document")
    if upload is not None:
        if upload.size > MAX_BYTES:
            context["error"] = sentence("plan_import.too_large", {"size": upload.size, "limit": MAX_BYTES})
            return render(request, "plans/successor.html", context, status=400)
        text = upload.read().decode("utf-8", errors="replace")
        json_format = upload.name.lower().endswith(".json")
    else:
        text, json_format = request.POST.get("plan_text", ""), request.POST.get("format") == "json"
    try:
        new = _parse(text, json_format)
    except PlanFileError as error:
        context["error"] = sentence("successor.bad_file", {
            "location": error.location or "—", "problem": error.code})
        return render(request, "plans/successor.html", context, status=400)
    proposals = propose_links(domain_plan(old), new)
    if upload is None and "load" in request.POST:
        linked = with_links(new, proposals, set(request.POST.getlist("link")))
        try:
            do_load_plan(linked, request.user)
        except PlanLoadError as error:
            context["error"] = sentence(error.code, error.params)
        else:
            count = sum(1 for i in linked.indicators if i.same_as is not None)
            messages.success(request, _("Plan %(plan)s loaded; %(count)s indicators share a "
                                        "series with another plan.") % {
                "plan": linked.title, "count": count})
            return redirect("plans:overview", plan=linked.code)
    context.update(new=new, proposals=proposals, plan_text=text,
                   format="json" if json_format else "yaml")
    return render(request, "plans/successor.html", context,
                  status=400 if "error" in context else 200)
