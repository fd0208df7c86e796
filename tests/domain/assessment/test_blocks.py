"""The engine gives the same answer whether it assesses a table in one block or in many."""

from __future__ import annotations

import random

import numpy as np
import pytest

from halfsky.domain.assessment import (
    Assessment,
    InvalidSeriesTable,
    Observations,
    assess,
    series_settings,
)
from halfsky.domain.assessment.engine import FLOAT_FIELDS
from tests.domain.assessment.per_series import table_from_series
from tests.domain.assessment.test_crosscheck import random_series

FIELDS = ("method", "status", "warnings", "pooled_years", *FLOAT_FIELDS)


@pytest.mark.parametrize(("block_rows", "workers"), [(7, 1), (64, 3), (1, 2)])
@pytest.mark.parametrize("as_of", [2025, 2021])
def test_blocks_and_threads_give_the_one_block_answer(block_rows: int, workers: int,
                                                      as_of: int) -> None:
    # every kind and method, mixed, with partners across block boundaries
    observations, settings = table_from_series(random_series(random.Random(as_of), 600))
    whole = assess(observations, settings, as_of=as_of, block_rows=10**9)
    blocks = assess(observations, settings, as_of=as_of, block_rows=block_rows, workers=workers)
    assert blocks.as_of == whole.as_of == as_of
    assert len(set(whole.status_codes())) > 8  # the table exercises many statuses
    for name in FIELDS:
        got, expected = getattr(blocks, name), getattr(whole, name)
        assert got.dtype == expected.dtype, name
        # bit for bit: NaN in the same places, the same sign of zero
        assert got.tobytes() == expected.tobytes(), name
        assert np.isnan(expected).any() if expected.dtype.kind == "f" else True


def same_results(got: Assessment, expected: Assessment) -> None:
    assert got.as_of == expected.as_of
    for name in FIELDS:
        assert getattr(got, name).tobytes() == getattr(expected, name).tobytes(), name


@pytest.mark.parametrize("as_of", [2025, 2022, None])
def test_blocks_spread_their_own_observations(as_of: int | None) -> None:
    # without partners, a table ordered by series is spread block by block; shuffled, it
    # goes through the whole table's grid: the same answer either way
    series = [one for one in random_series(random.Random(5), 500) if one.partner < 0]
    observations, settings = table_from_series(series)
    order = np.random.default_rng(1).permutation(len(observations.series))
    shuffled = Observations(*(None if column is None else column[order] for column in (
        observations.series, observations.year, observations.value, observations.numerator,
        observations.denominator)))
    whole = assess(shuffled, settings, as_of=as_of)
    assert len(set(whole.status_codes())) > 8
    for block_rows, workers in ((10**9, 1), (16, 2), (3, 1)):
        same_results(assess(observations, settings, as_of=as_of, block_rows=block_rows,
                            workers=workers), whole)
        same_results(assess(shuffled, settings, as_of=as_of, block_rows=block_rows,
                            workers=workers), whole)


def test_an_empty_table_in_blocks() -> None:
    observations, settings = table_from_series([])
    result = assess(observations, settings, workers=2, block_rows=4)
    assert len(result) == 0


@pytest.mark.parametrize(("block_rows", "workers"), [(10**9, 1), (2, 1), (2, 3)])
def test_a_bad_table_in_blocks_names_the_same_entry(block_rows: int, workers: int) -> None:
    # ordered by series, a twin in the fourth series and bad counts in the fifth: the
    # duplicate is named first, as when the whole table is checked at once
    series = [0, 1, 2, 3, 3, 4, 5, 6, 7]
    table = Observations(
        series=np.array(series), year=np.array([2020, 2020, 2020, 2020, 2020, 2020, 2021,
                                                2020, 2020]),
        value=np.full(9, np.nan), numerator=np.array([1.0, 2, 3, 4, 5, -1, 2, 3, 4]),
        denominator=np.full(9, 100.0))
    with pytest.raises(InvalidSeriesTable) as error:
        assess(table, series_settings(8, per=100), block_rows=block_rows, workers=workers)
    assert (error.value.code, error.value.index) == ("observations.duplicate", 4)
    fixed = Observations(series=table.series, year=table.year + (np.arange(9) == 4),
                         value=table.value, numerator=table.numerator,
                         denominator=table.denominator)
    with pytest.raises(InvalidSeriesTable) as error:
        assess(fixed, series_settings(8, per=100), block_rows=block_rows, workers=workers)
    assert (error.value.code, error.value.index) == ("observations.bad_counts", 5)
