"""Plan files: a plan as YAML or JSON (``format_version: 1``), in and out.

``load_plan`` reads a plan file, or a plan shipped in ``halfsky/data/plans``
by name; ``plan_to_dict`` / ``plan_from_dict`` convert between a
:class:`Plan` and the file's plain data (also what ``halfsky plan show
--json`` prints); ``plan_to_yaml`` writes the file the way the shipped plans
are laid out. Problems raise :class:`PlanFileError` with a message code and
the location of the offending value.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from halfsky.domain.plan import Indicator, Plan, Responsibility
from halfsky.domain.targets import Target
from halfsky.formats.plan_fields import PlanFileError
from halfsky.formats.plan_schema import FORMAT_VERSION, plan_from_data

__all__ = [
    "FORMAT_VERSION",
    "PlanFileError",
    "load_plan",
    "plan_from_dict",
    "plan_to_dict",
    "plan_to_yaml",
    "read_plan_data",
    "shipped_plans",
]

_SUFFIXES = (".yaml", ".yml", ".json")
_PLANS_PACKAGE = "halfsky.data"
_PLANS_DIR = "plans"


# --------------------------------------------------------------------------
# Reading


class _StrictLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that refuses a key given twice in one mapping."""


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            mark = key_node.start_mark
            raise PlanFileError(
                "plan_file.duplicate_key",
                "",
                {"key": key, "line": mark.line + 1, "column": mark.column + 1},
            )
        seen.add(key)
    loader.flatten_mapping(node)
    return {loader.construct_object(k): loader.construct_object(v) for k, v in node.value}


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_plan_data(text: str, *, json_format: bool = False) -> object:
    """Parse a plan file's text (YAML, or JSON) into plain data."""
    if json_format:
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            raise PlanFileError(
                "plan_file.invalid_json",
                "",
                {"line": error.lineno, "column": error.colno, "problem": error.msg},
            ) from error
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        params: dict[str, object] = {"problem": error.problem or ""}
        if mark is not None:
            params.update(line=mark.line + 1, column=mark.column + 1)
        raise PlanFileError("plan_file.invalid_yaml", "", params) from error
    except yaml.YAMLError as error:
        raise PlanFileError("plan_file.invalid_yaml", "", {"problem": str(error)}) from error


def shipped_plans() -> list[str]:
    """Names of the plans shipped with HalfSky (``jixian-women-2021-2025`` …)."""
    folder = resources.files(_PLANS_PACKAGE).joinpath(_PLANS_DIR)
    names = {
        entry.name.rsplit(".", 1)[0]
        for entry in folder.iterdir()
        if entry.is_file() and entry.name.endswith(_SUFFIXES)
    }
    return sorted(names)


def _looks_like_path(name: str) -> bool:
    return name.endswith(_SUFFIXES) or "/" in name or "\\" in name


def load_plan(path_or_name: str | Path) -> Plan:
    """Load a plan from a ``.yaml``/``.yml``/``.json`` file or by shipped name."""
    if isinstance(path_or_name, Path) or _looks_like_path(path_or_name):
        path = Path(path_or_name)
        if not path.is_file():
            raise PlanFileError("plan_file.not_found", "",
                                {"name": str(path), "available": shipped_plans()})
        text = path.read_text(encoding="utf-8-sig")
        json_format = path.suffix.lower() == ".json"
    else:
        folder = resources.files(_PLANS_PACKAGE).joinpath(_PLANS_DIR)
        for suffix in _SUFFIXES:
            entry = folder.joinpath(path_or_name + suffix)
            if entry.is_file():
                text = entry.read_text(encoding="utf-8-sig")
                json_format = suffix == ".json"
                break
        else:
            raise PlanFileError(
                "plan_file.not_found", "", {"name": path_or_name, "available": shipped_plans()}
            )
    return plan_from_dict(read_plan_data(text, json_format=json_format))


def plan_from_dict(data: object) -> Plan:
    """Build and check a plan from a plan file's plain data."""
    return plan_from_data(data)


# --------------------------------------------------------------------------
# Writing


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def _responsibility(responsibility: Responsibility) -> dict[str, Any]:
    return {"lead": responsibility.lead, "supporting": list(responsibility.supporting)}


def _target_to_dict(target: Target) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": target.kind.value}
    if target.comparator is not None:
        data["comparator"] = target.comparator.value
    if target.value is not None:
        data["value"] = _number(target.value)
    if target.tolerance is not None:
        data["tolerance"] = _number(target.tolerance)
    if target.groups is not None:
        data["groups"] = list(target.groups)
    if target.relative_to is not None:
        data["relative_to"] = target.relative_to
    if target.unit:
        data["unit"] = target.unit
    if target.year is not None:
        data["year"] = target.year
    if target.source:
        data["source"] = target.source
    return data


