"""The administrator's security pages: lockouts with unlock, and the audit trail search."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from axes.models import AccessAttempt
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Max, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from halfsky.web.audit.models import AuditEvent
from halfsky.web.core.access import permission_required
from halfsky.web.core.inputs import has_control_characters, refuse_input
from halfsky.web.core.text.system import SECURITY_EVENTS
from halfsky.web.security.actions import do_unlock

PAGE_SIZE = 50


def current_lockouts(now: datetime | None = None) -> list[dict[str, Any]]:
    """Accounts and source addresses with at least the failure limit within the cool-off."""
    since = (now or timezone.now()) - settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)
    found: list[dict[str, Any]] = []
    for field, kind in (("username", "account"), ("ip_address", "address")):
        rows = (recent.filter(**{f"{field}__isnull": False})
                .order_by().values(field).annotate(failures=Sum("failures_since_start"),
                                        last=Max("attempt_time"))
                .filter(failures__gte=settings.AXES_FAILURE_LIMIT).order_by("-last"))
        found.extend({"kind": kind, "value": row[field], "failures": row["failures"],
                      "until": row["last"] + settings.AXES_COOLOFF_TIME} for row in rows
                     if row[field])
    return found


@never_cache
@login_required
@permission_required("security.read_audit")
def lockouts(request: HttpRequest) -> HttpResponse:
    return render(request, "security/lockouts.html", {
        "lockouts": current_lockouts(), "limit": settings.AXES_FAILURE_LIMIT,
        "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    })


@require_POST
@login_required
@permission_required("security.unlock")
def unlock(request: HttpRequest) -> HttpResponse:
    kind, value = request.POST.get("kind", ""), request.POST.get("value", "").strip()
    if kind not in {"account", "address"} or not value or has_control_characters(value) \
            or len(value) > 255:
        return refuse_input(request, _("Choose an account or an address to unlock."),
                            reverse("security:lockouts"))
    do_unlock(value if kind == "account" else "", value if kind == "address" else "",
              request.user)
    messages.success(request, _("“%(value)s” is unlocked.") % {"value": value})
    return redirect("security:lockouts")


class AuditSearchForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), required=False)
    user = forms.CharField(label=gettext_lazy("User"), required=False, max_length=150)
    since = forms.DateField(label=gettext_lazy("From"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=gettext_lazy("To"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        stored = set(AuditEvent.objects.order_by().values_list("action", flat=True).distinct())
        known = [(action, f"{label} ({action})") for action, label in SECURITY_EVENTS.items()]
        others = [(action, action) for action in sorted(stored - set(SECURITY_EVENTS))]
        self.fields["kind"].choices = [("", _("All kinds")), *known, *others]


def search_audit(data: dict[str, Any]) -> Any:
    events = AuditEvent.objects.select_related("actor")
    if data.get("kind"):
        events = events.filter(action=data["kind"])
    if data.get("user"):
        actor = get_user_model().objects.filter(username=data["user"]).values("pk")
        events = events.filter(Q(actor__in=actor)
                               | Q(object_key=data["user"], object_type="user"))
    zone = timezone.get_current_timezone()
    if data.get("since"):
        events = events.filter(at__gte=datetime.combine(data["since"], time.min, zone))
    if data.get("until"):
        events = events.filter(at__lt=datetime.combine(data["until"] + timedelta(days=1),
                                                       time.min, zone))
    return events


@never_cache
@login_required
@permission_required("security.read_audit")
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    page = Paginator(search_audit(data), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "security/audit_log.html", {
        "form": form, "page": page, "query": query.urlencode(), "labels": SECURITY_EVENTS,
        "retention_days": settings.HALFSKY_AUDIT_RETENTION_DAYS,
    })
