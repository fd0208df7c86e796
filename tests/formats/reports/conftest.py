"""Report fixtures: the phrases of the official documents, reports from fixed data.

``ZH_PHRASES`` (and ``EN_PHRASES``) are the report phrases of the web layer's
catalogue, read from its translations file; the tests use them to check the
real Chinese wording. The data (``data``, from
tests/domain/reports/report_data.py) are the deterministic demo values of
the Ji County plan with a few series set by hand. ``docs/reports/make_pages.py``
and ``benchmarks/annual_report.py`` load this module for the same phrases
and data.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import warnings
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pytest

from halfsky.domain.plan import Plan
from halfsky.domain.reports import (
    AnnualReport,
    Compendium,
    EvaluationReport,
    IndicatorData,
    build_annual_report,
    build_compendium,
    build_evaluation_report,
)
from halfsky.formats.reports import render_docx
from halfsky.formats.reports.fonts import packaged_font


def _report_data() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "domain" / "reports" / "report_data.py"
    if "report_data" not in sys.modules:
        spec = importlib.util.spec_from_file_location("report_data", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["report_data"] = module
        spec.loader.exec_module(module)
    return sys.modules["report_data"]


data = _report_data()

PO = (Path(__file__).resolve().parents[3] / "halfsky" / "web" / "locale" / "zh_Hans"
      / "LC_MESSAGES" / "django.po")


def catalogue_phrases() -> tuple[dict[str, str], dict[str, str]]:
    """The report phrases of the one catalogue (``halfsky.web.core.text.report_phrases``,
    each with its code as context): (English, Chinese), read from the translations file
    so that no Django set-up is needed."""
    from babel.messages.pofile import read_po

    from halfsky.web.core.text.report_phrases import PHRASES

    with PO.open("rb") as f:
        found = {m.context: m for m in read_po(f) if m.context in PHRASES}
    missing = sorted(set(PHRASES) - set(found))
    assert not missing, f"report phrases without a translation: {missing}"
    return ({code: str(found[code].id) for code in PHRASES},
            {code: str(found[code].string) for code in PHRASES})


EN_PHRASES, ZH_PHRASES = catalogue_phrases()


@pytest.fixture(scope="session")
def zh() -> Mapping[str, str]:
    return ZH_PHRASES


@pytest.fixture(scope="session")
def en() -> Mapping[str, str]:
    return EN_PHRASES


@pytest.fixture(scope="session")
def plan() -> Plan:
    return data.report_plan()


@pytest.fixture(scope="session")
def series(plan: Plan) -> list[IndicatorData]:
    return data.report_series(plan)


@pytest.fixture(scope="session")
def annual(plan: Plan, series: list[IndicatorData]) -> AnnualReport:
    assessments = data.report_assessments(plan, series, 2024)
    return build_annual_report(plan, series, assessments, 2024, data.ANNUAL_TEXTS,
                               data.WARNINGS, info=data.INFO)


@pytest.fixture(scope="session")
def midterm(plan: Plan) -> EvaluationReport:
    series = data.report_series(plan, 2023)
    assessments = data.report_assessments(plan, series, 2023)
    return build_evaluation_report(plan, series, assessments, 2023, data.EVALUATION,
                                   info=data.INFO)


@pytest.fixture(scope="session")
def compendium(plan: Plan, series: list[IndicatorData]) -> Compendium:
    assessments = data.report_assessments(plan, series, 2024)
    return build_compendium(plan, series, assessments, 2024, data.NATIONAL, info=data.INFO)


@pytest.fixture(scope="session")
def report_font() -> Path:
    """The packaged CJK font (``make assets``); mandatory under CI."""
    font = packaged_font()
    if font is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the packaged CJK font is missing: run `make assets`")
        pytest.skip("the packaged CJK font is missing: run `make assets`")
    return font


@pytest.fixture(scope="session")
def annual_docx(annual: AnnualReport, report_font: Path) -> bytes:
    """The annual report as .docx in Chinese, its charts drawn with matplotlib warnings as
    errors (a missing glyph fails the test run)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return render_docx(annual, ZH_PHRASES, font_path=report_font, dpi=100)
