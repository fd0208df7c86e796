"""What every API router shares: the error shape, the status of each refusal, the caller.

Every refusal answers ``{"code": …, "message": …, "params": {…}}``: the code
and parameters are stable for programs, the message is the sentence of
``halfsky.web.core.text`` in the request's language (Chinese unless the
``django_language`` cookie says ``en``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.openapi.docs import DocsBase
from ninja.renderers import JSONRenderer

from halfsky.web.core.access import FORBIDDEN, is_refusal, may
from halfsky.web.core.errors import ActionError
from halfsky.web.core.inputs import BodyTooDeep, BodyTooLarge
from halfsky.web.core.text import sentence

if TYPE_CHECKING:
    from ninja import NinjaAPI


V = TypeVar("V", bound=Callable[..., Any])


class Utf8JSONRenderer(JSONRenderer):
    """JSON with Chinese text as it is (UTF-8), not as \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class Error(Schema):
    code: str
    message: str
    params: dict[str, Any] = {}


# The status of each code: refusals (``core.access.is_refusal``) are 403, invalid
# input 422; every other code of an action is a 409 (the state of the data does not
# allow it now).
INVALID = {"api.invalid", "input.bad_choice", "value.rate_parts", "value.reason_required", "review.comment_required",
           "review.bad_decision", "review.unknown_value",
           "round.year_outside_plan", "round.reason_required", "exchange.bad_batch", "exchange.repeated_keys", "exchange.refused_values", "exchange.comment_required",
           "exchange.bad_url", "exchange.bad_token"}
# 400: the body is not JSON (``api.bad_body``) or nests too deeply (``api.too_deep``);
# 413: the body is larger than the limit (``api.too_large``).
ERROR_RESPONSES: dict[int, type[Schema]] = {400: Error, FORBIDDEN: Error, 404: Error, 409: Error,
                                            413: Error, 422: Error}


def status_of(code: str) -> int:
    if is_refusal(code):
        return FORBIDDEN
    if code in INVALID:
        return 422
    return 409


def caller(request: HttpRequest) -> Any:
    """The authenticated user (by token or session) with a role; else a 403 refusal."""
    user = getattr(request, "auth", None)
    if not may(user, "orgs.use_site"):
        raise ActionError("api.no_role")
    return user


def invalid(errors: list[dict[str, Any]]) -> ActionError:
    return ActionError("api.invalid", errors=errors)


def _error(api: NinjaAPI, request: HttpRequest, status: int, code: str,
           params: dict[str, Any] | None = None) -> HttpResponse:
    params = params or {}
    return api.create_response(
        request, {"code": code, "message": sentence(code, params), "params": params},
        status=status)


def _plain_errors(errors: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{"loc": [str(part) for part in e.get("loc", ())], "msg": str(e.get("msg", "")),
             "type": str(e.get("type", ""))} for e in errors]


def install_error_handlers(api: NinjaAPI) -> None:
    def action_error(request: HttpRequest, exc: ActionError) -> HttpResponse:
        return _error(api, request, status_of(exc.code), exc.code, exc.response_params())

    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return _error(api, request, 422, "api.invalid", {"errors": _plain_errors(exc.errors)})

    def authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        response = _error(api, request, 401, "api.unauthorized")
        response["WWW-Authenticate"] = "Bearer"
        return response

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == FORBIDDEN and "CSRF" in exc.message:
            return _error(api, request, FORBIDDEN, "api.csrf_failed")
        if isinstance(exc.__cause__, BodyTooLarge):
            return too_large(request, exc.__cause__)
        if isinstance(exc.__cause__, BodyTooDeep):
            return _error(api, request, 400, "api.too_deep")
        if exc.status_code == 400 and exc.__cause__ is not None:  # the body is not JSON
            return _error(api, request, 400, "api.bad_body")
        return _error(api, request, exc.status_code, "api.error", {"detail": exc.message})

    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _error(api, request, FORBIDDEN, "api.forbidden")

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return _error(api, request, 404, "api.not_found")

    def too_large(request: HttpRequest, exc: Exception) -> HttpResponse:
        return _error(api, request, 413, "api.too_large",
                      {"limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE})

    api.add_exception_handler(ActionError, action_error)
    api.add_exception_handler(RequestDataTooBig, too_large)
    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(AuthenticationError, authentication_error)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(Http404, not_found)


def guard(check: Callable[..., object]) -> Callable[[V], V]:
    """Mark an endpoint with the permission it asks of its caller and path, asked before its
    body and query are read: ``check(user, **path parameters as text)`` raises a refusal
    (``ActionError``, ``Http404``) when the caller may not. The endpoint asks again itself."""

    def mark(view: V) -> V:
        view.halfsky_guard = check  # type: ignore[attr-defined]
        return view

    return mark


def guards_first(run: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The API's decorator ("view" mode: around the whole operation): authenticate, ask the
    endpoint's ``guard``, and only then let ninja read and validate the input."""
    operation = getattr(run, "__self__", None)
    check = getattr(getattr(operation, "view_func", None), "halfsky_guard", None)
    if operation is None or check is None:
        return run

    @wraps(run)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # ninja's own first step (the auth classes), asked once more by ``run``
        error = operation._run_authentication(request)
        if error is not None:
            return error  # type: ignore[no-any-return]
        try:
            check(request.auth, **kwargs)  # type: ignore[attr-defined]
        except Exception as exc:  # answered by the handlers above, as ninja does
            return operation.api.on_exception(request, exc)  # type: ignore[no-any-return]
        return run(request, *args, **kwargs)

    return guarded


class OfflineSwagger(DocsBase):
    """Swagger UI from our own static files (npm ``swagger-ui-dist``), never from a CDN.

    ``validatorUrl: null`` keeps Swagger UI from asking an outside validator
    about the schema.
    """

    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "dom_id": "#swagger-ui",
            "layout": "BaseLayout",
            "deepLinking": True,
            "validatorUrl": None,
        }
        return render(request, self.template, {
            "api": api, "swagger_settings": settings,
            "tokens_url": reverse("tokens:list"),
        })
