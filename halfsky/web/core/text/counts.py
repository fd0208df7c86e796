"""Counted words: "1 goal", "2 goals", "2 项目标" — a number with its noun, singular or plural.

A sentence with several numbers ("Leads or supports 1 goal, 3 measures and 2
indicators.") takes each number counted here, so that every noun agrees with
its own number; a sentence with one number uses ``ngettext`` itself.
"""

from __future__ import annotations

from django.utils.translation import ngettext_lazy

COUNTED = {
    "goal": ngettext_lazy("%(count)s goal", "%(count)s goals", "count"),
    "measure": ngettext_lazy("%(count)s measure", "%(count)s measures", "count"),
    "indicator": ngettext_lazy("%(count)s indicator", "%(count)s indicators", "count"),
    "value": ngettext_lazy("%(count)s value", "%(count)s values", "count"),
    "batch": ngettext_lazy("%(count)s batch", "%(count)s batches", "count"),
    "result": ngettext_lazy("%(count)s result", "%(count)s results", "count"),
    "new_warning": ngettext_lazy("%(count)s new warning", "%(count)s new warnings", "count"),
}


def counted(noun: str, count: int) -> str:
    """``count`` with ``noun`` in the user's language: counted("goal", 1) → "1 goal"."""
    return str(COUNTED[noun] % {"count": count})
