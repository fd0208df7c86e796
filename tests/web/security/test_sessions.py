"""A session ends after HALFSKY_SESSION_IDLE_MINUTES (30) without a request."""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.mark.django_db
def test_thirty_idle_minutes_end_the_session() -> None:
    assert settings.HALFSKY_SESSION_IDLE_MINUTES == 30
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
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
