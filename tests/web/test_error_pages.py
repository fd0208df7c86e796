"""A server error is logged with its traceback and a reference number the page shows."""

from __future__ import annotations

import logging
import re

import pytest
from django.http import HttpRequest
from django.test import Client, override_settings
from django.urls import path

from halfsky.web.urls import handler500  # noqa: F401 (the URLconf below uses HalfSky's)


def broken(request: HttpRequest) -> None:
    raise ZeroDivisionError("a bug in a view")


urlpatterns = [path("broken/", broken)]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_a_server_error_is_logged_with_a_reference_the_page_shows(caplog) -> None:
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="halfsky.errors"):
        response = client.get("/broken/?x=1")
    assert response.status_code == 500
    page = response.content.decode()
    assert "服务器处理时出错，错误已记录" in page
    reference = re.search(r"<strong data-reference>(E-[0-9A-F]{8})</strong>", page).group(1)
    [logged] = [r for r in caplog.records if r.name == "halfsky.errors"]
    assert reference in logged.getMessage() and "GET /broken/?x=1" in logged.getMessage()
    assert logged.exc_info[0] is ZeroDivisionError
    assert "a bug in a view" in caplog.text and "Traceback" in caplog.text


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__, DEBUG=False)
def test_the_error_page_speaks_english_when_asked() -> None:
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = "en"
    page = client.get("/broken/").content.decode()
    assert "the error was recorded" in page and "Reference number" in page
