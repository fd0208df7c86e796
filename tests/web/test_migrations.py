"""Models and migrations agree; the breakdown migration keeps every value."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def test_models_and_migrations_agree(db) -> None:
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


# ---------------------------------------------------------------- multi-dimension breakdowns

BEFORE = [("data", "0005_earlier_years_import"), ("exchange", "0001_initial"),
          ("assessments", "0005_goalrating")]


def _observations(executor: Any, nodes: list[tuple[str, str]]) -> Any:
    return executor.loader.project_state(nodes).apps.get_model("data", "Observation")


def _count_and_checksum(model: Any, exclude: int | None = None) -> tuple[int, str]:
    rows = sorted((i, a, y, b, repr(v)) for pk, i, a, y, b, v in model.objects.values_list(
        "pk", "indicator_id", "area_id", "year", "breakdown", "value") if pk != exclude)
    return len(rows), hashlib.sha256(repr(rows).encode()).hexdigest()


@pytest.mark.django_db(transaction=True)
def test_wider_breakdowns_keep_every_value(demo_loader: Any) -> None:
    from halfsky.web.values.models import Observation

    if not Observation.objects.exists():  # an earlier transactional test flushed the demo
        demo_loader()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    old = _observations(executor, BEFORE)
    count, checksum = _count_and_checksum(old)
    assert count > 500 and old.objects.exclude(breakdown="").exists()
    # a crossed breakdown written in another order than the canonical one
    sample = old.objects.filter(breakdown="").first()
    odd = old.objects.create(indicator_id=sample.indicator_id, area_id=sample.area_id,
                             year=1999, breakdown="urban_rural=rural;sex=female", value=1.5)

    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(leaves)
    new = _observations(executor, leaves)
    assert _count_and_checksum(new, exclude=odd.pk) == (count, checksum)
    assert new.objects.get(pk=odd.pk).breakdown == "sex=female;urban_rural=rural"
    assert new._meta.get_field("breakdown").max_length >= 120
