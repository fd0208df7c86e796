"""The page of a server error (500): the error is logged with its traceback and a
reference number, and the page tells the user that number.

The log line (logger ``halfsky.errors``, to ``HALFSKY_LOG_FILE`` or standard
output) reads ``server error <reference>: <method> <path> (<user>)`` followed by
the traceback; the administrator finds it by the number the user reports.
"""

from __future__ import annotations

import logging
import secrets
import sys

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

logger = logging.getLogger("halfsky.errors")


def new_reference() -> str:
    """A short reference number, unique enough to find one error in a log: E-7F3A9C21."""
    return f"E-{secrets.token_hex(4).upper()}"


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's ``handler500``: called while the exception is being handled."""
    reference = new_reference()
    user = getattr(request, "user", None)
    username = user.get_username() if user is not None and user.is_authenticated else "-"
    logger.error("server error %s: %s %s (%s)", reference, request.method,
                 request.get_full_path()[:500], username, exc_info=sys.exc_info())
    try:
        page = loader.get_template("500.html").render({"reference": reference})
    except Exception:  # the page must not fail in turn: plain words and the number
        logger.exception("server error %s: the error page failed", reference)
        page = f"<h1>Server Error (500)</h1><p>{reference}</p>"
    return HttpResponseServerError(page)
