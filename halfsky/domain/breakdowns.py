"""Breakdowns: which part of a value's population a value describes.

A breakdown is a set of ``dimension=value`` pairs, written canonically with
the dimensions in the order of the vocabulary below (sex, urban_rural,
age_band) joined by ``;``: ``""`` is the total, ``sex=female`` one
dimension, ``sex=female;urban_rural=rural;age_band=15-49`` three. The same
text is stored, exchanged (SDMX), uploaded and imported; this module is the
only place that reads or writes it.

An indicator declares the combinations it is broken down by: one dimension
(``sex``) or a cross product (``(sex, urban_rural)``); :func:`cells` lists the
breakdowns of a combination whose values are a fixed list (age bands are
free, ``15-49`` or ``65+``, and have no fixed list). Refusals are
:class:`BreakdownError` with a message code (``breakdown.…``).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

from halfsky.domain.errors import CodedError

SEPARATOR = ";"
MAX_LENGTH = 120  # characters of a stored breakdown
SEX = "sex"
URBAN_RURAL = "urban_rural"
AGE_BAND = "age_band"
DIMENSIONS: tuple[str, ...] = (SEX, URBAN_RURAL, AGE_BAND)  # the canonical order
VALUES: Mapping[str, tuple[str, ...]] = {  # dimensions with a fixed list of values
    SEX: ("female", "male"),
    URBAN_RURAL: ("urban", "rural"),
}
_AGE_BAND = re.compile(r"(\d{1,3})-(\d{1,3})|(\d{1,3})\+")

Pair = tuple[str, str]
Breakdown = tuple[Pair, ...]  # canonical order, no dimension twice; () the total

UNKNOWN_DIMENSION = "breakdown.unknown_dimension"
UNKNOWN_VALUE = "breakdown.unknown_value"
REPEATED_DIMENSION = "breakdown.repeated_dimension"
MALFORMED = "breakdown.malformed"
NOT_DECLARED = "breakdown.not_declared"


class BreakdownError(CodedError, ValueError):
    """A breakdown that cannot be read; ``params`` hold ``breakdown`` and the part at fault."""


def valid_value(dimension: str, value: str) -> bool:
    if dimension == AGE_BAND:
        match = _AGE_BAND.fullmatch(value)
        return match is not None and (match[3] is not None or int(match[1]) <= int(match[2]))
    return value in VALUES.get(dimension, ())


def parse(text: str) -> Breakdown:
    """``"urban_rural=rural;sex=female"`` → ``(("sex", "female"), ("urban_rural", "rural"))``.

    Pairs may come in any order and with spaces around them; dimensions and
    values must be known, no dimension twice. ``""`` is the total, ``()``.
    """
    text = text.strip()
    if not text:
        return ()
    found: dict[str, str] = {}
    for item in text.split(SEPARATOR):
        dimension, sep, value = (part.strip() for part in item.partition("="))
        if not sep or not dimension or not value:
            raise BreakdownError(MALFORMED, breakdown=text, part=item.strip())
        if dimension not in DIMENSIONS:
            raise BreakdownError(UNKNOWN_DIMENSION, breakdown=text, dimension=dimension)
        if dimension in found:
            raise BreakdownError(REPEATED_DIMENSION, breakdown=text, dimension=dimension)
        if not valid_value(dimension, value):
            raise BreakdownError(UNKNOWN_VALUE, breakdown=text, dimension=dimension, value=value)
        found[dimension] = value
    return tuple((d, found[d]) for d in DIMENSIONS if d in found)


def format_pairs(pairs: Iterable[Pair]) -> str:
    """Pairs → the canonical text (sorted into the vocabulary's order)."""
    order = {d: i for i, d in enumerate(DIMENSIONS)}
    return SEPARATOR.join(f"{d}={v}" for d, v in sorted(
        pairs, key=lambda p: order.get(p[0], len(order))))


def canonical(text: str) -> str:
    """The canonical text of a breakdown; :class:`BreakdownError` when it cannot be read."""
    if not text or text.isspace():  # the total: most rows of a file
        return ""
    return format_pairs(parse(text))


def is_crossed(text: str) -> bool:
    """Whether a breakdown has two or more dimensions (False for one that cannot be read)."""
    try:
        return len(parse(text)) > 1
    except BreakdownError:
        return False


def is_canonical(text: str) -> bool:
    try:
        return canonical(text) == text
    except BreakdownError:
        return False


def of_columns(values: Mapping[str, str]) -> str:
    """A breakdown from one column per dimension (``{"sex": "female", "age_band": ""}``)."""
    return canonical(SEPARATOR.join(f"{d}={v.strip()}" for d, v in values.items() if v.strip()))


def dimensions(text: str) -> tuple[str, ...]:
    """The dimension set of a breakdown, in canonical order (``()`` for the total)."""
    return tuple(d for d, _ in parse(text))


def value_of(text: str, dimension: str) -> str:
    """The value of one dimension (``"rural"``), ``""`` when the breakdown has none."""
    return dict(parse(text)).get(dimension, "")


def order_combination(combination: Iterable[str]) -> tuple[str, ...]:
    """A combination's dimensions in canonical order."""
    chosen = set(combination)
    return tuple(d for d in DIMENSIONS if d in chosen)


def cells(combination: Sequence[str]) -> tuple[str, ...]:
    """The breakdowns of a combination, when all its dimensions have a fixed list of values.

    ``("sex",)`` → ``sex=female``, ``sex=male``; ``("sex", "urban_rural")`` → the
    four crossed cells; a combination with an age band (free values) → ``()``.
    """
    ordered = order_combination(combination)
    if not ordered or any(d not in VALUES for d in ordered):
        return ()
    return tuple(format_pairs(zip(ordered, values, strict=True))
                 for values in itertools.product(*(VALUES[d] for d in ordered)))


def declared(text: str, combinations: Iterable[Sequence[str]]) -> bool:
    """Whether a breakdown is the total or of one of an indicator's combinations."""
    if not text:  # the total
        return True
    found = dimensions(text)
    return not found or any(order_combination(c) == found for c in combinations)


def group_breakdown(group: str, observed: Iterable[str]) -> str | None:
    """The breakdown a gap target's group names.

    A group is a full breakdown (``sex=female;urban_rural=rural``) or, as plans
    have always written it, a value of one dimension (``rural``): then the
    one-dimension breakdown with that value among ``observed``.
    """
    if "=" in group:
        return canonical(group)
    return next((b for b in sorted(observed)
                 if len(found := parse(b)) == 1 and found[0][1] == group), None)


def group_dimension(group: str) -> str | None:
    """The dimension of a one-value group (``rural`` → ``urban_rural``)."""
    return next((d for d, values in VALUES.items() if group in values), None)


def group_combination(group: str) -> tuple[str, ...]:
    """The dimensions a gap target's group needs the indicator broken down by."""
    if "=" in group:
        return dimensions(group)
    dimension = group_dimension(group)
    return (dimension,) if dimension else ()


def combinations_of(entries: Iterable[str | Sequence[str]]) -> tuple[tuple[str, ...], ...]:
    """The combinations of a stored ``disaggregations`` list (``["sex", ["sex", "urban_rural"]]``):
    one per entry that names breakdown dimensions (the township, an area, is left out)."""
    found: list[tuple[str, ...]] = []
    for entry in entries:
        combination = order_combination([entry] if isinstance(entry, str) else entry)
        if combination and combination not in found:
            found.append(combination)
    return tuple(found)


def entry_breakdowns(combinations: Iterable[Sequence[str]]) -> tuple[str, ...]:
    """What is entered for an indicator: the total, then the cells of each combination."""
    return ("", *(cell for combination in combinations for cell in cells(combination)))
