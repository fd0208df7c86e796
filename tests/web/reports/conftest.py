"""Report tests: the demo plan, files under a temporary media root."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

PLAN = "jixian-women-2021-2025"


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.HALFSKY_CACHE_DIR = tmp_path / "cache"
    return settings.MEDIA_ROOT


@pytest.fixture
def plan(db: None) -> Any:
    from halfsky.web.plans.models import Plan

    return Plan.objects.select_related("region").get(code=PLAN)


@pytest.fixture
def user() -> Any:
    from django.contrib.auth import get_user_model

    return lambda name: get_user_model().objects.get(username=name)
