"""Fixtures of the report model tests: the plan and fixed data of ``report_data``."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from halfsky.domain.plan import Plan
from halfsky.domain.reports import IndicatorAssessment, IndicatorData


def _report_data() -> ModuleType:
    if "report_data" not in sys.modules:
        spec = importlib.util.spec_from_file_location(
            "report_data", Path(__file__).resolve().parent / "report_data.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["report_data"] = module
        spec.loader.exec_module(module)
    return sys.modules["report_data"]


data = _report_data()


@pytest.fixture(scope="session")
def plan() -> Plan:
    return data.report_plan()


@pytest.fixture(scope="session")
def series(plan: Plan) -> list[IndicatorData]:
    return data.report_series(plan)


@pytest.fixture(scope="session")
def assessments(plan: Plan, series: list[IndicatorData]) -> list[IndicatorAssessment]:
    return data.report_assessments(plan, series, 2024)


@pytest.fixture(scope="session")
def fixed() -> ModuleType:
    """The ``report_data`` module: texts, warnings, evaluation inputs, national figures."""
    return data
