"""Chinese first: the interface is in zh-hans unless the user picked another language."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from halfsky.web.core.users import reset_request_user, set_request_user


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
