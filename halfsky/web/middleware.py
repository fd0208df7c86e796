"""Chinese first: the interface is in zh-hans unless the user picked another language.
A plan's page makes its plan the user's current plan. A session's end moves forward with
each request, written at most once a minute."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from halfsky.web.core.inputs import MAX_ID, MAX_YEAR, MIN_YEAR, has_control_characters
from halfsky.web.core.text import sentence
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


# The session records when its end was last moved forward; within this many seconds a
# request does not write it again.
SESSION_REFRESH_KEY = "_halfsky_refreshed"


class SessionRefreshMiddleware:
    """Each request keeps the user's session open HALFSKY_SESSION_IDLE_MINUTES longer, but
    the session row is written at most once every HALFSKY_SESSION_REFRESH_SECONDS (60)
    unless the request changed it — not on every page. (Saving on every request made every
    page a database write: on SQLite each takes the write lock, and 20 concurrent users'
    pages queued behind each other's session saves.) So an idle session ends between
    29 and 30 minutes after the last request. Placed just after Django's SessionMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or not session.session_key:
            return response  # no session (a new one is saved when something is put in it)
        now = int(timezone.now().timestamp())
        if now - int(session.get(SESSION_REFRESH_KEY, 0)) >= settings.HALFSKY_SESSION_REFRESH_SECONDS:
            session[SESSION_REFRESH_KEY] = now  # modified: SessionMiddleware saves it
        return response


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


class InputGuardMiddleware:
    """Refuse what no page or endpoint accepts before any view reads it.

    A path or query string with NUL or another control character answers 400
    (PostgreSQL refuses NUL in text; on the API in the JSON error shape), and an
    integer of the path beyond a database id (``/rounds/values/99999999999999999999/``)
    or a year outside 1900–2100 answers 404: no id or year like that exists.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        texts = [request.path, *request.GET.keys()]
        texts += [value for values in request.GET.lists() for value in values[1]]
        if any(has_control_characters(text) for text in texts):
            return self._bad_request(request)
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Callable[..., HttpResponse],
                     args: tuple[Any, ...], kwargs: dict[str, Any]) -> HttpResponse | None:
        for name, value in kwargs.items():
            if isinstance(value, int) and not (0 <= value <= MAX_ID):
                raise Http404(name)
            if name == "year" and isinstance(value, int) and not (MIN_YEAR <= value <= MAX_YEAR):
                raise Http404(name)
        return None

    def _bad_request(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            code = "api.invalid"
            return JsonResponse({"code": code, "message": str(sentence(code)), "params": {
                "errors": [{"loc": ["query"], "msg": "control character", "type": "value_error"}]}},
                status=400, json_dumps_params={"ensure_ascii": False})
        return HttpResponseBadRequest(
            _("The address contains a control character (such as NUL); it was not read."),
            content_type="text/plain; charset=utf-8")
