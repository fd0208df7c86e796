"""English sentences for the codes the plan loaders raise, for the command line.

(The web interface translates the same codes through Django's i18n.)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PLAN_FILE_MESSAGES = {
    "plan_file.not_found": "no plan file or shipped plan named {name!r} (shipped: {available})",
    "plan_file.invalid_yaml": "the file is not valid YAML",
    "plan_file.invalid_json": "the file is not valid JSON",
    "plan_file.unsupported_version": "unsupported plan file format_version",
    "plan_file.missing_key": "a required key is missing",
    "plan_file.unknown_key": "unknown key",
    "plan_file.duplicate_key": "the same key is given twice",
    "plan_file.bad_type": "wrong type of value",
    "plan_file.bad_value": "invalid value",
    "plan_file.empty_value": "the value must not be empty",
    "plan_file.unknown_value": "not one of the allowed values",
    "plan_file.duplicate_value": "the value is listed twice",
    "plan_file.bad_crossing": "a cross product lists two or more different dimensions",
    "plan_file.bad_period": "the plan period is not valid (start ≤ baseline < end?)",
    "plan_file.bad_target": "the target is not valid",
    "plan_file.duplicate_area": "the area code is used twice",
    "plan_file.duplicate_department": "the department code is used twice",
    "plan_file.duplicate_domain": "the domain code is used twice",
    "plan_file.duplicate_goal": "the goal number is used twice",
    "plan_file.duplicate_measure": "the measure number is used twice",
    "plan_file.duplicate_indicator": "the indicator code is used twice",
    "plan_file.unknown_area": "no such area in the plan file",
    "plan_file.unknown_department": "no such department in the plan file",
    "plan_file.unknown_goal": "no such goal in the plan file",
    "plan_file.bad_mapping": "the mapping to the parent plan's indicator is not valid",
    "plan_file.bad_aggregation": "the aggregation rule does not fit the indicator",
    "plan_file.bad_series_link": "same_as must name an indicator of another plan",
}


def plan_file_message(code: str, location: str | None, params: Mapping[str, Any]) -> str:
    template = PLAN_FILE_MESSAGES.get(code, code)
    try:
        text = template.format(**params)
    except (KeyError, IndexError):
        text = template
    where = f" at {location}" if location else ""
    details = ", ".join(f"{k}={v}" for k, v in params.items() if f"{{{k}" not in template)
    return f"{text}{where}" + (f" ({details})" if details else "") + f" [{code}]"
