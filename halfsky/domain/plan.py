"""The plan model: a women's development plan as data the system can judge.

Pure Python, no Django and no files. A plan is immutable once built; the
loaders in ``halfsky.formats`` build it and the web layer stores it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from halfsky.domain.breakdowns import order_combination
from halfsky.domain.targets import Target
from halfsky.domain.units import is_count


class Polarity(StrEnum):
    """Which direction of change is good for an indicator."""

    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"
    NEUTRAL = "neutral"


class Disaggregation(StrEnum):
    """The dimensions a value can be broken down by (分性别分年龄指标)."""

    SEX = "sex"
    URBAN_RURAL = "urban_rural"
    AGE_BAND = "age_band"
    TOWNSHIP = "township"


class StatisticalPeriod(StrEnum):
    """The twelve months a yearly value covers."""

    CALENDAR_YEAR = "calendar_year"  # 1 Jan – 31 Dec
    HEALTH_YEAR = "health_year"  # 1 Oct of the previous year – 30 Sep (妇幼卫生年报)


class Cadence(StrEnum):
    """How often an indicator is reported."""

    YEARLY = "yearly"
    CENSUS = "census"  # census / 1% sample survey years
    ELECTION = "election"  # village-committee election years (换届)


class Aggregation(StrEnum):
    """How children's values make a parent's value (county → city → province → nation)."""

    SUM = "sum"  # counts: the parent's value is the sum
    RATIO = "ratio"  # rates: Σ numerators / Σ denominators × per — never a mean of rates
    WEIGHTED_MEAN = "weighted_mean"  # survey estimates: mean weighted by population
    NONE = "none"  # not aggregable (life expectancy, air quality days, …)


# Weights of a weighted mean that are not indicators of the plan: population figures of
# each child area (for the row's breakdown), supplied when aggregating.
POPULATION_WEIGHTS = ("population.total", "population.female", "population.male")


class GoalKind(StrEnum):
    QUANTITATIVE = "quantitative"  # carries a number to reach
    DIRECTIONAL = "directional"  # "逐步提高", "不断增加": a direction, no number
    QUALITATIVE = "qualitative"  # judged by evaluators


class AreaLevel(StrEnum):
    NATION = "nation"
    PROVINCE = "province"
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"


@dataclass(frozen=True)
class Department:
    """A member unit of the women and children's working committee (成员单位)."""

    code: str
    name: str


@dataclass(frozen=True)
class Area:
    """An administrative area; codes follow GB/T 2260 above the township."""

    code: str
    name: str
    level: AreaLevel
    parent: str | None = None
    is_sample: bool = False  # demo areas that are not real administrative units


@dataclass(frozen=True)
class Responsibility:
    """Who carries a goal, measure or indicator: one lead, any supporters."""

    lead: str | None = None  # department code
    supporting: tuple[str, ...] = ()

    @property
    def departments(self) -> tuple[str, ...]:
        return ((self.lead,) if self.lead else ()) + self.supporting


@dataclass(frozen=True)
class Goal:
    """A numbered main goal (主要目标) of a domain."""

    number: int
    text: str
    kind: GoalKind = GoalKind.QUALITATIVE
    responsibility: Responsibility = field(default_factory=Responsibility)


@dataclass(frozen=True)
class Measure:
    """A numbered strategy measure (策略措施) of a domain."""

    number: int
    text: str
    responsibility: Responsibility = field(default_factory=Responsibility)

    @property
    def title(self) -> str:
        """The measure's first sentence, which names it ("加强妇幼健康服务体系建设")."""
        head, _, _ = self.text.partition("。")
        return head


@dataclass(frozen=True)
class Domain:
    """One of the plan's development areas (领域), e.g. 妇女与健康."""

    code: str
    number: int
    name: str
    goals: tuple[Goal, ...] = ()
    measures: tuple[Measure, ...] = ()

    def goal(self, number: int) -> Goal:
        for goal in self.goals:
            if goal.number == number:
                return goal
        raise KeyError(f"{self.code} has no goal {number}")


@dataclass(frozen=True)
class GoalRef:
    """Points at a goal: domain code and goal number."""

    domain: str
    goal: int

    def __str__(self) -> str:
        return f"{self.domain}.{self.goal}"


@dataclass(frozen=True)
class IndicatorMapping:
    """Where an indicator goes in a parent plan: county 孕产妇死亡率 → the outline's.

    ``indicator`` is the parent plan's indicator code or name; a child value
    times ``factor`` is in the parent indicator's unit (0.0001 for 人 → 万人).
    """

    plan: str  # code of a parent plan
    indicator: str
    factor: float = 1.0


@dataclass(frozen=True)
class SeriesLink:
    """This indicator is the same series as another plan's indicator (``same_as``).

    The values are stored once, under the indicator linked to, and appear in
    both plans, each judged against its own plan's targets: 孕产妇死亡率 of the
    children's plan is the women's plan's 孕产妇死亡率; 2026–2030's is 2021–2025's.
    """

    plan: str  # code of another plan of this instance
    indicator: str  # that plan's indicator code


