"""The plan's title, period and region, read from its title.

The title is the document's title line ("吉县妇女发展规划（2021—2025年）"),
never a goal line. The period comes from the title ("（2021—2030年）",
"“十四五”", "2026-2030"), else from the years the goals name. The region
is the most specific unit of the GB/T 2260 list
(``halfsky/data/regions/``) that the title names before 妇女/儿童.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from halfsky.domain.plan import Area, AreaLevel
from halfsky.formats.text import cn_to_int

REGIONS_FILE = "gbt2260-2023.txt"
_RANGE = re.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[—–\-－~～至到]+\s*((?:19|20)\d{2})\s*年?")
_FIVE_YEAR = re.compile(r"十([一二三四五六七八九]?)五")
_REGION = re.compile(r"^(?P<region>.+?)(?:妇女儿童|妇女|儿童|婦女)(?:发展|事业|發展)")
_LEVELS = {"province": AreaLevel.PROVINCE, "city": AreaLevel.CITY, "county": AreaLevel.COUNTY}
_PROVINCE_SUFFIX = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")


def find_period(title: str, text: str) -> tuple[int, int] | None:
    """The plan period from the title, else the year most goals name."""
    match = _RANGE.search(title)
    if match and int(match.group(1)) < int(match.group(2)):
        return int(match.group(1)), int(match.group(2))
    five = _FIVE_YEAR.search(title)
    if five:
        nth = 10 + (cn_to_int(five.group(1)) if five.group(1) else 0)
        start = 1966 + 5 * (nth - 3)  # the 3rd five-year plan ran 1966–1970
        return start, start + 4
    years = [int(y) for y in re.findall(r"到\s*((?:19|20)\d{2})\s*年", text)]
    if years:
        end = max(set(years), key=years.count)
        return end - 4, end
    return None


@cache
def regions() -> dict[str, tuple[str, str]]:
    """Code → (name, level) of every unit in the shipped GB/T 2260 list."""
    data = resources.files("halfsky").joinpath("data", "regions", REGIONS_FILE).read_text("utf-8")
    found: dict[str, tuple[str, str]] = {}
    for line in data.splitlines():
        parts = line.split()
        if len(parts) != 2 or line.startswith("#"):
            continue
        code, name = parts
        level = "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"
        found[code] = (name, level)
    return found


@cache
def _names() -> list[tuple[str, str]]:
    """(name, code), the longest names first; provinces also by their short name (山西)."""
    pairs = [(name, code) for code, (name, _) in regions().items()]
    pairs += [(_PROVINCE_SUFFIX.sub("", name), code) for code, (name, level) in regions().items()
              if level == "province" and len(_PROVINCE_SUFFIX.sub("", name)) >= 2]
    return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)


def _chain(code: str) -> tuple[Area, ...]:
    known = regions()
    codes = [code[:2] + "0000", code[:4] + "00", code]
    areas: list[Area] = []
    for each in dict.fromkeys(codes):
        if each in known:
            name, level = known[each]
            areas.append(Area(each, name, _LEVELS[level], areas[-1].code if areas else None))
    return tuple(areas)


def region_in(words: str) -> tuple[str, str] | None:
    """(name, code) of the most specific unit the words name, consistent with its parents."""
    found: list[tuple[int, str, str]] = []  # (position, name, code)
    taken = [False] * len(words)
    codes_of: dict[str, list[str]] = {}  # a name several units share (南山区) keeps them all
    for name, code in _names():
        codes_of.setdefault(name, []).append(code)
    for name, same_name in codes_of.items():
        start = words.find(name)
        while start >= 0 and any(taken[start : start + len(name)]):
            start = words.find(name, start + 1)
        if start >= 0:
            found.extend((start, name, code) for code in same_name)
            for index in range(start, start + len(name)):
                taken[index] = True
    if not found:
        return None
    codes = {code for _, _, code in found}

    def fits(code: str) -> int:  # how many of its parents the words also name
        return sum(parent in codes for parent in (code[:2] + "0000", code[:4] + "00"))

    best = max(found, key=lambda item: (_depth(item[2]), fits(item[2]), -item[0]))
    return best[1], best[2]


def _depth(code: str) -> int:
    return 0 if code.endswith("0000") else 1 if code.endswith("00") else 2


def region_of(title: str, code: str | None) -> tuple[str, str, tuple[Area, ...], bool]:
    """(name, code, areas, known) of the plan's region; code None when it is not known."""
    bare = re.sub(r"[“”\"《》「」]", "", title)
    match = _REGION.match(bare)
    words = match.group("region") if match else bare
    found = region_in(words)
    name = found[0] if found else (match.group("region") if match else "")
    if code:
        return name, code, (), True
    if found:
        return found[0], found[1], _chain(found[1]), True
    return name, "", (), False
