"""The JSON API at ``/api/``: one NinjaAPI, a router per app, documented at ``/api/docs``.

Callers authenticate with a personal token (``Authorization: Bearer …``, see
``halfsky.web.tokens``) or the browser's session (unsafe methods then need
the CSRF token). Every endpoint applies the same permissions as the pages,
and every change goes through the apps' actions.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from halfsky.web.core.api import (
    OfflineSwagger,
    Utf8JSONRenderer,
    guards_first,
    install_error_handlers,
)
from halfsky.web.core.inputs import LimitedJSONParser
from halfsky.web.dashboards.api import router as dashboards_router
from halfsky.web.exchange.api import router as exchange_router
from halfsky.web.orgs.api import router as orgs_router
from halfsky.web.plans.api import router as plans_router
from halfsky.web.tokens.auth import BrowserSession, TokenAuth
from halfsky.web.values.api import router as data_router


class HalfSkyAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        """Short, stable operation ids (``save_value``) for generated clients."""
        name: str = operation.view_func.__name__
        return name


api = HalfSkyAPI(
    title="HalfSky API",
    version="1",
    description=(
        "The reporting workflow and the plans of HalfSky (半边天). Authenticate with a "
        "personal token from the page /tokens/ in the header `Authorization: Bearer <token>`, "
        "or with the browser's session. A token has exactly its user's permissions. Refusals "
        "answer `{\"code\", \"message\", \"params\"}` with 400 (a body that is not JSON or "
        "nests deeper than 32 levels), 401, 403, 404, 409, 413 (a body over the size limit) "
        "or 422 (invalid input: ids, years, choices, text with control characters)."
    ),
    urls_namespace="api",
    auth=[TokenAuth(), BrowserSession()],
    renderer=Utf8JSONRenderer(),
    parser=LimitedJSONParser(),
    docs=OfflineSwagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
install_error_handlers(api)
api.add_decorator(guards_first, mode="view")  # permission before the input is read
api.add_router("/", orgs_router)
api.add_router("/", data_router)
api.add_router("/plans", plans_router)
api.add_router("/", dashboards_router)
api.add_router("/", exchange_router)
