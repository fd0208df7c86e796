"""Units of measure: the one vocabulary of the plan model, validation, demo data and reports.

Every unit a plan may name is classified here once, and nowhere else:

- **count** (``人``, ``件``, ``例``, ``起``, ``张``, ``床`` …): whole things counted —
  people, cases, incidents, places, beds. A county's count is the sum of its
  townships' (the plan's default aggregation is ``sum``), a value is a whole
  number that is never negative and adds up across groups, a report prints it
  without decimals. ``例`` (cases: births to infected mothers, maternal deaths)
  and ``起`` (incidents: reported cases of domestic violence) are counted
  events, exactly like ``件``; ``张`` and ``床`` (hospital or childcare beds)
  are counted places. Earlier copies of this list disagreed on these four:
  the plan summed ``例`` while a report printed it as a level with decimals.
- **scaled count** (``万人``, ``亿人``, ``万人次``, and any count unit after ``万`` or
  ``亿``): a count written in ten thousands or hundred millions. It is summed
  and never negative like a count, but "1.25万人" is a normal value, so it is
  neither a whole number nor printed without decimals (a report once printed
  "1.25万人" as "1万人").
- **rate** (``%``, ``‰``, ``‱``, ``1/万``, ``1/10万`` …): a proportion on a fixed
  scale; ``rate_scale`` gives the multiplier (100 for ``%``), which is the
  indicator's ``per`` when the plan does not give one. A rate is a level: it is
  never summed, and a change of it is told in points.
- **level**: every other unit — ages (``岁``), years of schooling (``年``),
  minutes a day, money, ratios such as ``个/千人`` — and any unit this module
  does not know. A level is never summed.

A unit with a plan-given ``per`` (``个/千人`` with per 1000) is a rate whatever
its words; callers check ``per`` first. Pure Python; units are compared after
stripping spaces.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class UnitKind(StrEnum):
    COUNT = "count"
    SCALED_COUNT = "scaled_count"
    RATE = "rate"
    LEVEL = "level"


@dataclass(frozen=True)
class Unit:
    """One unit: its kind, its rate scale, and its code in SDMX ``CL_UNIT_MEASURE``."""

    kind: UnitKind
    scale: int | None = None  # rates: the multiplier of a numerator over a denominator
    exchange_code: str | None = None  # the unit's code when values are exchanged as SDMX


_COUNT = UnitKind.COUNT
_SCALED = UnitKind.SCALED_COUNT
_RATE = UnitKind.RATE
_LEVEL = UnitKind.LEVEL

UNITS: Mapping[str, Unit] = {
    # rates and proportions
    "%": Unit(_RATE, 100, "PT"),
    "％": Unit(_RATE, 100),
    "‰": Unit(_RATE, 1000, "PER_1000"),
    "‱": Unit(_RATE, 10_000, "PER_10000"),
    "1/万": Unit(_RATE, 10_000),
    "1/10万": Unit(_RATE, 100_000, "PER_100000"),
    "/10万": Unit(_RATE, 100_000),
    # counts
    "人": Unit(_COUNT, None, "PERSONS"),
    "人次": Unit(_COUNT, None, "PERSON_TIMES"),
    "件": Unit(_COUNT, None, "CASES"),
    "例": Unit(_COUNT, None, "INSTANCES"),
    "起": Unit(_COUNT, None, "INCIDENTS"),
    "次": Unit(_COUNT, None, "TIMES"),
    "个": Unit(_COUNT, None, "UNITS"),
    "户": Unit(_COUNT, None, "HOUSEHOLDS"),
    "所": Unit(_COUNT, None, "INSTITUTIONS"),
    "家": Unit(_COUNT, None, "ENTERPRISES"),
    "名": Unit(_COUNT, None, "PEOPLE"),
    "场": Unit(_COUNT, None, "EVENTS"),
    "项": Unit(_COUNT, None, "ITEMS"),
    "张": Unit(_COUNT, None, "SHEETS"),
    "床": Unit(_COUNT, None, "BEDS"),
    # counts in ten thousands and hundred millions
    "万人": Unit(_SCALED, None, "PERSONS_10K"),
    "亿人": Unit(_SCALED, None, "PERSONS_100M"),
    "万人次": Unit(_SCALED, None, "PERSON_TIMES_10K"),
    # levels
    "岁": Unit(_LEVEL, None, "AGE_YEARS"),
    "年": Unit(_LEVEL, None, "YEARS"),
    "天": Unit(_LEVEL, None, "DAYS"),
    "小时": Unit(_LEVEL),
    "分钟/日": Unit(_LEVEL, None, "MINUTES_PER_DAY"),
    "小时/日": Unit(_LEVEL, None, "HOURS_PER_DAY"),
    "个/千人": Unit(_LEVEL, None, "PER_1000_PERSONS"),
    "女=100": Unit(_LEVEL, None, "MALES_PER_100_FEMALES"),  # 出生人口性别比: boys per 100 girls
    "元": Unit(_LEVEL, None, "YUAN"),
    "元/月": Unit(_LEVEL, None, "YUAN_PER_MONTH"),
    "元/人·月": Unit(_LEVEL, None, "YUAN_PER_PERSON_MONTH"),
    "百分点": Unit(_LEVEL, None, "PERCENTAGE_POINTS"),
}

# How plan texts write units (控制在12.5/10万以下, 达到95%以上) → the unit a plan stores.
# The plan import's target grammar reads these; longer forms are tried first.
WRITTEN_FORMS: Mapping[str, str] = {
    "个百分点": "个百分点", "/10万": "1/10万", "/十万": "1/10万", "/万": "1/万",
    "/千": "‰", "%": "%", "％": "%", "‰": "‰", "万人": "万人", "万元": "万元",
    "岁": "岁", "年": "年", "个": "个", "人": "人", "名": "人", "所": "所",
    "家": "家", "张": "张", "次": "次", "天": "天", "小时": "小时",
    "分钟": "分钟", "元": "元", "倍": "倍",
}  # fmt: skip

_SCALE_PREFIXES = ("万", "亿")
_UNKNOWN = Unit(_LEVEL)


def unit_of(unit: str) -> Unit:
    """The unit's entry; an unknown unit is a level, a count unit after 万/亿 a scaled count."""
    text = unit.strip()
    known = UNITS.get(text)
    if known is not None:
        return known
    if text[:1] in _SCALE_PREFIXES and UNITS.get(text[1:], _UNKNOWN).kind is _COUNT:
        return Unit(_SCALED)
    return _UNKNOWN


