"""What a report says about one indicator: its numbers, status, target and sentence.

``indicator_facts`` gathers, for every indicator of the plan, the values up
to the report year, the change since the previous year (rounded to the
indicator's decimals), the combined status of its targets and the sentence
of the 分领域情况 section.

The sentence code says what happened and whether it is good:

- ``report.{noun}_{move}[_{judgement}]``: ``noun`` is ``count`` for counts
  (人, 件 …: 增加 / 减少) and ``level`` otherwise (rates, ages: 上升 / 下降);
  ``move`` is ``rose`` or ``fell``; ``judgement`` is ``good`` or ``bad`` by
  the indicator's polarity (a fall of maternal mortality is good) and
  absent for a neutral indicator — e.g. ``report.level_fell_good``;
- ``report.{noun}_unchanged``: the same value as the year before;
- ``report.value_only``: a value, but none the year before;
- ``report.latest_only``: no value in the year, an earlier one;
- ``report.no_data``: no value at all.

Parameters: ``year``, ``indicator`` (name), ``value`` and ``unit`` (as
printed after a number), ``change`` (absolute, formatted), ``change_unit``
(个百分点 … as a message, or the plan's unit), ``latest_year``, and
``status``: the clause ``report.status_clause.<status>`` (已达到规划目标 …).

A plan indicator's status combines its targets' results, each judged by the rule the
pages use (``achievement.judgement``: a value meeting its level target is ``met``, also
when small numbers left the engine at 证据不足): the least
favourable of them, in the order met, expected_to_meet,
insufficient_evidence, at_risk, moving_away; ``no_data`` only when no
target has a result with data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from halfsky.domain.achievement import MET_BY_VALUE, judgement
from halfsky.domain.assessment.codes import CHINA_STATUSES
from halfsky.domain.plan import Indicator, Plan, Polarity, Subject
from halfsky.domain.reports.inputs import IndicatorAssessment, IndicatorData
from halfsky.domain.reports.messages import ENUMERATION, Join, Message, Param
from halfsky.domain.reports.numbers import (
    change_unit,
    display_unit,
    format_number,
    indicator_decimals,
    is_count,
    is_finite,
    plain_number,
)
from halfsky.domain.target_checks import describe_target
from halfsky.domain.targets import NUMERIC_KINDS, Target, TargetKind

# Least to most worrying; no_data apart.
SEVERITY = ("met", "expected_to_meet", "insufficient_evidence", "at_risk", "moving_away")


@dataclass(frozen=True)
class IndicatorFacts:
    """One indicator as of the report year (numbers formatted with ``decimals``)."""

    indicator: Indicator
    domain: str  # domain code
    year: int
    values: Mapping[int, float]  # the county totals up to the year, finite only
    decimals: int
    status: str
    assessments: tuple[IndicatorAssessment, ...]
    targets: tuple[Message, ...]  # the targets in words
    sentence: Message
    sample: bool = False

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def value(self) -> float | None:
        return self.values.get(self.year)

    @property
    def previous(self) -> float | None:
        return self.values.get(self.year - 1)

    @property
    def latest_year(self) -> int | None:
        return max(self.values) if self.values else None

    def number(self, value: float | None) -> str:
        """A value of this indicator as printed ("" when missing)."""
        if value is None or not is_finite(value):
            return ""
        return format_number(value, self.decimals)

    @property
    def change(self) -> float | None:
        """The change since the previous year, rounded to the indicator's decimals."""
        value, previous = self.value, self.previous
        if value is None or previous is None:
            return None
        return round(round(value, self.decimals) - round(previous, self.decimals), self.decimals)

    @property
    def level_target(self) -> float | None:
        """The numeric level of the first level target (for charts), if any."""
        for target in self.indicator.targets:
            if target.kind in NUMERIC_KINDS or target.kind is TargetKind.FULL_COVERAGE:
                return target.value
        return None

    @property
    def met_with_small_numbers(self) -> bool:
        """Met by the value while the engine's interval alone could not confirm it — judged
        here (the engine's ``insufficient_evidence``) or when stored (``MET_BY_VALUE``); the
        report says so beside 已达标."""
        return self.status == "met" and any(
            item.status == "insufficient_evidence" or MET_BY_VALUE in item.warnings
            for item in self.assessments)

    def best(self, field: str) -> float | None:
        """``achievement`` / ``time_elapsed`` of the first target that has it."""
        for item in self.assessments:
            value = getattr(item, field)
            if is_finite(value):
                return float(value)
        return None


def _target_at(indicator: Indicator, position: int | None) -> Target | None:
    targets = indicator.targets
    return targets[position] if position is not None and position < len(targets) else None


def combined_status(statuses: Iterable[str]) -> str:
    """The indicator's status from its targets' statuses (see the module docstring)."""
    known = []
    for status in statuses:
        if status not in CHINA_STATUSES:
            raise ValueError(f"not a china status: {status!r}")
        if status != "no_data":
            known.append(status)
    return max(known, key=SEVERITY.index) if known else "no_data"


