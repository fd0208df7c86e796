"""The plan model's own rules: the aggregation an indicator gets when the plan gives none."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from halfsky.domain.plan import Aggregation, GoalRef, Indicator

BASE = Indicator(code="X", name="x", unit="%", goal=GoalRef("health", 1))


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"numerator": "a", "denominator": "b", "per": 100}, Aggregation.RATIO),
        ({"unit": "年", "numerator": "a", "denominator": "b"}, Aggregation.RATIO),
        ({"unit": "人"}, Aggregation.SUM),
        ({"unit": "件"}, Aggregation.SUM),
        ({"unit": "%", "per": 100}, Aggregation.NONE),  # a rate without its parts
        ({"unit": "岁"}, Aggregation.NONE),
        ({"unit": "人", "per": 1000}, Aggregation.NONE),  # a count unit, but a rate
        ({"unit": "人", "aggregation": Aggregation.NONE}, Aggregation.NONE),  # the plan decides
        ({"unit": "%", "aggregation": Aggregation.WEIGHTED_MEAN}, Aggregation.WEIGHTED_MEAN),
    ],
)
def test_aggregation_rule(changes: dict[str, Any], rule: Aggregation) -> None:
    assert replace(BASE, **changes).aggregation_rule is rule


def test_no_mapping_and_no_rule_by_default() -> None:
    assert (BASE.maps_to, BASE.aggregation, BASE.aggregation_weight) == (None, None, "")
