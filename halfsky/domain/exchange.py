"""Exchange of approved values between levels (county → city → province), without Django.

A value travels under a **shared indicator code**: the indicator of the
parent plan it maps to (``maps_to`` in the plan file: plan code + indicator
name or code), in that indicator's unit (the child's value × ``factor``).
The receiving instance finds its own indicator for a shared code — its own
indicator of that plan and name, or its own indicator mapped to the same
shared code (county and city both mapped to the national outline meet there)
— and converts back with its own factor.

Values are sent in batches; a batch's id is the hash of its content, so a
batch sent twice (a retry after a cut connection) is recognised and a push
run again after an interruption sends nothing twice. :func:`decide` says
what a received value does to the stored one: create it, update it (a newer
approved version, the stored value untouched since the last exchange),
change nothing, or raise a conflict for a person to settle (a different
value stored from another source, or changed by hand since).
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from enum import StrEnum

from halfsky.domain import breakdowns
from halfsky.domain.plan import Plan
from halfsky.domain.value_key import key_of

BATCH_SIZE = 200
MAX_BATCH_SIZE = 1000


@dataclass(frozen=True)
class SharedCode:
    """An indicator of a parent plan: the key under which levels exchange a value."""

    plan: str
    indicator: str


@dataclass(frozen=True)
class ExchangeValue:
    """One approved value as it travels: shared code, key, numbers and provenance."""

    plan: str  # the plan that names the indicator (the shared code)
    indicator: str
    area: str  # GB/T 2260 code of the child area the value describes
    year: int
    breakdown: str = ""
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    flag: str = ""  # "", provisional, estimated, not_applicable
    version: int = 1  # the sender's version of the value: a correction has a higher one
    approved_at: str = ""  # ISO 8601
    approved_by: str = ""
    reason: str = ""  # why an approved value was corrected
    source: str = ""
    note: str = ""
    is_sample: bool = False
    instance: str = ""  # the sending instance (its plan code)

    @property
    def shared(self) -> SharedCode:
        return SharedCode(self.plan, self.indicator)
    def numbers(self) -> tuple[float | None, float | None, float | None, str]:
        return (self.value, self.numerator, self.denominator, self.flag)


@dataclass(frozen=True)
class LocalValue:
    """An approved value of the sending instance, under its own indicator code."""

    indicator: str
    area: str
    year: int
    breakdown: str
    value: float | None
    numerator: float | None
    denominator: float | None
    flag: str
    version: int
    approved_at: str
    approved_by: str
    reason: str
    source: str
    note: str
    is_sample: bool


def _times(number: float | None, factor: float) -> float | None:
    return None if number is None else number * factor


def outgoing(plan: Plan, values: Iterable[LocalValue]) -> list[ExchangeValue]:
    """The values that go up: those of mapped indicators, under their shared code.

    The value is converted with the mapping's factor; a numerator and a
    denominator are counts and travel unchanged.
    """
    mappings = {i.code: i.maps_to for i in plan.indicators if i.maps_to is not None}
    sent = []
    for local in values:
        mapping = mappings.get(local.indicator)
        if mapping is None:
            continue
        sent.append(ExchangeValue(**{
            **asdict(local), "plan": mapping.plan, "indicator": mapping.indicator,
            "value": _times(local.value, mapping.factor), "instance": plan.code}))
    return sorted(sent, key=lambda v: (v.plan, key_of(v)))


@dataclass(frozen=True)
class Receiver:
    """Where a receiving plan puts shared codes: its indicator code and factor."""

    targets: Mapping[SharedCode, tuple[str, float]]

    @classmethod
    def for_plan(cls, plan: Plan) -> Receiver:
        targets: dict[SharedCode, tuple[str, float]] = {}
        for indicator in plan.indicators:
            targets[SharedCode(plan.code, indicator.code)] = (indicator.code, 1.0)
            targets.setdefault(SharedCode(plan.code, indicator.name), (indicator.code, 1.0))
        for indicator in plan.indicators:
            if indicator.maps_to is not None:
                shared = SharedCode(indicator.maps_to.plan, indicator.maps_to.indicator)
                targets.setdefault(shared, (indicator.code, indicator.maps_to.factor))
        return cls(targets)

    def local(self, value: ExchangeValue) -> tuple[str, ExchangeValue] | None:
        """The receiving indicator's code and the value in its unit; None when not tracked."""
        target = self.targets.get(value.shared)
        if target is None:
            return None
        code, factor = target
        if not breakdowns.is_canonical(value.breakdown):  # "urban_rural=rural;sex=female"
            try:
                value = replace(value, breakdown=breakdowns.canonical(value.breakdown))
            except breakdowns.BreakdownError:
                pass  # stored as sent: the receiving coordinator sees it as it came
        if factor == 1.0:
            return code, value
        return code, replace(value, value=_times(value.value, 1.0 / factor))


@dataclass(frozen=True)
class Batch:
    id: str
    values: tuple[ExchangeValue, ...]


def batch_id(values: Sequence[ExchangeValue]) -> str:
    """The SHA-256 of the batch's canonical JSON: equal content, equal id."""
    text = json.dumps([_canonical(v) for v in values], ensure_ascii=False, sort_keys=True,
                      separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value: ExchangeValue) -> dict[str, object]:
    """The value as plain data, numbers as floats (1 and 1.0 are the same content)."""
    data = asdict(value)
    for name in ("value", "numerator", "denominator"):
        if data[name] is not None:
            data[name] = float(data[name])
    return data


def batches(values: Sequence[ExchangeValue], size: int = BATCH_SIZE) -> list[Batch]:
    """Values cut into batches of ``size``, each with its content id."""
    if not 1 <= size <= MAX_BATCH_SIZE:
        raise ValueError("exchange.bad_batch_size")
    parts = [tuple(values[start:start + size]) for start in range(0, len(values), size)]
    return [Batch(batch_id(part), part) for part in parts]


class Decision(StrEnum):
    CREATE = "created"  # nothing stored for the key: store the value
    UPDATE = "updated"  # a newer version of what the exchange stored: replace it
    UNCHANGED = "unchanged"  # the stored value is already this one
    OLDER = "older"  # this version or a newer one was received before: ignore it
    CONFLICT = "conflict"  # a different value from elsewhere, or edited since: a person decides


Numbers = tuple[float | None, float | None, float | None, str]


def same_numbers(a: Numbers, b: Numbers) -> bool:
    def same(x: float | None, y: float | None) -> bool:
        if x is None or y is None:
            return x is None and y is None
        return math.isclose(x, y, rel_tol=1e-12, abs_tol=1e-12)

    return all(same(x, y) for x, y in zip(a[:3], b[:3], strict=True)) and a[3] == b[3]


def decide(
    incoming: ExchangeValue,
    *,
    stored: Numbers | None,
    stored_version: int | None,
    applied_version: int | None,
    received_version: int | None,
) -> Decision:
    """What a received value does to the stored one.

    ``stored``/``stored_version``: the receiving instance's value for the key
    and its version (None when there is none); ``applied_version``: the stored
    value's version right after the exchange last wrote it (None when the
    exchange never wrote it); ``received_version``: the newest version of the
    key received from this sender before (None when none).
    """
    if received_version is not None and incoming.version <= received_version:
        return Decision.OLDER if incoming.version < received_version else Decision.UNCHANGED
    if stored is None:
        return Decision.CREATE
    if same_numbers(stored, incoming.numbers()):
        return Decision.UNCHANGED
    if applied_version is not None and applied_version == stored_version:
        return Decision.UPDATE
    return Decision.CONFLICT
