"""The engine gives the same answer whether it assesses a table in one block or in many."""

from __future__ import annotations

import random

import numpy as np
import pytest

from halfsky.domain.assessment import assess
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


def test_an_empty_table_in_blocks() -> None:
    observations, settings = table_from_series([])
    result = assess(observations, settings, workers=2, block_rows=4)
    assert len(result) == 0
