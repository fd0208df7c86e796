"""Exchange values ↔ the JSON the instances send each other (``/api/exchange/…``)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from halfsky.domain.exchange import ExchangeValue
from halfsky.web.core.errors import ActionError

TIMEOUT_SECONDS = 60


def to_json(value: ExchangeValue) -> dict[str, Any]:
    return asdict(value)


@dataclass
class Reply:
    status: int
    body: dict[str, Any]


Transport = Callable[[str, str, str, dict[str, Any] | None], Reply]


def http(method: str, url: str, token: str, body: dict[str, Any] | None) -> Reply:
    """One JSON request to another instance; ActionError when it cannot be reached."""
    data = None if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json",
        "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            return Reply(response.status, _json(response.read()))
    except urllib.error.HTTPError as error:
        return Reply(error.code, _json(error.read()))
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ActionError("exchange.unreachable", url=url, reason=str(reason)) from None


def _json(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {}
    return body if isinstance(body, dict) else {}
