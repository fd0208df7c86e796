"""Plausible demo values for an indicator, for a county of about 100,000 people.

The demo shows 吉县 (Ji County): about 100,000 people, 48,000 women, 700
births a year, 38% urban. ``demo_values`` draws a yearly series for one
indicator, deterministically from the indicator code and a seed, such that a
plan's indicators show a mix of targets met, on track and at risk.

How a series is drawn:

1. The unit gives the scale: percent (0-100, one decimal), per-mille (two
   decimals), 1/10万 (one decimal), years of schooling "年" (two decimals),
   age "岁" (one decimal), hours (one decimal), counts (integers).
2. The first level target (threshold, approximate, maintain, full coverage)
   gives the level and the good direction; otherwise the first directional
   target, otherwise the indicator's polarity and a typical level.
3. A scenario is drawn: ``met``, ``on_track`` (reaches the target around the
   target year) or ``at_risk`` (stalls or moves away). Kinds that have no
   "on track" (maintain, increase, decrease, growth slows …) draw only
   ``met`` and ``at_risk``.
4. Rates (``indicator.per``) are drawn as counts: a denominator guessed from
   the indicator's name (births for maternal indicators, rural population for
   rural services, about 300 for village committee members …) and a
   binomial numerator. Small numbers stay small: maternal mortality is 0 in
   most years and about 140/10万 in a year with one death.
5. Sex and urban/rural disaggregations (and the groups of a gap target) get
   group values whose gap narrows or widens; for rates the group counts add
   up to the total. Age bands and townships get no groups (call again with
   a township's code as the seed for a township series).
6. An indicator with no unit, no rate and no level target (a qualitative
   one) gets no values; with a qualitative target it gets a demo ``rating``.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from typing import NamedTuple

from halfsky.domain.plan import Disaggregation, Indicator, Polarity
from halfsky.domain.targets import Comparator, Target, TargetKind
from halfsky.domain.units import is_percent, is_whole_count, rate_scale

WOMEN = 48_000  # the default denominator of a rate
URBAN_SHARE = 0.38
FEMALE_SHARE = 0.49
SCENARIOS = ("met", "on_track", "at_risk")

# (words in the indicator name, typical yearly denominator); the first match wins.
# The children's plan's words come first; none of them is in a women's indicator's name.
_DENOMINATORS: tuple[tuple[tuple[str, ...], int], ...] = (
    (("儿童死亡",), 700),  # deaths of children under 5, per live births
    (("伤害死亡", "溺水死亡", "儿童基本医疗"), 20_000),  # children aged 0-17
    (("近视", "体质健康"), 12_000),  # pupils screened or tested
    (("学校食堂", "中小学校", "法治副校长"), 60),  # schools and kindergartens
    (("入园", "幼儿园覆盖"), 2_100),  # children aged 3-5
    (("义务教育巩固",), 1_000),  # one cohort of pupils
    (("学龄",), 6_000),  # children of primary-school age
    (("残疾儿童",), 60),
    (("孤儿",), 40),
    (("儿童主任",), 91),  # villages and communities
    (("城市社区",), 12),
    (("农村社区",), 79),
    (("儿童之家",), 91),
    (("综合性文化服务中心",), 91),  # villages and communities
    (("未成年人犯罪",), 150),  # offenders sentenced in a year
    (("儿童",), 4_500),  # children under 7
    (("母婴传播",), 5),  # children born to infected mothers
    (("孕产妇", "产妇", "分娩", "出生", "新生儿", "婴儿", "孕", "产前", "产后"), 700),
    (("党代会", "党代表"), 200),
    (("人大代表", "政协委员", "人大", "政协"), 150),
    (("主干", "书记"), 80),
    (("农村",), 62_000),  # rural residents
    (("村", "社区", "居委会"), 300),  # committee members of ~80 villages and communities
    (("干部", "领导班子", "董事会", "监事会"), 400),
    (("高中", "入学", "在校", "学生", "毕业"), 3_000),
    (("就业", "从业"), 50_000),
    (("筛查",), 20_000),  # women aged 35-64
    (("参保", "保险"), 45_000),
)

_GROUP_PAIRS = {
    Disaggregation.SEX: ("female", "male"),
    Disaggregation.URBAN_RURAL: ("urban", "rural"),
}
_SHARES = {"female": FEMALE_SHARE, "urban": URBAN_SHARE}
_GRADUAL_KINDS = (TargetKind.THRESHOLD, TargetKind.APPROXIMATE, TargetKind.FULL_COVERAGE)
_LEVEL_KINDS = (*_GRADUAL_KINDS, TargetKind.MAINTAIN)


@dataclass(frozen=True)
class DemoSeries:
    """Demo values of one indicator.

    ``by_group`` maps group keys ("female", "male", "urban", "rural") to
    yearly values; ``numerators``/``denominators`` are set for rates.
    ``scenario`` says what the series was drawn to show (one of
    ``SCENARIOS``); ``rating`` is a demo evaluators' rating ("met",
    "partly_met", "not_met") when the indicator has a qualitative target.
    """

    total: dict[int, float] = field(default_factory=dict)
    by_group: dict[str, dict[int, float]] = field(default_factory=dict)
    numerators: dict[int, int] = field(default_factory=dict)
    denominators: dict[int, int] = field(default_factory=dict)
    scenario: str = "met"
    rating: str | None = None


class _Scale(NamedTuple):
    kind: str  # percent, permille, per_100k, age, schooling, hours, count, other
    low: float
    high: float
    decimals: int
    typical: tuple[float, float]  # level drawn when no target gives one


def demo_values(
    indicator: Indicator, years: range = range(2020, 2025), seed: str = "",
    level: float | None = None,
) -> DemoSeries:
    """Deterministic, plausible yearly values of ``indicator`` for a demo county.

    ``level`` is where the series heads when no target gives a level (for
    example the national figure), instead of a typical level for the unit.
    """
    rng = random.Random(f"{seed}|{indicator.code}")
    year_list = list(years)
    kinds = {t.kind for t in indicator.targets}
    rating_by_scenario = {"met": "met", "on_track": "partly_met", "at_risk": "not_met"}
    goal = next((t for t in indicator.targets if t.kind in _LEVEL_KINDS), None)
    shape = goal.kind if goal else _direction_kind(indicator.targets)
    if shape in _GRADUAL_KINDS or (shape is None and TargetKind.QUALITATIVE in kinds):
        scenario = rng.choices(SCENARIOS, weights=(45, 30, 25))[0]
    else:  # a maintain or directional target has no "on track"
        scenario = rng.choices(("met", "at_risk"), weights=(65, 35))[0]
    rating = rating_by_scenario[scenario] if TargetKind.QUALITATIVE in kinds else None
    if not year_list or (not indicator.unit and not indicator.is_rate and goal is None):
        return DemoSeries(scenario=scenario, rating=rating)

    scale = _scale(indicator)
    direction, level, spread = _shape(indicator, goal, scale, rng, level)
    target_year = goal.year if goal and goal.year else year_list[-1] + 1
    path = _path(shape, scenario, level, direction, spread, year_list, target_year, rng)
    path = {y: min(max(v, scale.low), scale.high) for y, v in path.items()}

    pairs = [_GROUP_PAIRS[d] for d in indicator.disaggregations if d in _GROUP_PAIRS]
    gap_target = next((t for t in indicator.targets if t.kind is TargetKind.GAP_NARROWS), None)
    if gap_target and gap_target.groups and gap_target.groups not in pairs:
        pairs.append(gap_target.groups)
    narrows = scenario != "at_risk"
    group_paths = {
        pair: _group_paths(pair, path, direction, spread, narrows, gap_target, rng)
        for pair in pairs
    }
    if indicator.per is not None:
        return _as_counts(indicator, indicator.per, scale, path, group_paths, scenario, rating, rng)
    jitter = spread * 0.05
    total = {y: _round(v + rng.gauss(0, jitter), scale) for y, v in path.items()}
    if scale.kind == "count":  # counts: the groups split the total, they add up to it
        by_group = {name: values for pair, groups in group_paths.items()
                    for name, values in _split(total, pair, groups).items()}
    else:
        by_group = {
            name: {y: _round(v, scale) for y, v in values.items()}
            for groups in group_paths.values()
            for name, values in groups.items()
        }
    return DemoSeries(total=total, by_group=by_group, scenario=scenario, rating=rating)


def _split(total: dict[int, float], pair: tuple[str, str],
           groups: dict[str, dict[int, float]]) -> dict[str, dict[int, float]]:
    """A count's total split between two groups in the ratio of their drawn paths."""
    name_a, name_b = pair
    split: dict[str, dict[int, float]] = {name_a: {}, name_b: {}}
    for y, whole in total.items():
        a, b = groups[name_a][y], groups[name_b][y]
        share = a / (a + b) if a + b > 0 else _SHARES.get(name_a, 0.5)
        part = float(round(whole * share))
        split[name_a][y], split[name_b][y] = part, whole - part
    return split


