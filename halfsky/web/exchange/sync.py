"""Pushing this instance's approved values to its parent, and pulling a child's.

A push cuts the outgoing values into batches (ids from their content) and
sends them one by one to the parent's ``POST /api/exchange/deliveries``; the
``PushRun`` notes each batch the parent acknowledged. When the connection is
cut, the run fails with a clear message; pushing again sends every batch
again and the parent recognises what it already has — nothing is lost and
nothing is stored twice. A pull asks a child's ``GET /api/exchange/values``
and stores the answer through the same :func:`do_receive`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from halfsky.domain.exchange import BATCH_SIZE, batches
from halfsky.web.core.errors import ActionError
from halfsky.web.exchange.actions.access import require_admin
from halfsky.web.exchange.actions.links import do_end_push, do_note_batch, do_start_push
from halfsky.web.exchange.actions.receive import ReceiveSummary, do_receive
from halfsky.web.exchange.api import ExchangeValueSchema
from halfsky.web.exchange.models import ChildSource, DeliveryMethod, ParentLink, PushRun
from halfsky.web.exchange.outbox import outgoing_values
from halfsky.web.exchange.wire import Transport, http, to_json
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Plan

API_PATH = "/api/exchange/"


def endpoint(url: str, name: str) -> str:
    return url.rstrip("/") + API_PATH + name


def push_to_parent(plan: Plan, actor: Any = None, *, years: set[int] | None = None,
                   batch_size: int = BATCH_SIZE, transport: Transport = http,
                   progress: Callable[[int, str], None] | None = None) -> PushRun:
    """Send the plan's approved values to the parent; the run says how far it got
    (``progress(percent, "exchange.step.push")`` after each batch, in a background job)."""
    require_admin(actor)
    link = ParentLink.objects.first()
    if link is None:
        raise ActionError("exchange.no_parent")
    values = outgoing_values(plan, years)
    parts = batches(values, batch_size)
    run = do_start_push(link.url, len(parts), len(values), actor)
    try:
        for batch in parts:
            reply = transport("POST", endpoint(link.url, "deliveries"), link.token, {
                "batch": batch.id, "instance": plan.code,
                "values": [to_json(value) for value in batch.values]})
            if reply.status != 200:
                raise _refusal(reply.status, reply.body)
            do_note_batch(run, {str(k): int(v) for k, v in
                                dict(reply.body.get("counts", {})).items()})
            if progress is not None:
                progress(5 + 90 * run.sent // max(1, len(parts)), "exchange.step.push")
    except ActionError as error:
        return do_end_push(run, error, actor)
    return do_end_push(run, None, actor)


def pull_from_child(area: Area, actor: Any = None, *, years: set[int] | None = None,
                    transport: Transport = http) -> ReceiveSummary:
    """Fetch a child instance's approved values and store them like a push."""
    require_admin(actor)
    source = ChildSource.objects.filter(area=area).first()
    if source is None:
        raise ActionError("exchange.no_child_source", area=area.name)
    query = "?" + "&".join(f"year={year}" for year in sorted(years)) if years else ""
    reply = transport("GET", endpoint(source.url, "values") + query, source.token, None)
    if reply.status != 200:
        raise _refusal(reply.status, reply.body)
    try:  # checked like a push (the same schema): the child is another system
        values = [ExchangeValueSchema.model_validate(item).to_value()
                  for item in reply.body["values"]]
    except (KeyError, TypeError, ValidationError):
        raise ActionError("exchange.bad_reply", url=source.url) from None
    total = ReceiveSummary(batch="")
    for batch in batches(values):
        summary = do_receive(area, batch.id, batch.values, method=DeliveryMethod.PULL,
                             instance=str(reply.body.get("instance", ""))[:200], actor=actor)
        for name, count in summary.counts.items():
            total.counts[name] = total.counts.get(name, 0) + count
        total.unknown = sorted(set(total.unknown) | set(summary.unknown))
    return total


def _refusal(status: int, body: dict[str, Any]) -> ActionError:
    """The other instance's refusal, in its own words (its message, else its code)."""
    reason = str(body.get("message") or body.get("code") or "")[:300]
    return ActionError("exchange.refused", status=status, reason=reason,
                       refused_code=str(body.get("code", ""))[:60])
