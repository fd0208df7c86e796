"""Shared test set-up: the demo (Ji County plan, sample values, one account per role).

The demo is loaded once into the test database; each test runs in a
transaction that is rolled back. Browser tests (tests/e2e) load it again
for themselves, since a live server needs committed data.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

PASSWORD = "halfsky-demo"

# Fixtures through which a test reaches the database (directly or by a live server).
DATABASE_FIXTURES = {"db", "transactional_db", "live_server", "django_db_reset_sequences",
                     "django_db_serialized_rollback"}


def pytest_configure(config: pytest.Config) -> None:
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):  # running with -p no:django
        return
    # Hashing demo passwords with the real hasher costs seconds per login.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background jobs run in the request: a test sees their result when the request returns
    # (tests/web/jobs switch it off to test the thread).
    settings.HALFSKY_JOBS_INLINE = True
    # Report charts kept by content go to a directory of this run, never to var/.
    settings.HALFSKY_CACHE_DIR = Path(tempfile.mkdtemp(prefix="halfsky-test-cache-"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """``HALFSKY_TESTS=database`` keeps only the tests that touch the database: CI runs the
    whole suite on SQLite, then these again on PostgreSQL (the rest cannot differ)."""
    if os.environ.get("HALFSKY_TESTS", "all") != "database":
        return
    kept, left_out = [], []
    for item in items:
        touches = (item.get_closest_marker("django_db") or item.get_closest_marker("database")
                   or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())))
        (kept if touches else left_out).append(item)
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = kept


def load_demo() -> None:
    from django.contrib.auth import get_user_model

    from halfsky.formats.plan_file import load_plan
    from halfsky.web.demo import set_up_demo

    # Without the companion plans (children's 2021–2025, women's 2026–2030): pages still take
    # "the" plan by order, which would be the 2026–2030 plan; tests/web/test_demo_plans.py
    # sets them up itself.
    set_up_demo(load_plan("jixian-women-2021-2025"), out=io.StringIO(), with_round=False,
                companions=False)
    # The demo's accounts have a known password that must be changed at the first login;
    # the tests log in with it as if that had been done.
    from halfsky.web.orgs.models import Profile

    Profile.objects.update(must_change_password=False)
    get_user_model().objects.get_or_create(username="stranger")  # logged in, but no role


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        load_demo()
    yield


@pytest.fixture(scope="session")
def demo_loader() -> Any:
    """The function that loads the demo, for tests that need it committed again."""
    return load_demo


def client_for(username: str) -> Client:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


@pytest.fixture
def login(db: None) -> Any:
    """``login("health_reporter")`` → a test client logged in as that demo user."""
    return client_for
