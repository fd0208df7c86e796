"""A session ends after HALFSKY_SESSION_IDLE_MINUTES (30) without a request."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.mark.django_db
def test_thirty_idle_minutes_end_the_session() -> None:
    assert settings.HALFSKY_SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    start = timezone.now()
    client = Client()
    with at(start):
        assert client.post("/login/", {"username": "viewer",
                                       "password": "halfsky-demo"}).status_code == 302
    # Each request within 30 minutes keeps the session open for 30 more.
    for minutes in (29, 58, 87):
        with at(start + timedelta(minutes=minutes)):
            assert client.get("/departments/").status_code == 200
    with at(start + timedelta(minutes=87 + 31)):
        response = client.get("/departments/")
    assert response.status_code == 302 and response.url.startswith("/login/")


def session_writes(client: Client, path: str) -> int:
    run: list[str] = []
    with connection.execute_wrapper(lambda call, sql, *rest: run.append(sql) or call(sql, *rest)):
        assert client.get(path).status_code == 200
    return sum(1 for sql in run if sql.startswith("UPDATE") and "django_session" in sql)


@pytest.mark.django_db
def test_pages_within_a_minute_write_the_session_once() -> None:
    """Not a database write per page: the session's end moves at most once a minute."""
    start = timezone.now()
    client = Client()
    with at(start):
        client.post("/login/", {"username": "viewer", "password": "halfsky-demo"})
    with at(start + timedelta(seconds=61)):
        assert session_writes(client, "/departments/") == 1
    for seconds in (62, 90, 120):
        with at(start + timedelta(seconds=seconds)):
            assert session_writes(client, "/departments/") == 0
    with at(start + timedelta(seconds=122)):
        assert session_writes(client, "/departments/") == 1
