"""Simulation: a county with 700 births a year whose maternal mortality truly stays at
12/10万 (target ≤ 12.5). Noise must not become warnings (issue 5, "Done when")."""

from __future__ import annotations

import numpy as np

from halfsky.domain.assessment import Observations, assess, series_settings

SERIES, BIRTHS, TRUE_RATE, YEARS = 1_000, 700, 12.0, np.arange(2020, 2026)


def simulate(seed: int = 20250101) -> tuple[dict[str, float], dict[str, float]]:
    rng = np.random.default_rng(seed)
    deaths = rng.poisson(TRUE_RATE / 100_000 * BIRTHS, (SERIES, len(YEARS))).astype(float)
    observations = Observations(
        series=np.repeat(np.arange(SERIES), len(YEARS)), year=np.tile(YEARS, SERIES),
        value=np.full(deaths.size, np.nan), numerator=deaths.ravel(),
        denominator=np.full(deaths.size, float(BIRTHS)))
    settings = series_settings(SERIES, direction="lower", target=12.5, target_year=2025,
                               base_year=2020, per=100_000)
    result = assess(observations, settings)
    status = np.array(result.status_codes())
    engine = {
        "volatile": float(np.mean(result.warnings & 4 > 0)),
        "at_risk_or_moving_away": float(np.isin(status, ["at_risk", "moving_away"]).mean()),
        "insufficient_evidence": float(np.mean(status == "insufficient_evidence")),
        "met": float(np.mean(status == "met")),
    }
    rate = deaths / BIRTHS * 100_000
    before, after = rate[:, :-1], rate[:, 1:]
    naive_flags = np.abs(after - before) > 0.33 * np.abs(before)  # 0 → anything counts
    naive = {"years_flagged": float(naive_flags.mean()),
             "series_flagged": float(naive_flags.any(axis=1).mean())}
    return engine, naive


def test_noise_is_not_a_warning() -> None:
    engine, naive = simulate()
    print(f"\nengine: {engine}\nnaive ±33% year-on-year rule: {naive}")
    assert engine["volatile"] <= 0.05
    assert engine["at_risk_or_moving_away"] <= 0.05
    assert 0.10 <= naive["years_flagged"] <= 0.20  # the naive rule cries wolf (~15% of years)
