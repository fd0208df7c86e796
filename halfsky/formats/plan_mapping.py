"""The plan file's keys that tie an indicator to other plans: ``maps_to``,
``same_as`` and ``aggregation``.

``same_as`` declares the indicator the same series as another plan's
indicator of this instance (``{plan: jixian-women-2021-2025, indicator: H03}``):
problems raise ``plan_file.bad_series_link`` with reason ``same_plan`` (a link
to the plan itself). Whether the other plan and indicator exist is checked when
the plan is loaded, since a plan file does not know the instance.

``maps_to`` maps an indicator to its parent plan's indicator
(``{plan: china-women-2021-2030, indicator: 孕产妇死亡率, factor: 1}``);
``aggregation`` says how children's values make the parent's value and
``aggregation_weight`` what weighs a weighted mean. Problems raise
:class:`PlanFileError` with ``plan_file.bad_mapping`` or
``plan_file.bad_aggregation`` and a ``reason``:

- mapping: ``unknown_parent_plan`` (not one of the plan's ``parents``),
  ``bad_factor`` (not a positive finite number), ``duplicate_mapping`` (two
  indicators mapped to one parent indicator: their values would be counted twice);
- aggregation: ``rate_not_summable`` (``sum`` of a rate or percentage),
  ``ratio_without_parts`` (``ratio`` without numerator and denominator),
  ``missing_weight`` / ``unexpected_weight`` (a weight without, or only with,
  ``weighted_mean``), ``unknown_weight`` (neither an indicator of the plan nor a
  population figure), ``weight_not_a_count`` (the weight indicator is not summed).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from halfsky.domain.plan import (
    POPULATION_WEIGHTS,
    Aggregation,
    Indicator,
    IndicatorMapping,
    SeriesLink,
)
from halfsky.domain.units import is_proportion
from halfsky.formats.plan_fields import Fields, PlanFileError


def read_mapping(fields: Fields, parents: Sequence[str]) -> IndicatorMapping | None:
    """The indicator's ``maps_to``, checked against the plan's parents."""
    if fields.data.get("maps_to") is None:
        return None
    mapping = Fields(
        fields.data["maps_to"], fields.at("maps_to"), ("plan", "indicator"), ("factor",)
    )
    plan = mapping.text("plan", required=True)
    if plan not in parents:
        raise PlanFileError(
            "plan_file.bad_mapping",
            mapping.at("plan"),
            {"reason": "unknown_parent_plan", "plan": plan, "parents": list(parents)},
        )
    factor = mapping.number("factor")
    if factor is not None and not (math.isfinite(factor) and factor > 0):
        raise PlanFileError(
            "plan_file.bad_mapping",
            mapping.at("factor"),
            {"reason": "bad_factor", "factor": factor},
        )
    return IndicatorMapping(
        plan=plan,
        indicator=mapping.text("indicator", required=True),
        factor=1.0 if factor is None else factor,
    )


def read_series_link(fields: Fields, plan_code: str) -> SeriesLink | None:
    """The indicator's ``same_as``: another plan's indicator holding the same series."""
    if fields.data.get("same_as") is None:
        return None
    link = Fields(fields.data["same_as"], fields.at("same_as"), ("plan", "indicator"), ())
    plan = link.text("plan", required=True)
    if plan == plan_code:
        raise PlanFileError(
            "plan_file.bad_series_link", link.at("plan"), {"reason": "same_plan", "plan": plan}
        )
    return SeriesLink(plan=plan, indicator=link.text("indicator", required=True))


def read_aggregation(fields: Fields) -> tuple[Aggregation | None, str]:
    """The indicator's ``aggregation`` (None when absent) and ``aggregation_weight``."""
    rule = (
        None if fields.data.get("aggregation") is None else fields.enum("aggregation", Aggregation)
    )
    return rule, fields.text("aggregation_weight")


def check_exchange(indicators: Sequence[Indicator]) -> None:
    """Cross-checks of mappings and aggregation rules over all indicators of a plan."""
    rules = {indicator.code: indicator.aggregation_rule for indicator in indicators}
    mapped: dict[tuple[str, str], str] = {}
    for index, indicator in enumerate(indicators):
        at = f"indicators[{index}]"
        if indicator.maps_to is not None:
            key = (indicator.maps_to.plan, indicator.maps_to.indicator)
            if key in mapped:
                raise PlanFileError(
                    "plan_file.bad_mapping",
                    f"{at}.maps_to.indicator",
                    {"reason": "duplicate_mapping", "indicator": key[1], "also": mapped[key]},
                )
            mapped[key] = indicator.code
        reason = _aggregation_problem(indicator, rules)
        if reason is not None:
            key_name = "aggregation_weight" if "weight" in reason else "aggregation"
            raise PlanFileError(
                "plan_file.bad_aggregation",
                f"{at}.{key_name}",
                {
                    "reason": reason,
                    "aggregation": indicator.aggregation_rule.value,
                    "weight": indicator.aggregation_weight,
                },
            )


def _aggregation_problem(indicator: Indicator, rules: dict[str, Aggregation]) -> str | None:
    rule, weight = indicator.aggregation_rule, indicator.aggregation_weight
    if rule is Aggregation.SUM and (
        indicator.per is not None or is_proportion(indicator.unit)
    ):
        return "rate_not_summable"
    if rule is Aggregation.RATIO and not (indicator.numerator and indicator.denominator):
        return "ratio_without_parts"
    if rule is Aggregation.WEIGHTED_MEAN:
        if not weight:
            return "missing_weight"
        if weight in POPULATION_WEIGHTS:
            return None
        if weight not in rules or weight == indicator.code:
            return "unknown_weight"
        if rules[weight] is not Aggregation.SUM:
            return "weight_not_a_count"
    elif weight:
        return "unexpected_weight"
    return None