# --- scale and shape --------------------------------------------------------


def _scale(indicator: Indicator) -> _Scale:
    unit = indicator.unit.strip()
    if is_percent(unit, indicator.per):
        higher = indicator.polarity is not Polarity.LOWER_IS_BETTER
        return _Scale("percent", 0.0, 100.0, 1, (30.0, 85.0) if higher else (2.0, 15.0))
    if indicator.per == 1000 or rate_scale(unit) == 1000:
        return _Scale("permille", 0.0, 1000.0, 2, (3.0, 8.0))
    if indicator.per == 100_000 or rate_scale(unit) == 100_000:
        return _Scale("per_100k", 0.0, 100_000.0, 1, (10.0, 30.0))
    if unit == "岁":
        return _Scale("age", 40.0, 100.0, 1, (76.0, 80.0))
    if unit == "年":
        return _Scale("schooling", 0.0, 20.0, 2, (9.0, 11.0))
    if unit == "小时":
        return _Scale("hours", 0.0, 24.0, 1, (2.0, 4.0))
    if is_whole_count(unit):
        return _Scale("count", 0.0, math.inf, 0, (20.0, 500.0))
    return _Scale("other", 0.0, math.inf, 1, (10.0, 100.0))


def _direction_kind(targets: tuple[Target, ...]) -> TargetKind | None:
    for target in targets:
        if target.kind in (TargetKind.INCREASE, TargetKind.DECREASE, TargetKind.GROWTH_SLOWS):
            return target.kind
    return None


