"""The report charts' value axis holds every value and the target; rates start at 0."""

from __future__ import annotations

from halfsky.formats.reports.charts import y_limits


def test_a_cap_above_values_of_zero_is_inside_the_axis_from_zero() -> None:
    low, high = y_limits([0.0, 0.0, 0.0], 2.5)
    assert low == 0.0 and high > 2.5


def test_a_target_far_below_the_values_is_inside_the_axis() -> None:
    low, high = y_limits([96.2, 97.0, 98.1], 85.0)
    assert low == 0.0 and high >= 98.1  # a percentage from 0: the distance is not exaggerated


def test_negative_values_are_shown_below_zero() -> None:
    low, high = y_limits([-3.0, 1.0], None)
    assert low < -3.0 and high > 1.0


def test_an_empty_panel_has_an_axis() -> None:
    assert y_limits([], None) == (0.0, 1.0)
