"""Every coded error of domain, formats and web is caught as one ``CodedError``."""

from __future__ import annotations

import pytest

from halfsky.domain.aggregation import AggregationError
from halfsky.domain.assessment.table import InvalidSeriesTable
from halfsky.domain.errors import CodedError
from halfsky.domain.target_compare import InvalidEvidence, InvalidTarget
from halfsky.formats.plan_fields import PlanFileError
from halfsky.formats.reference_csv import ReferenceFileError
from halfsky.formats.reports.charts import ChartFontError
from halfsky.formats.reports.pdf import PdfConversionError
from halfsky.formats.reports.phrases import PhraseError
from halfsky.formats.sdmx.model import SdmxError
from halfsky.formats.series_csv import SeriesFileError
from halfsky.formats.uploads import UnreadableFile


def test_params_come_as_a_mapping_or_as_keywords() -> None:
    assert CodedError("x.too_large", {"size": 3}).params == {"size": 3}
    assert CodedError("x.too_large", size=3).params == {"size": 3}
    assert CodedError("x.too_large", {"size": 3}, limit=2).describe() == "x.too_large (size=3, limit=2)"


@pytest.mark.parametrize("error", [
    AggregationError("aggregation.duplicate", {"row": 2}),
    InvalidSeriesTable("observations.duplicate", 4),
    InvalidTarget("target.invalid.value"),
    InvalidEvidence("evidence.invalid.range"),
    PlanFileError("plan_file.unknown_department", "indicators[0].lead", {"code": "D9"}),
    ReferenceFileError("reference.bad_year", 7),
    SeriesFileError("series.bad_value", 3, column="value"),
    ChartFontError("report.font_missing", "/fonts/x.ttf"),
    PdfConversionError("report.pdf_failed"),
    PhraseError("report.unknown"),
    SdmxError("sdmx.not_sdmx", {"line": 1}),
    UnreadableFile("upload.too_large", {"size": 9, "limit": 1}),
])
def test_each_coded_error_is_a_coded_error(error: Exception) -> None:
    with pytest.raises(CodedError) as caught:
        raise error
    assert caught.value.code == str(error.args[0])


def test_errors_keep_the_base_their_callers_catch() -> None:
    assert isinstance(PlanFileError("x"), ValueError)
    assert isinstance(PhraseError("x"), KeyError)
    assert str(InvalidSeriesTable("settings.bad_value", 2)) == "settings.bad_value (entry 2)"
