"""SDMX-JSON 2.0 data messages: write HalfSky observations, read them back exactly.

The message has ``meta`` (id, prepared, sender, content languages) and
``data`` with one structure and one data set. The structure links to the
dataflow and DSD by URN and lists every component at the ``observation``
level with the values used: dimensions with ``id`` and ``name`` (TIME_PERIOD
as ``value``), coded attributes (UNIT_MEASURE, OBS_STATUS) with ``id`` and
``name``, the other attributes as ``value``. Each observation is keyed by
the indices of its dimension values in key order
(``"0:0:0:0:0:2"``) and is the array ``[OBS_VALUE, index of each attribute's
value or null]``.

Reading also accepts dimensions and attributes at the ``dataSet`` and
``series`` levels. A file that is not an SDMX-JSON 2.0 message for
HalfSky's structure is refused with an :class:`SdmxError` and nothing is
returned: ``sdmx.not_sdmx``, ``sdmx.unsupported_version`` (SDMX-JSON 1.0),
``sdmx.foreign_structure``, ``sdmx.unsupported_action``,
``sdmx.unknown_dimension``, ``sdmx.missing_dimension``, ``sdmx.bad_key``
(an index with no value), ``sdmx.duplicate_key`` and the value codes of
:mod:`~halfsky.formats.sdmx.convert`, each with the JSON ``path``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from halfsky.formats.sdmx.convert import ExportRow, ObservationBuilder, export_rows, json_number
from halfsky.formats.sdmx.model import (
    AGENCY,
    ATTRIBUTES,
    DATAFLOW_ID,
    DIMENSIONS,
    DSD_ID,
    MEASURE,
    VERSION,
    SdmxError,
    SdmxObservation,
)
from halfsky.formats.sdmx.structure import CODE_LISTS, COMPONENT_NAMES, Structure

SCHEMA = "https://json.sdmx.org/2.0.0/sdmx-json-data-schema.json"
_URN = "urn:sdmx:org.sdmx.infomodel"
DATAFLOW_URN = f"{_URN}.datastructure.Dataflow={AGENCY}:{DATAFLOW_ID}({VERSION})"
DSD_URN = f"{_URN}.datastructure.DataStructure={AGENCY}:{DSD_ID}({VERSION})"
_LEVELS = ("dataSet", "series", "observation")
_ACTIONS = frozenset({"Information", "Append", "Replace", "Merge"})


def _component(id_: str) -> dict[str, Any]:
    en, zh = COMPONENT_NAMES[id_]
    return {"id": id_, "name": zh, "names": {"zh": zh, "en": en}}


def _indexed(values: Iterable[Any]) -> dict[Any, int]:
    """Distinct values in order of first use → their index."""
    indices: dict[Any, int] = {}
    for value in values:
        indices.setdefault(value, len(indices))
    return indices


def write_sdmx_json(
    observations: Iterable[SdmxObservation],
    *,
    message_id: str,
    prepared: datetime,
    sender: str = AGENCY,
    structure: Structure | None = None,
) -> str:
    """The observations as an SDMX-JSON 2.0 data message (text; encode as UTF-8).

    ``structure`` gives the names of indicators and areas; without it the
    codes stand for their names.
    """
    rows = export_rows(observations)
    names = structure or Structure()
    dimensions = []
    dimension_indices = []
    for position, dimension in enumerate(DIMENSIONS):
        indices = _indexed(row.key.codes()[position] for row in rows)
        if dimension == "TIME_PERIOD":
            values = [{"value": code} for code in indices]
        else:
            values = [{"id": code, "name": names.name(dimension, code)} for code in indices]
        entry = {**_component(dimension), "keyPosition": position}
        if values:
            entry["values"] = values
        dimensions.append(entry)
        dimension_indices.append(indices)
    attributes, attribute_indices = _attributes(rows, names)
    data_set: dict[str, Any] = {
        "structure": 0,
        "action": "Information",
        "links": [{"urn": DATAFLOW_URN, "rel": "dataflow"}],
        "observations": {
            ":".join(str(dimension_indices[i][code]) for i, code in enumerate(row.key.codes())): [
                row.observation.value,
                *(
                    None if value in (None, "") else attribute_indices[n][value]
                    for n, (_, value) in enumerate(row.attributes)
                ),
            ]
            for row in rows
        },
    }
    message = {
        "meta": {
            "schema": SCHEMA,
            "id": message_id,
            "test": False,
            "prepared": prepared.isoformat(),
            "contentLanguages": ["zh", "en"],
            "sender": {"id": sender},
        },
        "data": {
            "structures": [
                {
                    "links": [
                        {"urn": DATAFLOW_URN, "rel": "dataflow"},
                        {"urn": DSD_URN, "rel": "datastructure"},
                    ],
                    "dimensions": {"dataSet": [], "series": [], "observation": dimensions},
                    "measures": {"observation": [{**_component(MEASURE), "isMandatory": False}]},
                    "attributes": {
                        "dataSet": [],
                        "dimensionGroup": [],
                        "series": [],
                        "observation": attributes,
                    },  # fmt: skip
                    "dataSets": [0],
                }
            ],
            "dataSets": [data_set],
        },
    }
    return json.dumps(message, ensure_ascii=False, separators=(",", ":"))


def _attributes(
    rows: list[ExportRow], names: Structure
) -> tuple[list[dict[str, Any]], list[dict[Any, int]]]:
    entries, all_indices = [], []
    for position, attribute in enumerate(ATTRIBUTES):
        used = (row.attributes[position][1] for row in rows)
        indices = _indexed(value for value in used if value not in (None, ""))
        entry = {**_component(attribute), "relationship": {"observation": {}},
                 "isMandatory": attribute == "OBS_STATUS"}  # fmt: skip
        if attribute in CODE_LISTS:
            values = [{"id": code, "name": names.name(attribute, code)} for code in indices]
        else:
            values = [{"value": value} for value in indices]
        if values:
            entry["values"] = values
        entries.append(entry)
        all_indices.append(indices)
    return entries, all_indices


# ------------------------------------------------------------------ reading


def _object_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise SdmxError("sdmx.duplicate_key", {"key": key})
        result[key] = value
    return result


def _get(
    container: Any, key: str | int, path: str, expected: type, *, required: bool = True
) -> Any:
    found = None
    if isinstance(container, dict) and isinstance(key, str):
        found = container.get(key)
    elif isinstance(container, list) and isinstance(key, int) and 0 <= key < len(container):
        found = container[key]
    if found is None and not required:
        return expected()
    if not isinstance(found, expected):
        raise SdmxError("sdmx.not_sdmx", {"format": "json", "path": f"{path}/{key}"})
    return found


# An SDMX-JSON message nests about ten levels; a deeper file is refused before it is
# parsed (the parser recurses and would overflow Python's stack).
MAX_DEPTH = 64
_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in a JSON text (strings skipped)."""
    depth = deepest = 0
    for match in _JSON_TOKENS.finditer(text):
        token = match.group()
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def _parse(data: bytes | str) -> dict[str, Any]:
    try:
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data.removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise SdmxError("sdmx.bad_encoding", {"position": error.start}) from None
    if json_depth(text) > MAX_DEPTH:
        raise SdmxError("sdmx.too_deep", {"depth": MAX_DEPTH})
    try:
        tree = json.loads(text, object_pairs_hook=_object_without_duplicates)
    except RecursionError:  # pragma: no cover - json_depth refuses such a file first
        raise SdmxError("sdmx.too_deep", {"depth": MAX_DEPTH}) from None
    except json.JSONDecodeError as error:
        raise SdmxError(
            "sdmx.not_sdmx", {"format": "json", "line": error.lineno, "column": error.colno}
        ) from None
    if not isinstance(tree, dict):
        raise SdmxError("sdmx.not_sdmx", {"format": "json", "path": ""})
    if "header" in tree and "dataSets" in tree:
        raise SdmxError("sdmx.unsupported_version", {"format": "json", "version": "1.0"})
    if not isinstance(tree.get("meta"), dict) or not isinstance(tree.get("data"), dict):
        raise SdmxError("sdmx.not_sdmx", {"format": "json", "path": ""})
    return tree