def _shape(
    indicator: Indicator, goal: Target | None, scale: _Scale, rng: random.Random,
    hint: float | None = None,
) -> tuple[int, float, float]:
    """The good direction (+1, -1, 0), the level to head for, and the size of a typical move."""
    if goal is not None and goal.kind is TargetKind.FULL_COVERAGE:
        return 1, goal.value if goal.value is not None else 100.0, 10.0
    if goal is not None and goal.value is not None:
        level = goal.value
        comparator = Comparator.APPROX if goal.kind is TargetKind.APPROXIMATE else goal.comparator
        direction = {Comparator.GE: 1, Comparator.GT: 1, Comparator.LE: -1, Comparator.LT: -1}.get(
            comparator or Comparator.APPROX, 0
        )
    else:
        level = hint if hint is not None else rng.uniform(*scale.typical)
        kind = _direction_kind(indicator.targets)
        if kind is TargetKind.INCREASE:
            direction = 1
        elif kind in (TargetKind.DECREASE, TargetKind.GROWTH_SLOWS):
            direction = -1
        else:
            direction = {Polarity.HIGHER_IS_BETTER: 1, Polarity.LOWER_IS_BETTER: -1}.get(
                indicator.polarity, 0
            )
    if direction == 0 and goal is not None:
        return 0, level, 2.0 * (goal.tolerance if goal.tolerance is not None else 1.0)
    if scale.kind == "percent":
        room = 100.0 - level if direction > 0 else level
        return direction, level, min(max(min(0.15 * level + 1.0, room), 0.5), 10.0)
    if scale.kind == "age":
        return direction, level, 1.5
    if scale.kind == "schooling":
        return direction, level, 1.0
    return direction, level, max(0.3 * level, 1.0)


