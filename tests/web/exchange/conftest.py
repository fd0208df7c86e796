"""A city plan (the sample 临汾市 plan) beside the demo's county plan, and the helpers to push."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from halfsky.domain.exchange import ExchangeValue, batch_id
from halfsky.formats.plan_file import load_plan
from halfsky.web.exchange.actions.access import do_issue_child_token
from halfsky.web.exchange.wire import to_json
from halfsky.web.orgs.models import Area
from halfsky.web.plans.actions import do_load_plan
from halfsky.web.plans.models import Plan

NATIONAL = "china-women-2021-2030"


@pytest.fixture
def city(db: None) -> Plan:
    do_load_plan(load_plan("linfen-sample-women-2021-2025"))
    return Plan.objects.get(code="linfen-sample-women-2021-2025")


@pytest.fixture
def county_key(city: Plan) -> str:
    return do_issue_child_token(city.region, Area.objects.get(code="141028"), "吉县", None)[1]


def value(indicator: str = "孕产妇死亡率", *, area: str = "141028", year: int = 2024,
          number: float = 10.0, numerator: float | None = 1, denominator: float | None = 10000,
          version: int = 1, **extra: Any) -> ExchangeValue:
    extra.setdefault("plan", NATIONAL)
    return ExchangeValue(indicator=indicator, area=area, year=year, value=number,
                         numerator=numerator, denominator=denominator, version=version,
                         approved_at="2025-03-01T08:00:00+08:00", approved_by="statistics",
                         source="吉县卫健局", instance="jixian-women-2021-2025", **extra)


def push(key: str, values: list[ExchangeValue], batch: str | None = None) -> Any:
    body = {"batch": batch or batch_id(values), "instance": "jixian-women-2021-2025",
            "values": [to_json(v) for v in values]}
    return Client().post("/api/exchange/deliveries", json.dumps(body, ensure_ascii=False),
                         content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}")


@pytest.fixture
def coordinator(db: None) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="coordinator")