class _Component:
    """A component of the message's structure: its level and its values."""

    def __init__(self, raw: dict[str, Any], level: str, path: str):
        self.id = _get(raw, "id", path, str)
        self.level = level
        self.path = path
        self.values = _get(raw, "values", path, list, required=False)

    def value(self, index: object, path: str) -> str | float | None:
        if index is None:
            return None
        if (
            isinstance(index, bool)
            or not isinstance(index, int)
            or not 0 <= index < len(self.values)
        ):
            raise SdmxError("sdmx.bad_key", {"path": path, "component": self.id, "index": index})
        entry = self.values[index]
        if isinstance(entry, dict) and isinstance(entry.get("id"), str):
            return str(entry["id"])
        if isinstance(entry, dict) and isinstance(entry.get("value"), str | int | float):
            value = entry["value"]
            return value if isinstance(value, str) else json_number(value, self.id, {"path": path})
        raise SdmxError(
            "sdmx.bad_value", {"path": f"{self.path}/values/{index}", "component": self.id}
        )


def _components(structure: dict[str, Any], kind: str, path: str) -> list[_Component]:
    levels = _get(structure, kind, path, dict, required=kind == "dimensions")
    found = []
    for level in _LEVELS:
        for index, raw in enumerate(_get(levels, level, f"{path}/{kind}", list, required=False)):
            found.append(_Component(raw, level, f"{path}/{kind}/{level}/{index}"))
    known = set(DIMENSIONS) if kind == "dimensions" else set(ATTRIBUTES)
    for component in found:
        if component.id not in known:
            raise SdmxError(
                "sdmx.unknown_dimension", {"path": component.path, "column": component.id}
            )
    return found


