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

from django.db import transaction
from django.utils import timezone
from pydantic import ValidationError

from halfsky.domain.exchange import BATCH_SIZE, batches
from halfsky.web.audit.records import acting_user, record
from halfsky.web.core.errors import ActionError
from halfsky.web.exchange.access import require_admin
from halfsky.web.exchange.api import ExchangeValueSchema
from halfsky.web.exchange.models import ChildSource, DeliveryMethod, ParentLink, PushRun, PushState
from halfsky.web.exchange.outbox import outgoing_values
from halfsky.web.exchange.receive import ReceiveSummary, do_receive
from halfsky.web.exchange.wire import Transport, http, to_json
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Plan

API_PATH = "/api/exchange/"


def endpoint(url: str, name: str) -> str:
    return url.rstrip("/") + API_PATH + name


def _check_link(url: str, token: str) -> tuple[str, str]:
    url, token = url.strip(), token.strip()
    if not url.startswith(("http://", "https://")):
        raise ActionError("exchange.bad_url", url=url)
    if not token or len(token) > 100 or any(c.isspace() for c in token):
        raise ActionError("exchange.bad_token")
    return url, token


@transaction.atomic
def do_set_parent_link(url: str, token: str, actor: Any) -> ParentLink:
    """Where this instance pushes, with the token the parent issued for its area."""
    require_admin(actor)
    url, token = _check_link(url, token)
    link = ParentLink.objects.first() or ParentLink()
    link.url, link.token = url, token
    link.save()
    record("exchange.parent_link", "exchange_link", url, actor)
    return link


@transaction.atomic
def do_set_child_source(area: Area, url: str, token: str, actor: Any) -> ChildSource:
    """Where this instance pulls a child area's values from, with a token the child issued."""
    require_admin(actor)
    url, token = _check_link(url, token)
    source, _ = ChildSource.objects.update_or_create(area=area,
                                                     defaults={"url": url, "token": token})
    record("exchange.child_source", "exchange_link", f"{area.code} {url}", actor)
    return source


@transaction.atomic
def do_start_push(url: str, batch_count: int, value_count: int, actor: Any) -> PushRun:
    require_admin(actor)
    return PushRun.objects.create(url=url, batches=batch_count, values=value_count,
                                  started_by=acting_user(actor))


@transaction.atomic
def do_note_batch(run: PushRun, counts: dict[str, int]) -> PushRun:
    run.sent += 1
    for name, count in counts.items():
        run.counts[name] = run.counts.get(name, 0) + int(count)
    run.save(update_fields=["sent", "counts"])
    return run


@transaction.atomic
def do_end_push(run: PushRun, error: ActionError | None, actor: Any) -> PushRun:
    run.state = PushState.FAILED if error else PushState.DONE
    run.error = error.code[:60] if error else ""
    run.error_params = {k: str(v) for k, v in error.params.items()} if error else {}
    run.finished_at = timezone.now()
    run.save()
    record("exchange.push", "exchange_push", run.url, actor, state=run.state, sent=run.sent,
           batches=run.batches, error=run.error, **run.counts)
    return run


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
