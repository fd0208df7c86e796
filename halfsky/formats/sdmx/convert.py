"""Observations ↔ SDMX components, shared by the SDMX-CSV and SDMX-JSON formats.

:func:`export_rows` checks observations before anything is written (every
key writable, no key twice, finite numbers, known units);
:class:`ObservationBuilder` turns the codes and values read from a file back
into observations, checking each and refusing a key given twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from halfsky.formats.sdmx.model import (
    STATUS_CODES,
    UNITS_BY_CODE,
    ObservationStatus,
    SdmxError,
    SdmxObservation,
    SeriesKey,
    breakdown_of,
    check_key_codes,
    check_number,
    format_number,
    observation_key,
    unit_code,
)

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_STATUS_BY_CODE = {code: status for status, code in STATUS_CODES.items()}


@dataclass(frozen=True)
class ExportRow:
    """An observation ready to be written: its key and its attributes as SDMX values."""

    key: SeriesKey
    observation: SdmxObservation
    attributes: tuple[tuple[str, str | float | None], ...]  # in ATTRIBUTES order

    def text_attributes(self) -> tuple[str, ...]:
        """The attributes as SDMX-CSV text: codes, numbers, free text; "" when empty."""
        return tuple(
            format_number(value) if isinstance(value, float) else (value or "")
            for _, value in self.attributes
        )


def export_rows(observations: Iterable[SdmxObservation]) -> list[ExportRow]:
    """Check observations for export; SdmxError at the first one that cannot be written."""
    rows: list[ExportRow] = []
    seen: dict[SeriesKey, int] = {}
    for index, observation in enumerate(observations):
        key = observation_key(observation, index)
        if key in seen:
            raise SdmxError(
                "sdmx.duplicate_key",
                {"observation": index, "first": seen[key], "key": ".".join(key.codes())},
            )
        seen[key] = index
        try:
            status = STATUS_CODES[ObservationStatus(observation.status)]
        except ValueError:
            raise SdmxError(
                "sdmx.bad_status", {"observation": index, "status": str(observation.status)}
            ) from None
        for name, number in (
            ("OBS_VALUE", observation.value),
            ("NUMERATOR", observation.numerator),
            ("DENOMINATOR", observation.denominator),
        ):
            check_number(number, name, index)
        rows.append(
            ExportRow(
                key=key,
                observation=observation,
                attributes=(
                    ("UNIT_MEASURE", unit_code(observation.unit, index)),
                    ("OBS_STATUS", status),
                    ("NUMERATOR", _float(observation.numerator)),
                    ("DENOMINATOR", _float(observation.denominator)),
                    ("SOURCE", observation.source),
                    ("COMMENT", observation.comment),
                    ("PROVENANCE", observation.provenance),
                ),
            )
        )
    return rows


def _float(value: float | None) -> float | None:
    return None if value is None else float(value)


def parse_number(text: str, component: str, where: Mapping[str, object]) -> float | None:
    """A number written as text ("" → None); SdmxError for anything else."""
    if text == "":
        return None
    if not _NUMBER.fullmatch(text):
        raise SdmxError("sdmx.bad_value", {**where, "component": component, "value": text})
    return float(text)


def json_number(value: object, component: str, where: Mapping[str, object]) -> float | None:
    """A number from JSON (a number or numeric text; null → None)."""
    if value is None:
        return None
    if isinstance(value, str):
        return parse_number(value, component, where)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SdmxError("sdmx.bad_value", {**where, "component": component, "value": str(value)})
    return float(value)


class ObservationBuilder:
    """Builds observations from imported codes and values; refuses a key seen before."""

    def __init__(self) -> None:
        self.observations: list[SdmxObservation] = []
        self._seen: set[tuple[str, ...]] = set()

    def add(
        self,
        key: Mapping[str, str],
        value: float | None,
        attributes: Mapping[str, str | float | None],
        where: Mapping[str, object],
    ) -> None:
        codes = tuple(key[d] for d in ("INDICATOR", "REF_AREA", "SEX", "URBANISATION", "AGE"))
        codes += (key["TIME_PERIOD"],)
        if codes in self._seen:
            raise SdmxError("sdmx.duplicate_key", {**where, "key": ".".join(codes)})
        self._seen.add(codes)
        year = check_key_codes(key["INDICATOR"], key["REF_AREA"], key["TIME_PERIOD"], where)
        breakdown = breakdown_of(key["SEX"], key["URBANISATION"], key["AGE"], where)
        unit = self._text(attributes, "UNIT_MEASURE", where)
        if unit and unit not in UNITS_BY_CODE:
            raise SdmxError(
                "sdmx.unknown_code", {**where, "dimension": "UNIT_MEASURE", "code": unit}
            )
        status = self._text(attributes, "OBS_STATUS", where)
        if not status:
            raise SdmxError("sdmx.missing_value", {**where, "component": "OBS_STATUS"})
        if status not in _STATUS_BY_CODE:
            raise SdmxError(
                "sdmx.unknown_code", {**where, "dimension": "OBS_STATUS", "code": status}
            )
        self.observations.append(
            SdmxObservation(
                indicator=key["INDICATOR"],
                area=key["REF_AREA"],
                year=year,
                breakdown=breakdown,
                value=value,
                numerator=self._number(attributes, "NUMERATOR", where),
                denominator=self._number(attributes, "DENOMINATOR", where),
                unit=UNITS_BY_CODE[unit] if unit else "",
                status=_STATUS_BY_CODE[status],
                source=self._text(attributes, "SOURCE", where),
                comment=self._text(attributes, "COMMENT", where),
                provenance=self._text(attributes, "PROVENANCE", where),
            )
        )

    @staticmethod
    def _text(
        attributes: Mapping[str, str | float | None], name: str, where: Mapping[str, object]
    ) -> str:
        value = attributes.get(name)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise SdmxError("sdmx.bad_value", {**where, "component": name, "value": str(value)})
        return value

    @staticmethod
    def _number(
        attributes: Mapping[str, str | float | None], name: str, where: Mapping[str, object]
    ) -> float | None:
        value = attributes.get(name)
        if isinstance(value, str):
            return parse_number(value, name, where)
        return value
