"""The assessment engine: every series judged against its target at once.

Pure Python with NumPy/SciPy; no Django, no files. Usage::

    settings = series_settings(2, direction=["lower", "higher"], target=[12.5, 95.0],
                               target_year=2025, base_year=2020, per=[100000, np.nan])
    observations = Observations(series=..., year=..., value=..., numerator=...,
                                denominator=...)
    result = assess(observations, settings)          # columnar ``Assessment``
    result.row(0).status, result.row(0).warnings     # codes, e.g. "met", ("small_numbers",)

Methods: ``china`` (module ``china``), ``opensdg`` (``opensdg``), ``unsd``
(``unsd``); small numbers in ``intervals``, volatility in ``volatility``,
达标率 and Open SDG indicator scores in ``summary``; ``settings_from_targets``
builds the settings from the plan's ``Target`` and ``Polarity``. ``relative_to`` holds a
plain per-series implementation of the same rules, used by the tests and the
benchmark to cross-check this one.
"""

from halfsky.domain.assessment.codes import (
    CHINA_STATUSES,
    MET_STATUSES,
    METHODS,
    NO_DATA_STATUSES,
    OPENSDG_STATUSES,
    STATUSES,
    UNSD_STATUSES,
    WARNINGS,
    Method,
    Rules,
    status_code,
    warning_codes,
)
from halfsky.domain.assessment.engine import Assessment, SeriesAssessment, assess
from halfsky.domain.assessment.intervals import exact_interval
from halfsky.domain.assessment.plan_settings import settings_from_targets
from halfsky.domain.assessment.summary import (
    AttainmentRate,
    attainment_rates,
)
from halfsky.domain.assessment.table import (
    InvalidSeriesTable,
    Observations,
    SeriesSettings,
    series_settings,
)

__all__ = [
    "CHINA_STATUSES",
    "MET_STATUSES",
    "METHODS",
    "NO_DATA_STATUSES",
    "OPENSDG_STATUSES",
    "STATUSES",
    "UNSD_STATUSES",
    "WARNINGS",
    "Assessment",
    "AttainmentRate",
    "InvalidSeriesTable",
    "Method",
    "Observations",
    "Rules",
    "SeriesAssessment",
    "SeriesSettings",
    "assess",
    "attainment_rates",
    "exact_interval",
    "series_settings",
    "settings_from_targets",
    "status_code",
    "warning_codes",
]