def read_sdmx_json(data: bytes | str) -> list[SdmxObservation]:
    """The observations of an SDMX-JSON 2.0 data message written for HalfSky's structure."""
    tree = _parse(data)
    structures = _get(tree["data"], "structures", "/data", list)
    structure = _get(structures, 0, "/data/structures", dict)
    urns = {link.get("urn") for link in _get(structure, "links", "/data/structures/0", list,
                                              required=False) if isinstance(link, dict)}  # fmt: skip
    if not urns & {DATAFLOW_URN, DSD_URN}:
        raise SdmxError("sdmx.foreign_structure", {"path": "/data/structures/0/links"})
    dimensions = _components(structure, "dimensions", "/data/structures/0")
    attributes = _components(structure, "attributes", "/data/structures/0")
    for dimension in DIMENSIONS:
        if dimension not in {d.id for d in dimensions}:
            raise SdmxError("sdmx.missing_dimension", {"dimension": dimension})
    measures = _get(_get(structure, "measures", "/data/structures/0", dict), "observation",
                    "/data/structures/0/measures", list)  # fmt: skip
    if [m.get("id") for m in measures if isinstance(m, dict)] != [MEASURE]:
        raise SdmxError("sdmx.unknown_dimension", {"path": "/data/structures/0/measures"})
    builder = ObservationBuilder()
    for number, data_set in enumerate(_get(tree["data"], "dataSets", "/data", list)):
        _read_data_set(data_set, f"/data/dataSets/{number}", dimensions, attributes, builder)
    return builder.observations


def _by_level(components: list[_Component], level: str) -> list[_Component]:
    return [component for component in components if component.level == level]


def _key(text: str, components: list[_Component], path: str) -> dict[str, str | float | None]:
    parts = text.split(":") if text else []
    if len(parts) != len(components) or not all(part.isdigit() for part in parts):
        raise SdmxError("sdmx.bad_key", {"path": path, "key": text})
    return {c.id: c.value(int(part), path) for c, part in zip(components, parts, strict=True)}


def _read_data_set(
    data_set: Any,
    path: str,
    dimensions: list[_Component],
    attributes: list[_Component],
    builder: ObservationBuilder,
) -> None:
    if not isinstance(data_set, dict):
        raise SdmxError("sdmx.not_sdmx", {"format": "json", "path": path})
    if data_set.get("action", "Information") not in _ACTIONS:
        raise SdmxError("sdmx.unsupported_action", {"path": path, "action": data_set.get("action")})
    base_key = {c.id: c.value(0, path) for c in _by_level(dimensions, "dataSet")}
    base_attributes = {
        c.id: c.value(index, f"{path}/attributes")
        for c, index in zip(_by_level(attributes, "dataSet"),
                            _get(data_set, "attributes", path, list, required=False), strict=False)
    }  # fmt: skip
    if "series" in data_set:
        for series_key, series in _get(data_set, "series", path, dict).items():
            series_path = f"{path}/series/{series_key}"
            key = {**base_key, **_key(series_key, _by_level(dimensions, "series"), series_path)}
            series_attributes = {
                c.id: c.value(index, f"{series_path}/attributes")
                for c, index in zip(_by_level(attributes, "series"),
                                    _get(series, "attributes", series_path, list, required=False),
                                    strict=False)
            }  # fmt: skip
            inherited = {**base_attributes, **series_attributes}
            _read_observations(series, series_path, key, inherited, dimensions, attributes, builder)
    else:
        _read_observations(
            data_set, path, base_key, base_attributes, dimensions, attributes, builder
        )


def _read_observations(
    container: dict[str, Any],
    path: str,
    key: dict[str, Any],
    inherited: dict[str, Any],
    dimensions: list[_Component],
    attributes: list[_Component],
    builder: ObservationBuilder,
) -> None:
    observation_attributes = _by_level(attributes, "observation")
    observation_dimensions = _by_level(dimensions, "observation")
    for key_text, values in _get(container, "observations", path, dict, required=False).items():
        where = {"path": f"{path}/observations/{key_text}"}
        if not isinstance(values, list) or not values:
            raise SdmxError("sdmx.bad_value", {**where, "component": MEASURE})
        full_key = {**key, **_key(key_text, observation_dimensions, where["path"])}
        found = {
            c.id: c.value(index, where["path"])
            for c, index in zip(observation_attributes, values[1:], strict=False)
        }
        builder.add(
            key={d: str(full_key[d]) for d in DIMENSIONS},
            value=json_number(values[0], MEASURE, where),
            attributes={**inherited, **found},
            where=where,
        )