def _indicator_to_dict(indicator: Indicator) -> dict[str, Any]:
    # maps_to, same_as, aggregation and aggregation_weight are written only when given,
    # so that a plan without them is written as before.
    exchange: dict[str, Any] = {}
    if indicator.aggregation is not None:
        exchange["aggregation"] = indicator.aggregation.value
    if indicator.aggregation_weight:
        exchange["aggregation_weight"] = indicator.aggregation_weight
    mapping: dict[str, Any] = {}
    if indicator.maps_to is not None:
        mapping["maps_to"] = {
            "plan": indicator.maps_to.plan,
            "indicator": indicator.maps_to.indicator,
            "factor": _number(indicator.maps_to.factor),
        }
    if indicator.same_as is not None:
        mapping["same_as"] = {"plan": indicator.same_as.plan, "indicator": indicator.same_as.indicator}
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "goal": str(indicator.goal),
        "definition": indicator.definition,
        "numerator": indicator.numerator,
        "denominator": indicator.denominator,
        "per": indicator.per,
        **exchange,
        "polarity": indicator.polarity.value,
        "disaggregations": indicator.disaggregation_entries(),
        **_responsibility(indicator.responsibility),
        "statistical_period": indicator.statistical_period.value,
        "cadence": indicator.cadence.value,
        "national_reference": indicator.national_reference,
        **mapping,
        "targets": [_target_to_dict(target) for target in indicator.targets],
    }


def plan_to_dict(plan: Plan) -> dict[str, Any]:
    """The plan as a plan file's data: JSON-serialisable, keys in file order."""
    areas = []
    for area in plan.areas:
        entry: dict[str, Any] = {"code": area.code, "name": area.name, "level": area.level.value}
        if area.parent is not None:
            entry["parent"] = area.parent
        if area.is_sample:
            entry["is_sample"] = True
        areas.append(entry)
    return {
        "format_version": FORMAT_VERSION,
        "plan": {
            "code": plan.code,
            "title": plan.title,
            "region": plan.region,
            "start_year": plan.start_year,
            "end_year": plan.end_year,
            "baseline_year": plan.baseline_year,
            "parents": list(plan.parents),
        },
        "departments": [{"code": d.code, "name": d.name} for d in plan.departments],
        "areas": areas,
        "domains": [
            {
                "code": domain.code,
                "number": domain.number,
                "name": domain.name,
                "goals": [
                    {
                        "number": g.number,
                        "kind": g.kind.value,
                        **_responsibility(g.responsibility),
                        "text": g.text,
                    }
                    for g in domain.goals
                ],
                "measures": [
                    {"number": m.number, **_responsibility(m.responsibility), "text": m.text}
                    for m in domain.measures
                ],
            }
            for domain in plan.domains
        ],
        "indicators": [_indicator_to_dict(indicator) for indicator in plan.indicators],
        "organisation_text": plan.organisation_text,
        "monitoring_text": plan.monitoring_text,
    }


# YAML layout: block style, except one-line entries for these lists and mappings.
_FLOW_LISTS = frozenset({"departments", "areas", "targets"})
_FLOW_MAPPINGS = frozenset({"maps_to", "same_as"})
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_UNSAFE = re.compile(r"""[:#,\[\]{}&*!|>'"%@`\\]|^[-?\s]|\s$""")


def _is_block_text(value: str) -> bool:
    """Multi-line text that a literal block (``|-``) keeps exactly."""
    lines = value.split("\n")
    return (
        len(lines) > 1
        and bool(lines[0])
        and bool(lines[-1])
        and all(line == line.strip() and "\t" not in line and "\r" not in line for line in lines)
    )


def _scalar(value: object) -> str:
    if isinstance(value, str):
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        if value and not _PLAIN_UNSAFE.search(value) and tag == _STR_TAG:
            return value
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False)


def _flow(value: object) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    return _scalar(value)


def _emit(data: dict[str, Any], indent: str, lines: list[str]) -> None:
    for key, value in data.items():
        if isinstance(value, dict) and key not in _FLOW_MAPPINGS:
            lines.append(f"{indent}{key}:")
            _emit(value, indent + "  ", lines)
        elif isinstance(value, list) and any(isinstance(item, dict) for item in value):
            lines.append(f"{indent}{key}:")
            for item in value:
                if key in _FLOW_LISTS:
                    lines.append(f"{indent}  - {_flow(item)}")
                else:
                    nested: list[str] = []
                    _emit(item, indent + "    ", nested)
                    lines.append(f"{indent}  - {nested[0].lstrip()}")
                    lines.extend(nested[1:])
        elif isinstance(value, str) and _is_block_text(value):
            lines.append(f"{indent}{key}: |-")
            lines.extend(f"{indent}  {line}" if line else "" for line in value.split("\n"))
        else:
            lines.append(f"{indent}{key}: {_flow(value)}")


def plan_to_yaml(plan: Plan) -> str:
    """The plan as a YAML plan file, laid out for people to read and review."""
    lines: list[str] = []
    _emit(plan_to_dict(plan), "", lines)
    return "\n".join(lines) + "\n"
