"""What HalfSky exchanges in SDMX: observations, the data structure's ids and code lists.

An :class:`SdmxObservation` is one value of an indicator for an area, a year
and a breakdown, with its numerator and denominator, status, source,
comment and provenance. The data structure (DSD ``HALFSKY:DSD_WOMEN(1.0)``)
has the dimensions INDICATOR, REF_AREA (GB/T 2260 codes), SEX,
URBANISATION, AGE and TIME_PERIOD (a year), the measure OBS_VALUE and the
observation-level attributes UNIT_MEASURE, OBS_STATUS, NUMERATOR,
DENOMINATOR, SOURCE, COMMENT and PROVENANCE.

Problems raise :class:`SdmxError` with a message code (``sdmx.not_sdmx``,
``sdmx.unknown_dimension``, ``sdmx.bad_period`` …) and parameters; nothing
here is a sentence.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from halfsky.domain import breakdowns
from halfsky.domain.errors import CodedError
from halfsky.domain.units import exchange_codes

AGENCY = "HALFSKY"
VERSION = "1.0"
DSD_ID = "DSD_WOMEN"
DATAFLOW_ID = "DF_WOMEN"
DATAFLOW_REF = f"{AGENCY}:{DATAFLOW_ID}({VERSION})"
DSD_REF = f"{AGENCY}:{DSD_ID}({VERSION})"

# Dimensions in key order (TIME_PERIOD last, as SDMX-ML 2.1 wants the time dimension).
DIMENSIONS = ("INDICATOR", "REF_AREA", "SEX", "URBANISATION", "AGE", "TIME_PERIOD")
MEASURE = "OBS_VALUE"
ATTRIBUTES = (
    "UNIT_MEASURE", "OBS_STATUS", "NUMERATOR", "DENOMINATOR", "SOURCE", "COMMENT", "PROVENANCE",
)  # fmt: skip
TOTAL = "_T"  # SDMX's code for "no breakdown" in SEX, URBANISATION and AGE


class ObservationStatus(StrEnum):
    """The status of a value; exported as OBS_STATUS codes of SDMX's CL_OBS_STATUS."""

    APPROVED = "approved"  # A: normal value (approved by the statistics bureau)
    PROVISIONAL = "provisional"  # P: provisional value
    ESTIMATED = "estimated"  # E: estimated value
    NOT_APPLICABLE = "not_applicable"  # M: missing, data cannot exist (工作未开展)


STATUS_CODES: Mapping[ObservationStatus, str] = {
    ObservationStatus.APPROVED: "A",
    ObservationStatus.PROVISIONAL: "P",
    ObservationStatus.ESTIMATED: "E",
    ObservationStatus.NOT_APPLICABLE: "M",
}
STATUS_NAMES: Mapping[str, tuple[str, str]] = {
    "A": ("Normal value", "正常值（已审核）"),
    "P": ("Provisional value", "初步数"),
    "E": ("Estimated value", "估计值"),
    "M": ("Missing value; data cannot exist", "不适用"),
}

# Breakdowns ("sex=female;urban_rural=rural") ↔ SEX and URBANISATION codes.
SEX_CODES: Mapping[str, str] = {"female": "F", "male": "M"}
URBANISATION_CODES: Mapping[str, str] = {"urban": "U", "rural": "R"}
SEX_NAMES: Mapping[str, tuple[str, str]] = {
    TOTAL: ("Total", "合计"), "F": ("Female", "女"), "M": ("Male", "男"),
}  # fmt: skip
URBANISATION_NAMES: Mapping[str, tuple[str, str]] = {
    TOTAL: ("Total", "合计"), "U": ("Urban", "城镇"), "R": ("Rural", "农村"),
}  # fmt: skip
BREAKDOWN_DIMENSIONS = breakdowns.DIMENSIONS  # canonical order in a breakdown

# Units of measure: HalfSky's unit text ↔ a code of CL_UNIT_MEASURE (from domain/units.py).
UNIT_CODES: Mapping[str, str] = exchange_codes()
UNITS_BY_CODE: Mapping[str, str] = {code: unit for unit, code in UNIT_CODES.items()}

_ID = re.compile(r"[A-Za-z0-9_@$\-]+")
_AREA = re.compile(r"\d{6}(?:\d{3}|\d{6})?(?:-S\d{2,})?")  # GB/T 2260, townships, sample townships
_AGE_RANGE = re.compile(r"(\d{1,3})-(\d{1,3})")
_AGE_FROM = re.compile(r"(\d{1,3})\+")
_AGE_CODE = re.compile(r"Y(\d{1,3})T(\d{1,3})|Y_GE(\d{1,3})")
_YEAR = re.compile(r"\d{4}")


class SdmxError(CodedError, ValueError):
    """A file or observation that cannot be exchanged.

    ``code`` is a message code (``sdmx.not_sdmx``, ``sdmx.unknown_dimension``,
    ``sdmx.bad_period`` …); ``params`` hold what a message needs, including
    where the problem is (``line`` and ``column`` for SDMX-CSV, ``path`` for
    SDMX-JSON, ``observation`` for an export).
    """

    def __str__(self) -> str:
        return self.describe()


