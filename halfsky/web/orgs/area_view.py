"""Which areas a page about one indicator shows: an area of the plan's region (the region
itself unless ``?area=<code>`` names one below it) with its breakdowns, and that area's
direct children with their totals.

A province-wide plan has 128 cities and counties; its indicator page shows the province
and its 11 cities, and each city's page (``?area=``) its counties — never every area at
once. For a county plan this is the county and its townships, as before. Two queries
whatever the size: the named area with its ancestors (one join), and its children.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404

from halfsky.web.core.text.areas import common_level, level_words
from halfsky.web.orgs.models import Area

# Nation → province → city → county → township: an area is at most this far below a region.
DEPTH = 4


@dataclass
class AreaView:
    region: Area  # the plan's region
    focus: Area  # the area shown with its breakdowns
    children: list[Area] = field(default_factory=list)  # shown with their totals
    trail: list[Area] = field(default_factory=list)  # the region … the focus's parent
    choices: list[Area] | None = None  # the children the chooser offers (None: all)

    @property
    def offered(self) -> list[Area]:
        return self.children if self.choices is None else self.choices

    @property
    def ids(self) -> list[int]:
        return [self.focus.pk] + [child.pk for child in self.children]

    @property
    def is_region(self) -> bool:
        return self.focus.pk == self.region.pk

    @property
    def query(self) -> str:
        """The address suffix that keeps this choice (empty for the region)."""
        return "" if self.is_region else f"area={self.focus.code}"

    @property
    def children_words(self) -> dict[str, str]:
        """The words of the children's level: 乡镇 below a county, 市 below a province, 县
        (市、区) below a city; areas of mixed levels are 地区."""
        return level_words(common_level(c.level for c in self.children))


def children_words(area: Area) -> dict[str, str]:
    """The words of the level of ``area``'s direct children (one query)."""
    return level_words(common_level(
        Area.objects.filter(parent=area).values_list("level", flat=True).distinct()))


def area_view(region: Area, code: str | None, *, compared: bool = False) -> AreaView:
    """The region, or the area ``code`` below it (404 for any other area). ``compared``:
    a page comparing the focus's children offers only the children that have areas below
    them (a township has nothing to compare)."""
    if not code or code == region.code:
        focus, trail = region, []
    else:
        related = "__".join(["parent"] * DEPTH)
        focus = Area.objects.select_related(related).filter(code=code).first()
        if focus is None:
            raise Http404(code)
        trail = []
        above = focus.parent
        for _level in range(DEPTH):
            if above is None:
                break
            trail.insert(0, above)
            if above.pk == region.pk:
                break
            above = above.parent
        if not trail or trail[0].pk != region.pk:
            raise Http404(code)  # not inside the plan's region
    children = list(Area.objects.filter(parent=focus).order_by("code"))
    choices = None
    if compared:
        parents = set(Area.objects.filter(parent__in=children).values_list("parent_id",
                                                                           flat=True))
        choices = [child for child in children if child.pk in parents]
    return AreaView(region, focus, children, trail, choices)
