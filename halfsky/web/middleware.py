"""Chinese first: the interface is in zh-hans unless the user picked another language.
A plan's page makes its plan the user's current plan."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

from halfsky.web.core.users import reset_request_user, set_request_user
from halfsky.web.plans.choice import remember_plan
from halfsky.web.plans.queries import find_plan


class ChineseFirstMiddleware:
    """Ignore the browser's Accept-Language so the default is always 简体中文.

    The language switch (a cookie set by ``/i18n/setlang/``) still applies;
    this middleware must come before Django's ``LocaleMiddleware``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class RememberPlanMiddleware:
    """Visiting any ``/plans/<code>/…`` page makes that plan the user's current plan
    (what ``/``, the old addresses and the top bar's chooser start from)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any,
                     kwargs: dict[str, Any]) -> None:
        code = kwargs.get("plan")
        user = getattr(request, "user", None)
        if not isinstance(code, str) or not request.path.startswith("/plans/"):
            return
        if user is None or not user.is_authenticated:
            return
        profile = getattr(user, "profile", None)
        if profile is None or profile.current_plan_code == code:
            return
        plan = find_plan(code)
        if plan is not None:
            remember_plan(user, plan)


class RequestUserMiddleware:
    """Remember the request's user for the audit records written by signal receivers
    (account changes made through the admin or Django's own views)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = set_request_user(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            reset_request_user(token)
