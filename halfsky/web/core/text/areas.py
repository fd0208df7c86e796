"""Words for the level of the areas a page compares: a county's townships (乡镇), a
province's cities (市), a city's counties and districts (县（市、区）).

The level is the areas' own (``Area.level``, set from the GB/T 2260 code: province, city,
county; townships below); areas of mixed levels are named as areas (下级地区)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MIXED = ""  # areas of more than one level, or none

# A page's title and its tab: 乡镇比较, 各市比较 …
COMPARISON = {
    "province": _("Province comparison"),
    "city": _("City comparison"),
    "county": _("County comparison"),
    "township": _("Township comparison"),
    MIXED: _("Comparison of areas"),
}
# A table's column over one area of the level.
SINGULAR = {
    "province": pgettext_lazy("area level", "Province"),
    "city": pgettext_lazy("area level", "City"),
    "county": pgettext_lazy("area level", "County or district"),
    "township": _("Township"),
    MIXED: _("Area"),
}
# A toggle, a caption: the areas of the level.
PLURAL = {
    "province": _("Provinces"),
    "city": _("Cities"),
    "county": _("Counties and districts"),
    "township": _("Townships"),
    MIXED: _("Areas"),
}
# Inside a sentence: 'the values of the cities of 山西省'.
IN_SENTENCE = {
    "province": pgettext_lazy("in a sentence", "provinces"),
    "city": pgettext_lazy("in a sentence", "cities"),
    "county": pgettext_lazy("in a sentence", "counties and districts"),
    "township": pgettext_lazy("in a sentence", "townships"),
    MIXED: pgettext_lazy("in a sentence", "areas"),
}


def common_level(levels: Iterable[str]) -> str:
    """The one level of some areas ('city'); ``MIXED`` for several levels, or none."""
    found = set(levels)
    return found.pop() if len(found) == 1 else MIXED


def level_words(level: str) -> dict[str, str]:
    """The words of one level of areas, by use: ``comparison`` (乡镇比较), ``singular``
    (the table's column), ``plural`` (a toggle), ``in_sentence``."""
    level = level if level in COMPARISON else MIXED
    return {"level": level, "comparison": str(COMPARISON[level]),
            "singular": str(SINGULAR[level]), "plural": str(PLURAL[level]),
            "in_sentence": str(IN_SENTENCE[level])}
