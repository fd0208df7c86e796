"""Engine settings straight from the plan's targets (吉县 examples)."""

from __future__ import annotations

import numpy as np

from halfsky.domain.assessment import Observations, assess
from halfsky.domain.assessment.plan_settings import settings_from_targets
from halfsky.domain.plan import Polarity
from halfsky.domain.targets import Comparator, Target, TargetKind

K, C = TargetKind, Comparator
MORTALITY = Target(K.THRESHOLD, "1/10万", 2025, C.LE, 12.5)
WOMEN_EMPLOYED = Target(K.APPROXIMATE, "%", 2025, C.APPROX, 45.0, tolerance=2.0)
SCREENING = Target(K.INCREASE, "%", 2025)
COUNCILS = Target(K.FULL_COVERAGE, "%", 2025)


def test_targets_become_settings_and_are_judged() -> None:
    settings = settings_from_targets(
        [MORTALITY, WOMEN_EMPLOYED, SCREENING, COUNCILS, None],
        [Polarity.LOWER_IS_BETTER, Polarity.NEUTRAL, Polarity.HIGHER_IS_BETTER,
         Polarity.HIGHER_IS_BETTER, Polarity.NEUTRAL],
        base_year=2020, per=[100000, None, None, None, None])
    assert settings.direction.tolist() == [-1, 1, 1, 1, 1]
    assert settings.goal[3] == 100.0 and settings.tolerance[1] == 2.0
    observations = Observations(
        series=np.array([0, 0, 1, 2, 2, 3, 4, 4]),
        year=np.array([2020, 2023, 2023, 2020, 2023, 2023, 2020, 2023]),
        value=np.array([20.0, 10.0, 46.0, 50.0, 55.0, 100.0, 1.0, 2.0]))
    result = assess(observations, settings)
    assert result.status_codes() == ["met"] * 5


def test_a_neutral_polarity_follows_the_target() -> None:
    settings = settings_from_targets([MORTALITY, Target(K.DECREASE)],
                                     [Polarity.NEUTRAL, Polarity.NEUTRAL])
    assert settings.direction.tolist() == [-1, -1]
