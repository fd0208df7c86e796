"""The key of one value: indicator × area × year × breakdown.

One value of a plan is found by these four everywhere — in an uploaded or
imported file, in a batch exchanged with another level, in an aggregate and
in the database. ``ValueKey`` is that key as one type instead of ad-hoc
tuples whose order differs from place to place. In the domain and in files
the indicator and the area are codes (``ValueKey("H13", "141028", 2024)``);
the web may key by database ids (``ValueKey(indicator_id, area_id, …)``).
A ``ValueKey`` is a tuple: hashable, ordered field by field, and usable
wherever such a tuple was.
"""

from __future__ import annotations

from typing import Generic, NamedTuple, Protocol, TypeVar

Ref = TypeVar("Ref", str, int)  # codes (domain, formats) or database ids (web)


class ValueKey(NamedTuple, Generic[Ref]):
    indicator: Ref
    area: Ref
    year: int
    breakdown: str = ""  # "" the total, "sex=female", "urban_rural=rural", …


class Keyed(Protocol):
    """Anything that describes one value by indicator, area, year and breakdown codes."""

    @property
    def indicator(self) -> str: ...

    @property
    def area(self) -> str: ...

    @property
    def year(self) -> int: ...

    @property
    def breakdown(self) -> str: ...


def key_of(item: Keyed) -> ValueKey[str]:
    """The value key of a row, an exchanged value, an aggregate, an observation."""
    return ValueKey(item.indicator, item.area, item.year, item.breakdown)
