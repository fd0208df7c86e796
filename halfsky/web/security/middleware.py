"""The security gate (second factor, password change) and the audit of downloads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django_otp import user_has_device

from halfsky.web.orgs.permissions import may
from halfsky.web.security.actions import do_record_download
from halfsky.web.security.passwords import password_change_reason

# Pages a user reaches before the gate is passed.
OPEN_VIEWS = frozenset({"login", "logout", "set_language", "security:password_change",
                        "security:totp_enrol", "security:totp_verify"})
# (API calls with a token are not logged in here: the token is checked by the API itself.)
OPEN_PATHS = ("/static/", "/i18n/")


def totp_required(user: Any) -> bool:
    return bool(settings.HALFSKY_TOTP) and may(user, "security.second_factor")


def gate_for(user: Any) -> str:
    """The page the user must pass before any other: a view name, or empty."""
    if totp_required(user) and not user.is_verified():
        return "security:totp_verify" if user_has_device(user) else "security:totp_enrol"
    if password_change_reason(user):
        return "security:password_change"
    return ""


class SecurityGateMiddleware:
    """A logged-in user passes the second factor, then changes a given or expired password."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any,
                     view_kwargs: Any) -> HttpResponseBase | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or request.path.startswith(OPEN_PATHS):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_VIEWS:
            return None
        target = gate_for(user)
        if not target:
            return None
        response = redirect(target)
        here = request.get_full_path()
        if request.method == "GET" and url_has_allowed_host_and_scheme(here, None):
            response["Location"] += "?" + urlencode({"next": here})
        return response


class DownloadAuditMiddleware:
    """Every file handed out as an attachment (exports, reports, evidence) is audited."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase | HttpResponse:
        response = self.get_response(request)
        if (response.status_code == 200
                and "attachment" in response.get("Content-Disposition", "")):
            user = getattr(request, "user", None)
            if user is None or not user.is_authenticated:
                user = getattr(request, "auth", None)
            do_record_download(request, response, user)
        return response
