"""``judge``: run series through the engine, checking the per-series implementation agrees."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from halfsky.domain.assessment import Rules, SeriesAssessment, assess
from tests.domain.assessment.per_series import OneSeries, assess_one, table_from_series

Judge = Callable[..., list[SeriesAssessment]]


def _judge(*series: OneSeries, as_of: int | None = None,
           rules: Rules | None = None) -> list[SeriesAssessment]:
    observations, settings = table_from_series(list(series))
    result = assess(observations, settings, as_of=as_of, rules=rules)
    rows = [result.row(i) for i in range(len(series))]
    for row, one in zip(rows, series, strict=True):
        expected = assess_one(one, result.as_of, rules)
        assert (row.status, row.warnings) == (expected["status"], expected["warnings"]), one
        progress = float(expected["progress"])
        assert (math.isnan(row.progress) and math.isnan(progress)) or math.isclose(
            row.progress, progress, rel_tol=1e-9, abs_tol=1e-12), one
    return rows


@pytest.fixture
def judge() -> Judge:
    return _judge


def one(judge: Judge, series: OneSeries, **kwargs: object) -> SeriesAssessment:
    return judge(series, **kwargs)[0]
