"""达标率: met ÷ monitored, with and without the no-data indicators, per group."""

from __future__ import annotations

import math

import numpy as np
import pytest

from halfsky.domain.assessment import STATUSES, attainment_rates

STATUSES_OF_A_PLAN = ["met", "at_risk", "no_data", "met", "insufficient_evidence",
                      "target_achieved", "not_available"]
DOMAINS = ["health", "health", "health", "education", "education", "law", "law"]


def test_rates_per_group_with_and_without_no_data() -> None:
    rates = {r.group: r for r in attainment_rates(STATUSES_OF_A_PLAN, DOMAINS)}
    health = rates["health"]
    assert (health.met, health.monitored, health.total) == (1, 2, 3)
    assert health.rate_all == pytest.approx(1 / 3)  # as official reports count
    assert health.rate_monitored == pytest.approx(1 / 2)
    assert (rates["education"].rate_all, rates["education"].rate_monitored) == (0.5, 0.5)
    assert (rates["law"].met, rates["law"].monitored, rates["law"].rate_monitored) == (1, 1, 1.0)


def test_the_whole_plan_is_one_group() -> None:
    (plan,) = attainment_rates(STATUSES_OF_A_PLAN)
    assert (plan.met, plan.monitored, plan.total) == (3, 5, 7)


def test_status_indexes_work_too() -> None:
    indexes = np.array([STATUSES.index(s) for s in STATUSES_OF_A_PLAN], dtype=np.int8)
    assert attainment_rates(indexes, DOMAINS) == attainment_rates(STATUSES_OF_A_PLAN, DOMAINS)


def test_nothing_monitored() -> None:
    (rate,) = attainment_rates(["no_data"], ["dept"])
    assert rate.rate_all == 0 and math.isnan(rate.rate_monitored)


def test_unknown_status() -> None:
    with pytest.raises(ValueError, match="unknown status"):
        attainment_rates(["great"])
