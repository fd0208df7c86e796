"""A target in words, in the user's language; numbers and quantities as people write them.

The domain describes a target as a message code with parameters
(``describe_target``); this module holds the sentence for every code.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from halfsky.domain.target_checks import describe_target
from halfsky.domain.targets import Target
from halfsky.web.core.text.plans import group_label

TARGET_SENTENCES = {
    "target.threshold.ge": gettext_lazy("at least %(quantity)s"),
    "target.threshold.gt": gettext_lazy("above %(quantity)s"),
    "target.threshold.le": gettext_lazy("at most %(quantity)s"),
    "target.threshold.lt": gettext_lazy("below %(quantity)s"),
    "target.threshold.eq": gettext_lazy("equal to %(quantity)s"),
    "target.approximate": gettext_lazy("about %(quantity)s (±%(tolerance)s)"),
    "target.maintain.ge": gettext_lazy("every year at least %(quantity)s"),
    "target.maintain.gt": gettext_lazy("every year above %(quantity)s"),
    "target.maintain.le": gettext_lazy("every year at most %(quantity)s"),
    "target.maintain.lt": gettext_lazy("every year below %(quantity)s"),
    "target.maintain.eq": gettext_lazy("every year equal to %(quantity)s"),
    "target.maintain.approx": gettext_lazy("every year about %(quantity)s (±%(tolerance)s)"),
    "target.increase": gettext_lazy("rises steadily"),
    "target.decrease": gettext_lazy("falls steadily"),
    "target.gap_narrows": gettext_lazy("gap between %(group_a)s and %(group_b)s narrows"),
    "target.growth_slows": gettext_lazy("upward trend slows"),
    "target.full_coverage": gettext_lazy("full coverage"),
    "target.relative": gettext_lazy("not below %(relative_to)s"),
    "target.qualitative": gettext_lazy("qualitative, rated by the evaluators"),
}


DUE_BY_YEAR = ("target.threshold.", "target.approximate", "target.full_coverage")


def number(value: object) -> str:
    """A number as people write it: 95, 12.5, 142.8571, 123456 (at most 4 decimals)."""
    if value is None or value == "":
        return ""
    try:
        amount = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(value)
    if amount.is_integer() and abs(amount) < 1e15:
        return str(int(amount))
    return f"{amount:.4f}".rstrip("0").rstrip(".")


def quantity(value: float | None, unit: str) -> str:
    """A number with its unit as Chinese statistics write it: 12.5/10万, 95%, 78.1岁."""
    if value is None:
        return ""
    if unit.startswith("1/"):  # 1/10万 → 12.5/10万
        return f"{number(value)}{unit[1:]}"
    return f"{number(value)}{unit}"


def target_in_words(target: Target, relative_to: Any = None, children: bool = False) -> str:
    """'2025年达到78.1岁以上' / 'at least 78.1岁 by 2025'.

    ``relative_to`` is the indicator a relative target is compared with (shown by name);
    ``children``: a children's plan's target (its groups are girls and boys).
    """
    code, params = describe_target(target)
    values = {
        "quantity": quantity(target.value if "value" not in params else float(params["value"]),
                             target.unit),
        "tolerance": number(float(params["tolerance"])) if "tolerance" in params else "",
        "group_a": group_label(str(params.get("group_a", "")), children),
        "group_b": group_label(str(params.get("group_b", "")), children),
        "relative_to": (str(relative_to) if relative_to is not None
                        else str(params.get("relative_to", ""))),
    }
    text = str(TARGET_SENTENCES[code]) % values
    if "year" not in params or code == "target.qualitative":
        return text
    if code.startswith(DUE_BY_YEAR):  # a level to reach by the year
        return _("%(target)s by %(year)s") % {"target": text, "year": params["year"]}
    return _("%(target)s (through %(year)s)") % {"target": text, "year": params["year"]}