@dataclass(frozen=True)
class Indicator:
    """A monitoring indicator (监测指标) derived from a goal."""

    code: str
    name: str
    unit: str
    goal: GoalRef
    definition: str = ""
    numerator: str = ""
    denominator: str = ""
    per: int | None = None  # 100 for %, 1000 for ‰, 100000 for 1/10万 when a rate
    polarity: Polarity = Polarity.HIGHER_IS_BETTER
    disaggregations: tuple[Disaggregation, ...] = ()
    crossed: tuple[tuple[Disaggregation, ...], ...] = ()  # cross products: ((SEX, URBAN_RURAL),)
    responsibility: Responsibility = field(default_factory=Responsibility)
    statistical_period: StatisticalPeriod = StatisticalPeriod.CALENDAR_YEAR
    cadence: Cadence = Cadence.YEARLY
    targets: tuple[Target, ...] = ()
    national_reference: str = ""  # indicator name in the national reference series
    maps_to: IndicatorMapping | None = None
    same_as: SeriesLink | None = None
    aggregation: Aggregation | None = None  # None: derived, see ``aggregation_rule``
    aggregation_weight: str = ""  # weighted_mean: an indicator code or a POPULATION_WEIGHTS entry

    @property
    def is_rate(self) -> bool:
        return self.per is not None

    @property
    def combinations(self) -> tuple[tuple[str, ...], ...]:
        """The dimension sets values are broken down by: each single dimension (not the
        township, an area) and each cross product, dimensions in canonical order."""
        singles = tuple((d.value,) for d in self.disaggregations if d is not Disaggregation.TOWNSHIP)
        return singles + tuple(order_combination(d.value for d in c) for c in self.crossed)

    def disaggregation_entries(self) -> list[str | list[str]]:
        """The plan file's ``disaggregations``: codes, then lists for cross products."""
        crossed: list[str | list[str]] = [[d.value for d in c] for c in self.crossed]
        return [d.value for d in self.disaggregations] + crossed

    @property
    def aggregation_rule(self) -> Aggregation:
        """The aggregation the plan gives, or the one its unit implies.

        A numerator and a denominator: ``ratio``; a count unit without a rate
        multiplier: ``sum``; anything else (a rate without its parts, years of
        life, days, minutes): ``none`` — a mean of rates is never taken.
        """
        if self.aggregation is not None:
            return self.aggregation
        if self.numerator and self.denominator:
            return Aggregation.RATIO
        if self.per is None and is_count(self.unit):
            return Aggregation.SUM
        return Aggregation.NONE


class Subject(StrEnum):
    """Whom a plan is about: a women's plan (妇女发展规划) or a children's (儿童发展规划)."""

    WOMEN = "women"
    CHILDREN = "children"


_SUBJECT_WORDS = ((Subject.CHILDREN, ("儿童", "兒童", "children")),
                  (Subject.WOMEN, ("妇女", "婦女", "women")))


def plan_subject(title: str, code: str = "") -> Subject | None:
    """Whom a plan is about, as its title declares it (吉县儿童发展规划 → children); a title
    naming both or neither (妇女儿童发展规划) is decided by the code (jixian-children-…);
    None when neither tells."""
    for text in (title.lower(), code.lower()):
        found = [subject for subject, words in _SUBJECT_WORDS
                 if any(word in text for word in words)]
        if len(found) == 1:
            return found[0]
    return None


@dataclass(frozen=True)
class Plan:
    """A women's development plan for one region and period."""

    code: str
    title: str
    region: str  # area code, e.g. 141028 for 吉县
    start_year: int
    end_year: int
    baseline_year: int
    parents: tuple[str, ...] = ()  # codes of the plans this one implements
    departments: tuple[Department, ...] = ()
    areas: tuple[Area, ...] = ()
    domains: tuple[Domain, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    organisation_text: str = ""  # 组织实施
    monitoring_text: str = ""  # 监测评估

    @property
    def subject(self) -> Subject | None:
        return plan_subject(self.title, self.code)

    def domain(self, code: str) -> Domain:
        for domain in self.domains:
            if domain.code == code:
                return domain
        raise KeyError(f"plan {self.code} has no domain {code}")

    def department(self, code: str) -> Department:
        for department in self.departments:
            if department.code == code:
                return department
        raise KeyError(f"plan {self.code} has no department {code}")

    def indicator(self, code: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.code == code:
                return indicator
        raise KeyError(f"plan {self.code} has no indicator {code}")

    def goals(self) -> Iterator[tuple[Domain, Goal]]:
        for domain in self.domains:
            for goal in domain.goals:
                yield domain, goal

    def measures(self) -> Iterator[tuple[Domain, Measure]]:
        for domain in self.domains:
            for measure in domain.measures:
                yield domain, measure

    def indicators_for_goal(self, ref: GoalRef) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.goal == ref)
