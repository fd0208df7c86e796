"""Numbers and units as a report prints them.

Every number of a report and of a page's value table goes through
``format_number`` with the number of decimals of its indicator
(``unit_decimals``: as many as the data carry, at most what the unit allows —
``units.max_decimals``: none for counts of whole things, one for rates per
100 000 and ages, two otherwise), so the same value always prints the same way
in the text, the tables, the compendium and the pages ("46.4", never "46.4000"). A change is
rounded to the same decimals before it is printed, so "10.2 − 12.3" prints
"2.1", never "2.1000000000000014".

Units: a value prints with its plan unit ("95.2%", "78.3岁", "10.2/10万":
the "1" of "1/10万" is dropped after a number); a change prints in points
for rates — 个百分点 for %, 个千分点 for ‰, 个十万分点 for 1/10万, 个万分点 for
1/万 — and in the unit otherwise ("人", "岁", "个" of "个/千人").
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from halfsky.domain.plan import Indicator
from halfsky.domain.reports.messages import Message, Param
from halfsky.domain.units import is_count as is_count_unit
from halfsky.domain.units import is_percent, max_decimals, rate_scale

MAX_DECIMALS = 4

# Phrase codes of the units of change of rates.
PERCENTAGE_POINT = "unit.percentage_point"  # 个百分点
PERMILLE_POINT = "unit.permille_point"  # 个千分点
PER_10K_POINT = "unit.per_10k_point"  # 个万分点
PER_100K_POINT = "unit.per_100k_point"  # 个十万分点
POINT_UNITS = (PERCENTAGE_POINT, PERMILLE_POINT, PER_10K_POINT, PER_100K_POINT)


def is_finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def decimals_of(value: float) -> int:
    """How many decimals ``value`` carries (12.5 → 1, 99.95 → 2, 5200.0 → 0)."""
    if not math.isfinite(value):
        return 0
    text = f"{value:.{MAX_DECIMALS}f}".rstrip("0")
    return len(text.partition(".")[2])


def is_count(indicator: Indicator) -> bool:
    """A count of people, cases, places (人, 件, 万人 …), not a rate or an average."""
    return indicator.per is None and is_count_unit(indicator.unit)


def unit_decimals(unit: str, per: int | None, values: Iterable[float]) -> int:
    """The decimals values of a unit print with: the data's, at most ``max_decimals``."""
    most = max_decimals(unit, per)
    if most == 0:
        return 0
    return min(most, max((decimals_of(v) for v in values if math.isfinite(v)), default=1))


def indicator_decimals(indicator: Indicator, values: Iterable[float]) -> int:
    """The decimals an indicator's numbers print with (``unit_decimals``)."""
    return unit_decimals(indicator.unit, indicator.per, values)


def format_number(value: float, decimals: int) -> str:
    """``value`` with exactly ``decimals`` decimals, no thousands separator, never "-0"."""
    text = f"{round(value, decimals):.{decimals}f}"
    if text.lstrip("-").strip("0.") == "":
        text = text.lstrip("-")
    return text


def plain_number(value: float) -> str:
    """A number from the plan (a target) as people write it: 95, 12.5, 99.95."""
    return format_number(value, decimals_of(value))


def format_percent(ratio: float, decimals: int = 1) -> str:
    """A ratio as a percentage number without the sign: 0.4583 → "45.8"."""
    return format_number(ratio * 100.0, decimals)


def display_unit(unit: str) -> str:
    """The unit as written after a number: "1/10万" → "/10万", others unchanged."""
    unit = unit.strip()
    return unit[1:] if unit.startswith("1/") else unit


def change_unit(indicator: Indicator) -> Param:
    """The unit a change of the indicator is told in: points for rates, else the unit."""
    unit = indicator.unit.strip()
    scale = rate_scale(unit)
    if is_percent(unit, indicator.per):
        return Message(PERCENTAGE_POINT)
    if scale == 1000:
        return Message(PERMILLE_POINT)
    if scale == 100_000 or (indicator.per == 100_000 and unit.startswith("1/")):
        return Message(PER_100K_POINT)
    if scale == 10_000 or (indicator.per == 10_000 and unit.startswith("1/")):
        return Message(PER_10K_POINT)
    if "/" in unit:  # 个/千人 → 个, 分钟/日 → 分钟
        return unit.partition("/")[0]
    return unit