def _path(
    shape: TargetKind | None,
    scenario: str,
    level: float,
    direction: int,
    spread: float,
    years: list[int],
    target_year: int,
    rng: random.Random,
) -> dict[int, float]:
    """The underlying value per year, before noise and rounding."""
    first, last = years[0], years[-1]
    span = max(last - first, 1)
    if shape is TargetKind.GROWTH_SLOWS:
        ratio = rng.uniform(0.3, 0.7) if scenario == "met" else rng.uniform(1.3, 1.8)
        step = max(level * 0.08, 0.2)
        return {y: level + sum(step * ratio**k for k in range(y - first)) for y in years}
    if direction == 0:  # approximate: distance from the target, on one side
        side = rng.choice((-1, 1))
        if scenario == "met":
            start, end = spread * rng.uniform(0, 0.4), spread * rng.uniform(0, 0.3)
        elif scenario == "on_track":
            start, end = spread * rng.uniform(1.0, 1.6), spread * rng.uniform(0.55, 0.8)
        else:
            start, end = spread * rng.uniform(0.4, 0.8), spread * rng.uniform(0.9, 1.5)
        return {y: level + side * (start + (end - start) * (y - first) / span) for y in years}
    if shape in (None, TargetKind.INCREASE, TargetKind.DECREASE):  # no level: move from `level`
        move = rng.uniform(0.3, 1.0) if scenario == "met" else -rng.uniform(0.05, 0.3)
        return {y: level + direction * spread * move * (y - first) / span for y in years}
    # ahead: how far the value is on the good side of the target level.
    if shape is TargetKind.MAINTAIN:
        ahead = {y: spread * rng.uniform(0.2, 0.6) for y in years}
        if scenario == "at_risk" and len(years) > 2:
            ahead[rng.choice(years[1:-1])] = -spread * rng.uniform(0.2, 0.6)
        elif scenario == "at_risk":
            ahead[last] = -spread * rng.uniform(0.2, 0.6)
    elif scenario == "met":
        start, end = spread * rng.uniform(-0.6, 0.3), spread * rng.uniform(0.15, 0.5)
        ahead = {y: start + (end - start) * (y - first) / span for y in years}
    elif scenario == "on_track":
        reach = max(target_year, last + 1) - rng.uniform(0.0, 0.5)
        start = -spread * rng.uniform(0.5, 1.0)
        ahead = {y: start * (reach - y) / (reach - first) for y in years}
    else:
        start = -spread * rng.uniform(0.3, 0.8)
        end = start - spread * rng.uniform(0.0, 0.3)
        ahead = {y: start + (end - start) * (y - first) / span for y in years}
    return {y: level + direction * a for y, a in ahead.items()}


