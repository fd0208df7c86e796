"""Random HalfSky observations for the SDMX tests: every breakdown, empty values, hard text."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from halfsky.formats.sdmx import ObservationStatus, SdmxObservation
from halfsky.formats.sdmx.model import UNIT_CODES

INDICATORS = ("H03", "H07", "E06", "S01", "F01", "C01", "D11")
AREAS = ("141028", "141000", "140000", "141028100", "141028100201", "141028-S01", "110101")
BREAKDOWNS = (
    "", "sex=female", "sex=male", "urban_rural=urban", "urban_rural=rural", "age_band=15-49",
    "age_band=65+", "age_band=0-14", "sex=female;urban_rural=rural", "sex=male;age_band=18-69",
    "urban_rural=urban;age_band=35-64", "sex=female;urban_rural=urban;age_band=15-69",
)  # fmt: skip
PIECES = (
    "孕产妇死亡率", "吉县", "卫健局", "，", ",", '"', "'", "\n", "\r\n", "\t", " ", "；", ";", "=",
    "：", ":", "《纲要》", "“引号”", "示例数据（非官方统计）", "a", "Z", "0", "—", "😀", "\\", "#",
    "%", "1/10万", "<b>", "&amp;",
)  # fmt: skip


def random_text(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return ""
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))


def random_number(rng: random.Random) -> float | None:
    kind = rng.randrange(8)
    if kind == 0:
        return None
    if kind == 1:
        return float(rng.randint(0, 10**6))
    if kind == 2:
        return round(rng.uniform(0, 100), rng.randint(0, 4))
    if kind == 3:
        return rng.uniform(-1e-6, 1e-6)
    if kind == 4:
        return rng.uniform(1e12, 1e16)
    if kind == 5:
        return 0.1 + 0.2  # 0.30000000000000004: every digit must survive
    if kind == 6:
        return -rng.random() * 1000
    return rng.random() / 3


def random_observations(seed: int, count: int) -> list[SdmxObservation]:
    rng = random.Random(seed)
    units = ("", *UNIT_CODES)
    found: dict[tuple[str, str, int, str], SdmxObservation] = {}
    while len(found) < count:
        key = (rng.choice(INDICATORS), rng.choice(AREAS), rng.randint(1990, 2035),
               rng.choice(BREAKDOWNS))  # fmt: skip
        found[key] = SdmxObservation(
            indicator=key[0],
            area=key[1],
            year=key[2],
            breakdown=key[3],
            value=random_number(rng),
            numerator=random_number(rng),
            denominator=random_number(rng),
            unit=rng.choice(units),
            status=rng.choice(list(ObservationStatus)),
            source=random_text(rng),
            comment=random_text(rng),
            provenance=random_text(rng),
        )
    return list(found.values())


@pytest.fixture
def make_observations() -> Callable[[int, int], list[SdmxObservation]]:
    """``make_observations(seed, count)``: distinct random observations."""
    return random_observations
