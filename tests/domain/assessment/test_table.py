"""The engine's input: settings, observations, checks."""

from __future__ import annotations

import numpy as np
import pytest

from halfsky.domain.assessment import InvalidSeriesTable, Observations, assess, series_settings


def observations(series: list[int], years: list[int], values: list[float]) -> Observations:
    return Observations(series=np.array(series), year=np.array(years),
                        value=np.array(values, dtype=float))


@pytest.mark.parametrize(("kwargs", "code", "index"), [
    ({"kind": ["threshold", "none"]}, "settings.missing_target", 0),
    ({"kind": ["none", "gap_narrows"]}, "settings.missing_partner", 1),
    ({"kind": ["relative", "none"], "partner": [0, -1]}, "settings.missing_partner", 0),
    ({"target": 5.0, "tolerance": [-1.0, 1.0]}, "settings.bad_tolerance", 0),
    ({"direction": ["higher", "up"]}, "settings.bad_value", 1),
    ({"method": ["china", "ours"]}, "settings.bad_value", 1),
])
def test_invalid_settings_name_the_series(kwargs: dict[str, object], code: str,
                                          index: int) -> None:
    with pytest.raises(InvalidSeriesTable) as error:
        series_settings(2, **kwargs)  # type: ignore[arg-type]
    assert (error.value.code, error.value.index) == (code, index)


def test_defaults_follow_the_direction() -> None:
    settings = series_settings(3, direction=["higher", "lower", "lower"],
                               target=[1.0, 2.0, np.nan])
    assert settings.kind.tolist() == [1, 1, 0]  # threshold, threshold, none
    assert settings.comparator.tolist() == [0, 2, -1]  # ge, le, unset


def test_duplicate_observations_are_refused() -> None:
    with pytest.raises(InvalidSeriesTable) as error:
        assess(observations([0, 0, 0], [2020, 2021, 2021], [1, 2, 3]), series_settings(1))
    assert (error.value.code, error.value.index) == ("observations.duplicate", 2)


@pytest.mark.parametrize(("series", "years", "index"), [
    ([1, 0, 1, 0], [2020, 2021, 2021, 2021], 3),  # in no order: the later of the two is named
    ([1, 0, 0, 1], [2020, 2021, 2020, 2020], 3),
    ([0, 1, 0, 1], [2021, 2020, 2020, 2021], None),  # in no order and no twins: accepted
])
def test_duplicates_are_found_in_observations_in_any_order(series: list[int], years: list[int],
                                                            index: int | None) -> None:
    table = observations(series, years, [1, 2, 3, 4])
    if index is None:
        assert assess(table, series_settings(2), as_of=2021).latest_value.tolist() == [1, 4]
        return
    with pytest.raises(InvalidSeriesTable) as error:
        assess(table, series_settings(2))
    assert (error.value.code, error.value.index) == ("observations.duplicate", index)


def test_unknown_series_are_refused() -> None:
    with pytest.raises(InvalidSeriesTable, match="observations.bad_series"):
        assess(observations([0, 1], [2020, 2021], [1, 2]), series_settings(1))


def test_an_empty_table() -> None:
    result = assess(observations([], [], []), series_settings(0), as_of=2025)
    assert len(result) == 0 and result.as_of == 2025


def test_as_of_beyond_the_data_marks_every_series_missing() -> None:
    result = assess(observations([0], [2023], [5.0]), series_settings(1), as_of=2025)
    assert result.row(0).warnings == ("missing",)
