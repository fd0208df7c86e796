"""Actions on the links between instances: the parent to push to, the children to pull
from, and each push's record."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from halfsky.web.audit.records import record
from halfsky.web.core.errors import ActionError
from halfsky.web.core.users import acting_user
from halfsky.web.exchange.actions.access import require_admin
from halfsky.web.exchange.models import ChildSource, ParentLink, PushRun, PushState
from halfsky.web.orgs.models import Area


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