@dataclass(frozen=True)
class SdmxObservation:
    """One exchanged value. ``breakdown`` is ``""`` for the total, else
    ``dimension=value`` pairs joined by ``;`` in the order sex, urban_rural,
    age_band (``sex=female;age_band=15-49``). ``provenance`` is carried
    unchanged (which instance, which approval, when)."""

    indicator: str
    area: str
    year: int
    breakdown: str = ""
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    unit: str = ""
    status: ObservationStatus = ObservationStatus.APPROVED
    source: str = ""
    comment: str = ""
    provenance: str = ""


@dataclass(frozen=True)
class SeriesKey:
    """The SDMX key of an observation: dimension ids → codes, in DIMENSIONS order."""

    indicator: str
    area: str
    sex: str
    urbanisation: str
    age: str
    period: str

    def codes(self) -> tuple[str, str, str, str, str, str]:
        return (self.indicator, self.area, self.sex, self.urbanisation, self.age, self.period)


def age_code(band: str) -> str | None:
    """``15-49`` → ``Y15T49``, ``65+`` → ``Y_GE65``; None for anything else."""
    if match := _AGE_RANGE.fullmatch(band):
        return f"Y{int(match[1])}T{int(match[2])}" if int(match[1]) <= int(match[2]) else None
    if match := _AGE_FROM.fullmatch(band):
        return f"Y_GE{int(match[1])}"
    return None


def age_band(code: str) -> str | None:
    """The inverse of :func:`age_code`."""
    match = _AGE_CODE.fullmatch(code)
    if match is None:
        return None
    if match[3] is not None:
        return f"{int(match[3])}+"
    return f"{int(match[1])}-{int(match[2])}" if int(match[1]) <= int(match[2]) else None


def observation_key(observation: SdmxObservation, index: int) -> SeriesKey:
    """The observation's key; SdmxError when a part cannot be written in SDMX."""
    where = {"observation": index}
    if not _ID.fullmatch(observation.indicator):
        raise SdmxError("sdmx.bad_indicator", {**where, "indicator": observation.indicator})
    if not _AREA.fullmatch(observation.area):
        raise SdmxError("sdmx.bad_area", {**where, "area": observation.area})
    if not 1000 <= observation.year <= 9999:
        raise SdmxError("sdmx.bad_period", {**where, "period": observation.year})
    if not breakdowns.is_canonical(observation.breakdown):
        raise SdmxError("sdmx.bad_breakdown", {**where, "breakdown": observation.breakdown})
    parts = dict.fromkeys(BREAKDOWN_DIMENSIONS, "") | dict(breakdowns.parse(observation.breakdown))
    sex = SEX_CODES.get(parts["sex"]) if parts["sex"] else TOTAL
    urbanisation = URBANISATION_CODES.get(parts["urban_rural"]) if parts["urban_rural"] else TOTAL
    age = age_code(parts["age_band"]) if parts["age_band"] else TOTAL
    if sex is None or urbanisation is None or age is None:
        raise SdmxError("sdmx.bad_breakdown", {**where, "breakdown": observation.breakdown})
    return SeriesKey(
        observation.indicator, observation.area, sex, urbanisation, age, str(observation.year)
    )


def breakdown_of(sex: str, urbanisation: str, age: str, where: Mapping[str, object]) -> str:
    """The breakdown text of SEX, URBANISATION and AGE codes (the inverse of the key)."""
    parts: list[breakdowns.Pair] = []
    for dimension, code, codes in (
        ("SEX", sex, SEX_CODES),
        ("URBANISATION", urbanisation, URBANISATION_CODES),
    ):
        if code == TOTAL:
            continue
        names = [name for name, known in codes.items() if known == code]
        if not names:
            raise SdmxError("sdmx.unknown_code", {**where, "dimension": dimension, "code": code})
        parts.append((breakdowns.SEX if dimension == "SEX" else breakdowns.URBAN_RURAL, names[0]))
    if age != TOTAL:
        band = age_band(age)
        if band is None:
            raise SdmxError("sdmx.unknown_code", {**where, "dimension": "AGE", "code": age})
        parts.append((breakdowns.AGE_BAND, band))
    return breakdowns.format_pairs(parts)


def check_key_codes(indicator: str, area: str, period: str, where: Mapping[str, object]) -> int:
    """Check an imported key's indicator, area and period; the year."""
    if not _ID.fullmatch(indicator):
        raise SdmxError("sdmx.bad_indicator", {**where, "indicator": indicator})
    if not _AREA.fullmatch(area):
        raise SdmxError("sdmx.bad_area", {**where, "area": area})
    if not _YEAR.fullmatch(period):
        raise SdmxError("sdmx.bad_period", {**where, "period": period})
    return int(period)


def check_number(value: float | None, name: str, index: int) -> None:
    if value is not None and not math.isfinite(value):
        raise SdmxError("sdmx.bad_value", {"observation": index, "component": name})


def unit_code(unit: str, index: int) -> str:
    if not unit:
        return ""
    code = UNIT_CODES.get(unit)
    if code is None:
        raise SdmxError("sdmx.unknown_unit", {"observation": index, "unit": unit})
    return code


def format_number(value: float | None) -> str:
    """A number as SDMX text that reads back to the same float: 12.5, 3, 1e-07."""
    if value is None:
        return ""
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(value)