def status_name(status: str) -> Message:
    return Message(f"status.{status}")


def quantity(number: str, unit: str) -> str:
    return f"{number}{display_unit(unit)}" if number else ""


# A children's plan says girls and boys where a women's plan says women and men.
CHILDREN_GROUPS = {"female": "group.girls", "male": "group.boys"}


def group_message(group: str, plan: Plan) -> Message:
    """The words of one group (``female`` → ``group.female``, 女性; in a children's plan
    ``group.girls``, 女童)."""
    if plan.subject == Subject.CHILDREN and group in CHILDREN_GROUPS:
        return Message(CHILDREN_GROUPS[group])
    return Message(f"group.{group}")


def target_words(target: Target, plan: Plan) -> Message:
    """A target as a message: ``target.*`` codes of ``describe_target`` with printed params.

    Parameters: ``quantity`` (value and unit, "12.5/10万"), ``tolerance``,
    ``year``, ``group_a``/``group_b`` (``group.<name>`` messages) and
    ``relative_to`` (the other indicator's name).
    """
    code, raw = describe_target(target)
    params: dict[str, Param] = {}
    if "value" in raw:
        params["quantity"] = quantity(plain_number(float(raw["value"])), target.unit)
    if "tolerance" in raw:
        params["tolerance"] = plain_number(float(raw["tolerance"]))
    if "year" in raw:
        params["year"] = str(raw["year"])
    for name in ("group_a", "group_b"):
        if name in raw:
            params[name] = group_message(str(raw[name]), plan)
    if "relative_to" in raw:
        relative_to = str(raw["relative_to"])
        known = {i.code: i.name for i in plan.indicators}
        params["relative_to"] = known.get(relative_to, relative_to)
    return Message(code, params)


def _sentence(indicator: Indicator, values: Mapping[int, float], year: int, decimals: int,
              status: str) -> Message:
    params: dict[str, Param] = {
        "year": str(year), "indicator": indicator.name,
        "unit": display_unit(indicator.unit),
        "status": Message(f"report.status_clause.{status}"),
    }
    noun = "count" if is_count(indicator) else "level"
    if year not in values:
        earlier = [y for y in values if y < year]
        if not earlier:
            return Message("report.no_data", params)
        latest = max(earlier)
        params.update(latest_year=str(latest), value=format_number(values[latest], decimals))
        return Message("report.latest_only", params)
    params["value"] = format_number(values[year], decimals)
    if year - 1 not in values:
        return Message("report.value_only", params)
    change = round(round(values[year], decimals) - round(values[year - 1], decimals), decimals)
    params.update(change=format_number(abs(change), decimals), change_unit=change_unit(indicator))
    if change == 0:
        return Message(f"report.{noun}_unchanged", params)
    move = "rose" if change > 0 else "fell"
    judgement = ""
    if indicator.polarity is not Polarity.NEUTRAL:
        good = (change > 0) == (indicator.polarity is Polarity.HIGHER_IS_BETTER)
        judgement = "_good" if good else "_bad"
    return Message(f"report.{noun}_{move}{judgement}", params)


def indicator_facts(plan: Plan, series: Mapping[str, IndicatorData],
                    assessments: Iterable[IndicatorAssessment], year: int) -> list[IndicatorFacts]:
    """The facts of every indicator of the plan, in the plan's order."""
    by_indicator: dict[str, list[IndicatorAssessment]] = {}
    for item in assessments:
        by_indicator.setdefault(item.indicator, []).append(item)
    facts = []
    for indicator in plan.indicators:
        data = series.get(indicator.code)
        values = {y: float(v) for y, v in sorted((data.values if data else {}).items())
                  if y <= year and is_finite(v)}
        decimals = indicator_decimals(indicator, values.values())
        results = tuple(by_indicator.get(indicator.code, ()))
        latest = values[max(values)] if values else None
        status = combined_status(judgement(r.status, _target_at(indicator, r.target_position),
                                           latest) for r in results)
        facts.append(IndicatorFacts(
            indicator=indicator, domain=indicator.goal.domain,
            year=year, values=values, decimals=decimals, status=status, assessments=results,
            targets=tuple(target_words(t, plan) for t in indicator.targets),
            sentence=_sentence(indicator, values, year, decimals, status),
            sample=bool(data and data.sample),
        ))
    return facts


def status_counts(statuses: Sequence[str]) -> Join:
    """"已达标3项，预计可达标2项" (``report.count``) for the statuses that occur, in the
    engine's order."""
    return Join(tuple(
        Message("report.count", {"status": status_name(s), "count": str(statuses.count(s))})
        for s in CHINA_STATUSES if statuses.count(s)
    ))


def target_cell(facts: IndicatorFacts) -> Param:
    """The targets of an indicator for a table cell (a list when there are several)."""
    if not facts.targets:
        return Message("report.no_target")
    return facts.targets[0] if len(facts.targets) == 1 else Join(facts.targets, ENUMERATION)
