"""Schemathesis over the API's own OpenAPI schema (django-ninja's), in process (WSGI), with a
personal API token: no answer is a 5xx, every answer matches the schema (status documented,
body of the documented shape, content type).

Bounded and deterministic: a fixed number of examples per operation, derandomized (the
seed comes from the test), no example database, no network. ``HALFSKY_FUZZ_EXAMPLES``
raises the bound for a longer run.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from halfsky.web.api import api

EXAMPLES = int(os.environ.get("HALFSKY_FUZZ_EXAMPLES", "12"))
CASES: dict[str, int] = {}
STATUSES: dict[int, int] = {}

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/"))
schema.app = WSGIHandler()


@pytest.fixture
def same_connection() -> Iterator[None]:
    """Keep the test's database connection open across the in-process requests (as Django's
    test client does): the WSGI handler would close it after each one, ending the test's
    transaction on PostgreSQL."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def token(db: None, same_connection: None) -> str:
    from halfsky.web.tokens.actions import do_create_token
    from halfsky.web.values.actions.rounds import do_open_round
    from halfsky.web.values.models import Round

    users = get_user_model().objects
    coordinator = users.get(username="coordinator")
    if not Round.objects.filter(year=2025).exists():  # a round, so that tasks and values answer
        do_open_round(2025, timezone.localdate() + datetime.timedelta(days=20), coordinator)
    return do_create_token(coordinator, "fuzz", coordinator)[1]


@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_the_api_answers_its_schema(case: Any, token: str) -> None:
    CASES[case.operation.label] = CASES.get(case.operation.label, 0) + 1
    # A valid request may still be refused for the state of the data (a round already open,
    # a value locked: 409) or the caller's role (403): documented answers, not bugs.
    response = case.call_and_validate(headers={"Authorization": f"Bearer {token}"},
                                      excluded_checks=[positive_data_acceptance])
    STATUSES[response.status_code] = STATUSES.get(response.status_code, 0) + 1


def test_zz_report_the_case_count(capsys: Any) -> None:
    with capsys.disabled():
        print(f"\nschemathesis: {sum(CASES.values())} cases over {len(CASES)} operations; "
              f"answers by status: {dict(sorted(STATUSES.items()))}")
    assert not any(status >= 500 for status in STATUSES)
