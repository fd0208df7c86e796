"""A target in words, in the user's language (the domain gives only codes)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from halfsky.domain.targets import Comparator, Target, TargetKind

GROUP_NAMES = {
    "urban": gettext_lazy("urban"),
    "rural": gettext_lazy("rural"),
    "female": gettext_lazy("women"),
    "male": gettext_lazy("men"),
}

DISAGGREGATION_NAMES = {
    "sex": gettext_lazy("sex"),
    "urban_rural": gettext_lazy("urban/rural"),
    "age_band": gettext_lazy("age band"),
    "township": gettext_lazy("township"),
}


def number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def quantity(value: float | None, unit: str) -> str:
    """A number with its unit as Chinese statistics write it: 12.5/10万, 95%, 78.1岁."""
    if value is None:
        return ""
    if unit.startswith("1/"):  # 1/10万 → 12.5/10万
        return f"{number(value)}{unit[1:]}"
    return f"{number(value)}{unit}"


def _threshold(comparator: Comparator | None, params: dict[str, Any]) -> str:
    phrases = {
        Comparator.GE: _("at least %(quantity)s"),
        Comparator.GT: _("above %(quantity)s"),
        Comparator.LE: _("at most %(quantity)s"),
        Comparator.LT: _("below %(quantity)s"),
        Comparator.EQ: _("equal to %(quantity)s"),
        Comparator.APPROX: _("about %(quantity)s"),
    }
    return phrases.get(comparator or Comparator.GE, phrases[Comparator.GE]) % params


def target_in_words(target: Target, reference: Any = None) -> str:
    """'2025年达到78.1岁以上' / 'at least 78.1岁 by 2025'."""
    params = {"quantity": quantity(target.value, target.unit),
              "tolerance": number(target.tolerance)}
    kind = target.kind
    if kind == TargetKind.THRESHOLD:
        text = _threshold(target.comparator, params)
    elif kind == TargetKind.APPROXIMATE:
        text = _("about %(quantity)s (±%(tolerance)s)") % params
    elif kind == TargetKind.MAINTAIN:
        text = _("every year %(threshold)s") % {"threshold": _threshold(target.comparator, params)}
    elif kind == TargetKind.INCREASE:
        text = _("rises steadily")
    elif kind == TargetKind.DECREASE:
        text = _("falls steadily")
    elif kind == TargetKind.GAP_NARROWS:
        first, second = target.groups or ("", "")
        text = _("gap between %(first)s and %(second)s narrows") % {
            "first": GROUP_NAMES.get(first, first), "second": GROUP_NAMES.get(second, second)}
    elif kind == TargetKind.GROWTH_SLOWS:
        text = _("upward trend slows")
    elif kind == TargetKind.FULL_COVERAGE:
        text = _("full coverage")
    elif kind == TargetKind.RELATIVE:
        name = str(reference) if reference is not None else (target.reference or "")
        text = _("not below %(reference)s") % {"reference": name}
    else:
        text = _("qualitative, rated by the evaluators")
    if target.year and kind != TargetKind.QUALITATIVE:
        text = _("%(target)s by %(year)s") % {"target": text, "year": target.year}
    return text