def _group_paths(
    pair: tuple[str, str],
    path: dict[int, float],
    direction: int,
    spread: float,
    narrows: bool,
    gap_target: Target | None,
    rng: random.Random,
) -> dict[str, dict[int, float]]:
    """Values for two groups around the total; the gap narrows or widens over the years."""
    name_a, name_b = pair
    share_a = _SHARES.get(name_a, 0.5)
    years = sorted(path)
    span = max(years[-1] - years[0], 1)
    # The group behind: rural, and women (the plan's premise); for other pairs, a coin.
    behind = {("urban", "rural"): name_b, ("female", "male"): name_a}.get(pair, rng.choice(pair))
    sign = (1 if behind == name_b else -1) * (direction or 1)
    gap0 = spread * rng.uniform(0.4, 1.0)
    if gap_target is not None and gap_target.groups == pair:
        factor = rng.uniform(0.4, 0.75) if narrows else rng.uniform(1.15, 1.5)
    else:
        factor = rng.uniform(0.7, 1.1)
    groups: dict[str, dict[int, float]] = {name_a: {}, name_b: {}}
    for y in years:
        gap = sign * gap0 * (1 + (factor - 1) * (y - years[0]) / span)
        groups[name_a][y] = max(path[y] + (1 - share_a) * gap, 0.0)
        groups[name_b][y] = max(path[y] - share_a * gap, 0.0)
    return groups


# --- rates as counts --------------------------------------------------------


def _as_counts(
    indicator: Indicator,
    per: int,
    scale: _Scale,
    path: dict[int, float],
    group_paths: dict[tuple[str, str], dict[str, dict[int, float]]],
    scenario: str,
    rating: str | None,
    rng: random.Random,
) -> DemoSeries:
    base = next((n for words, n in _DENOMINATORS if any(w in indicator.name for w in words)), WOMEN)
    denominators: dict[int, int] = {}
    numerators: dict[int, int] = {}
    by_group: dict[str, dict[int, float]] = {}
    size = float(base)
    for y, value in path.items():
        denominator = max(round(size), 1)
        size *= 1 + rng.uniform(-0.04, 0.02)
        denominators[y] = denominator
        if not group_paths:
            numerators[y] = _draw(rng, denominator, value / per)
            continue
        # The first pair splits the counts; the total is the sum of its groups.
        for index, (pair, groups) in enumerate(group_paths.items()):
            den_a = round(denominator * _SHARES.get(pair[0], 0.5))
            split = ((pair[0], den_a), (pair[1], denominator - den_a))
            counts = {name: (_draw(rng, d, groups[name][y] / per), d) for name, d in split}
            for name, (num, den) in counts.items():
                by_group.setdefault(name, {})[y] = _rate(num, den, per, scale)
            if index == 0:
                numerators[y] = sum(num for num, _ in counts.values())
    total = {y: _rate(numerators[y], denominators[y], per, scale) for y in path}
    return DemoSeries(total, by_group, numerators, denominators, scenario, rating)


def _draw(rng: random.Random, n: int, p: float) -> int:
    """A binomial draw: Poisson for rare events, normal otherwise."""
    p = min(max(p, 0.0), 1.0)
    if n <= 0 or p == 0.0:
        return 0
    if p == 1.0:
        return n
    if n * p < 30:
        return min(_poisson(rng, n * p), n)
    if n * (1 - p) < 30:
        return max(n - _poisson(rng, n * (1 - p)), 0)
    return min(max(round(rng.gauss(n * p, math.sqrt(n * p * (1 - p)))), 0), n)


def _poisson(rng: random.Random, mean: float) -> int:
    limit, count, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def _rate(numerator: int, denominator: int, per: int, scale: _Scale) -> float:
    """numerator/denominator × per, rounded; a rate that is not 0 or 100% exactly is given
    with more decimals rather than rounded to 0 or to 100% (it stays numerator ÷ denominator
    at the precision written, as the reporting checks require)."""
    if denominator <= 0:
        return 0.0
    ratio = numerator / denominator * per
    decimals = scale.decimals
    value = round(ratio, decimals)
    while decimals < scale.decimals + 4 and (
            (numerator > 0 and value == 0.0) or (numerator < denominator and value >= per)):
        decimals += 1
        value = round(ratio, decimals)
    return value


def _round(value: float, scale: _Scale) -> float:
    value = min(max(value, scale.low), scale.high)
    return float(round(value)) if scale.decimals == 0 else round(value, scale.decimals)