def unit_kind(unit: str) -> UnitKind:
    return unit_of(unit).kind


def is_whole_count(unit: str) -> bool:
    """A count of whole things (人, 件, 例 …): summed, whole numbers, printed without decimals."""
    return unit_kind(unit) is _COUNT


def is_count(unit: str) -> bool:
    """Any count, whole or in ten thousands (人, 万人 …): summed, never negative."""
    return unit_kind(unit) in (_COUNT, _SCALED)


def rate_scale(unit: str) -> int | None:
    """The multiplier of a rate unit (100 for %, 100 000 for 1/10万); None for other units."""
    return unit_of(unit).scale


def max_decimals(unit: str, per: int | None = None) -> int:
    """The most decimals a value of the unit is printed with, on pages and in reports:
    none for whole counts, one for rates per 100 000 and ages (岁), two otherwise (99.95%,
    11.21年, 6.71‰, 1.25万人)."""
    if per is None and is_whole_count(unit):
        return 0
    if (per or rate_scale(unit)) == 100_000 or unit.strip() == "岁":
        return 1
    return 2


def is_proportion(unit: str) -> bool:
    """A rate unit: a share on a fixed scale, never summed."""
    return unit_kind(unit) is _RATE


def is_percent(unit: str, per: int | None = None) -> bool:
    """A percentage: per 100, by the plan's ``per`` or by its unit."""
    return per == 100 or rate_scale(unit) == 100


def exchange_codes() -> dict[str, str]:
    """Unit text → its SDMX ``CL_UNIT_MEASURE`` code, for the units that have one."""
    return {text: unit.exchange_code for text, unit in UNITS.items() if unit.exchange_code}


def written_form(unit: str) -> str:
    """How a plan text writes a stored unit after a number: "1/10万" → "/10万", "%" → "%"."""
    return next((written for written, stored in WRITTEN_FORMS.items() if stored == unit), unit)
