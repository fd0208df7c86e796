"""The exchange endpoints: a child pushes its values, a parent pulls them.

``POST /api/exchange/deliveries`` takes one batch from a child instance; it
authenticates with the token the parent issued for that child area
(``hsx_…``), which may deliver that area's values only. ``GET
/api/exchange/values`` gives this instance's approved values of mapped
indicators for a parent to pull, to a personal token (or session) of a user
who may read all data.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.security import HttpBearer

from halfsky.domain import breakdowns
from halfsky.domain.exchange import MAX_BATCH_SIZE, ExchangeValue
from halfsky.web.core.api import ERROR_RESPONSES, Error, caller, guard
from halfsky.web.core.errors import ActionError
from halfsky.web.core.inputs import MAX_YEAR, MIN_YEAR, PlainText
from halfsky.web.exchange.actions.access import access_for_key
from halfsky.web.exchange.actions.receive import do_receive
from halfsky.web.exchange.models import ChildAccess, DeliveryMethod
from halfsky.web.exchange.outbox import outgoing_values
from halfsky.web.exchange.wire import to_json
from halfsky.web.orgs.permissions import may
from halfsky.web.plans.models import Plan

router = Router(tags=["exchange"])

Number = Annotated[float, Field(allow_inf_nan=False)]


class ChildToken(HttpBearer):
    """``Authorization: Bearer hsx_…``: a token this instance issued to one child area."""

    def authenticate(self, request: HttpRequest, token: str) -> ChildAccess | None:
        return access_for_key(token)


class ExchangeValueSchema(Schema):
    plan: PlainText = Field(max_length=80, description="code of the plan naming the indicator")
    indicator: PlainText = Field(max_length=200, description="the shared indicator (name or code)")
    area: PlainText = Field(max_length=20, description="GB/T 2260 code of the child area")
    year: int = Field(ge=MIN_YEAR, le=MAX_YEAR)
    breakdown: PlainText = Field("", max_length=breakdowns.MAX_LENGTH)
    value: Number | None = None
    numerator: Number | None = None
    denominator: Number | None = None
    flag: str = Field("", pattern="^(|provisional|estimated|not_applicable)$")
    version: int = Field(1, ge=1)
    approved_at: PlainText = Field("", max_length=40)
    approved_by: PlainText = Field("", max_length=150)
    reason: PlainText = Field("", max_length=2000)
    source: PlainText = Field("", max_length=200)
    note: PlainText = Field("", max_length=2000)
    is_sample: bool = False
    instance: PlainText = Field("", max_length=200)

    def to_value(self) -> ExchangeValue:
        return ExchangeValue(**self.model_dump())


class DeliveryIn(Schema):
    batch: str = Field(pattern="^[0-9a-f]{64}$", description="SHA-256 of the values' content")
    instance: PlainText = Field("", max_length=200, description="the sending instance's plan code")
    values: list[ExchangeValueSchema] = Field(max_length=MAX_BATCH_SIZE)


class DeliveryOut(Schema):
    batch: str
    repeated: bool = Field(description="this batch was received before: nothing changed, "
                                       "and its values count as unchanged")
    counts: dict[str, int] = Field(description="created, updated, unchanged, older, conflict")
    unknown: list[str] = Field(description="shared indicators this instance does not track")


class ValuesOut(Schema):
    instance: str
    area: str
    values: list[ExchangeValueSchema]


@router.post("/exchange/deliveries", auth=ChildToken(), response={
    200: DeliveryOut, 401: Error, **ERROR_RESPONSES})
def deliver(request: HttpRequest, payload: DeliveryIn) -> dict[str, Any]:
    """Receive one batch of a child area's approved values (idempotent)."""
    access: ChildAccess = request.auth  # type: ignore[attr-defined]
    summary = do_receive(access.area, payload.batch, [v.to_value() for v in payload.values],
                         method=DeliveryMethod.PUSH, instance=payload.instance, access=access)
    return {"batch": summary.batch, "repeated": summary.repeated, "counts": summary.counts,
            "unknown": summary.unknown}


def may_read_exchange(user: Any, **_path: str) -> None:
    if not may(user, "exchange.view_exchange"):
        raise ActionError("exchange.not_allowed")


@router.get("/exchange/values", response={200: ValuesOut, **ERROR_RESPONSES})
@guard(may_read_exchange)
def read_values(request: HttpRequest,
                year: list[Annotated[int, Field(ge=MIN_YEAR, le=MAX_YEAR)]] = Query(  # noqa: B008
                    None, description="the data years (all when none)"),
                plan: str | None = Query(None, max_length=80)) -> dict[str, Any]:  # noqa: B008
    """This instance's approved values of mapped indicators, for the parent to pull:
    of the plan ``plan`` names, else of every plan (a value the plans share once)."""
    user = caller(request)
    if not may(user, "exchange.view_exchange"):
        raise ActionError("exchange.not_allowed")
    plans = list(Plan.objects.select_related("region").filter(**({"code": plan} if plan else {})))
    if not plans:
        raise ActionError("exchange.no_plan")
    values: dict[tuple[str, str, str, int, str], Any] = {}
    for stored in plans:
        for value in outgoing_values(stored, set(year) if year else None):
            key = (value.plan, value.indicator, value.area, value.year, value.breakdown)
            values.setdefault(key, value)
    return {"instance": ",".join(p.code for p in plans)[:200], "area": plans[0].region.code,
            "values": [to_json(v) for v in values.values()]}
