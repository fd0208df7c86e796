"""One line of a plan document: a heading, a marker, a numbered item, a table row or text.

Every published layout is recognised: headings ``一、`` ``（一）…。``
``第一章`` ``第一部分``, Markdown ``#`` and bold lines; the markers
主要目标 and 策略措施 alone, bracketed (``【主要目标】``), numbered
(``（一）主要目标。``) or before the first item (``主要目标：1.…``), in
simplified or traditional characters; items ``1.`` ``1、`` ``1．``
``（1）`` ``(1)`` ``①`` ``1)`` and the damaged ``2•``. Full-width and
half-width punctuation are read alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from halfsky.formats.text import clean_text, cn_to_int, strip_emphasis

_CN_NUM = "[一二三四五六七八九十百零〇两]+"
_DIGITS = "[0-9０-９]"
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^(?:\*\*|__)(?P<inner>.+?)(?:\*\*|__)\s*(?P<colon>[：:]?)\s*$")
_CHAPTER = re.compile(rf"^第\s*(?P<num>{_CN_NUM}|\d+)\s*(?:章|节|篇|部分)\s*[、：:]?\s*(?P<rest>.*)$")
_PAREN_CN = re.compile(rf"^[（(]\s*(?P<num>{_CN_NUM})\s*[)）]\s*[、.．]?\s*(?P<rest>.*)$")
_ENUM_CN = re.compile(rf"^(?P<num>{_CN_NUM})\s*[、．.]\s*(?P<rest>.*)$")
_BULLET = re.compile(r"^[-*+•·]\s+")
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# (style, pattern); "tight" items (a digit right after the dot) are read only in sequence.
_ITEMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dot", re.compile(rf"^(?P<num>{_DIGITS}{{1,3}})\s*\\?[.．•·](?P<tight>(?={_DIGITS}))?\s*(?P<rest>.*)$")),
    ("comma", re.compile(rf"^(?P<num>{_DIGITS}{{1,3}})\s*、\s*(?P<rest>.*)$")),
    ("paren", re.compile(rf"^[（(]\s*(?P<num>{_DIGITS}{{1,3}})\s*[)）]\s*(?P<rest>.*)$")),
    ("half_paren", re.compile(rf"^(?P<num>{_DIGITS}{{1,3}})\s*[)）]\s*(?P<rest>.*)$")),
    ("circled", re.compile(rf"^(?P<num>[{_CIRCLED}])\s*(?P<rest>.*)$")),
)
ITEM_LABELS = {"dot": "{}.", "comma": "{}、", "paren": "（{}）", "half_paren": "{}）",
               "circled": "({})"}
_TRADITIONAL = str.maketrans("標劃綱與婦發會經濟決環兒實測評規項續衛務體農業權", "标划纲与妇发会经济决环儿实测评规项续卫务体农业权")
_GOALS = re.compile(r"^(?:主要|发展)目标(?:和指标|与指标)?$")
_MEASURES = re.compile(r"^(?:策略(?:与|和)?措施|主要措施|工作措施|具体措施|重点任务和策略措施)$")
_BRACKETS = re.compile(r"^[【〔\[「『〖]\s*(?P<inner>[^】〕\]」』〗]+?)\s*[】〕\]」』〗]\s*(?P<rest>.*)$")
_ORGANISATION = re.compile(r"^(?:规划的?)?组织(?:实施|领导|保障)$|^保障措施$")
_MONITORING = re.compile(r"^(?:规划的?)?监测(?:与|和)?评估$")
_APPENDIX = re.compile(r"^附(?:件|表|录)\s*[0-9一二三四五六七八九十]*\s*(?:[：:].{0,30})?$")
_MAX_HEADING_CHARS = 40


def simplified(text: str) -> str:
    """The few traditional characters plan headings use, as simplified ones."""
    return text.translate(_TRADITIONAL)


def _int(raw: str) -> int:
    if raw in _CIRCLED:
        return _CIRCLED.index(raw) + 1
    if re.fullmatch(f"{_DIGITS}+", raw):
        return int(raw.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    return cn_to_int(raw)


@dataclass
class Line:
    """A classified line; ``number`` is its 1-based line in the document."""

    kind: str  # "heading", "marker", "item", "table", "text"
    number: int
    text: str  # the words without label or emphasis (heading, item) or as written (text)
    style: str = ""  # heading: chapter, paren_cn, enum_cn, plain; item: dot, comma …
    level: int | None = None  # Markdown heading level
    label: int | None = None  # heading or item number
    marker: str = ""  # "goals" or "measures"
    tight: bool = False  # an item whose number is followed by a digit: "8.0-6个月"
    cells: tuple[str, ...] = ()

    @property
    def rank(self) -> tuple[str, int | None]:
        return (self.style, self.level if self.style == "plain" else None)


def split_label(text: str) -> tuple[str, int | None, str]:
    """A heading's Chinese label split off: (style, number, rest)."""
    for style, pattern in (("chapter", _CHAPTER), ("paren_cn", _PAREN_CN), ("enum_cn", _ENUM_CN)):
        match = pattern.match(text)
        if match:
            return style, _int(match.group("num")), match.group("rest").strip()
    return "plain", None, text.strip()


def marker_of(text: str) -> tuple[str, str] | None:
    """("goals" | "measures", the words after the marker) when the text is a marker line."""
    bare = simplified(clean_text(strip_emphasis(text)))
    _, _, bare = split_label(bare)
    item = match_item(bare)
    if item is not None and item[0] == "dot":
        bare = item[2]
    bracket = _BRACKETS.match(bare)
    if bracket:
        word, rest = bracket.group("inner").strip().rstrip("：:。"), bracket.group("rest")
    else:
        head = re.match(r"^(?P<word>[^：:。，,\s]{2,12})\s*(?P<mark>[：:。]?)\s*(?P<rest>.*)$", bare)
        if head is None:
            return None
        word, rest = head.group("word"), head.group("rest")
        if rest and not head.group("mark"):
            return None
    for name, pattern in (("goals", _GOALS), ("measures", _MEASURES)):
        if pattern.match(word):
            return name, rest.strip()
    return None


def match_item(text: str) -> tuple[str, int, str, bool] | None:
    """(style, number, rest, tight) of a numbered item line."""
    body = _BULLET.sub("", strip_emphasis(text).strip(), count=1)
    for style, pattern in _ITEMS:
        match = pattern.match(body)
        if match:
            tight = bool(match.groupdict().get("tight") is not None and style == "dot")
            return style, _int(match.group("num")), match.group("rest"), tight
    return None


def is_organisation(text: str) -> bool:
    return bool(_ORGANISATION.match(simplified(text)))


def is_monitoring(text: str) -> bool:
    return bool(_MONITORING.match(simplified(text)))


def _heading(text: str, number: int, level: int | None) -> Line:
    style, label, rest = split_label(clean_text(strip_emphasis(text)))
    rest = rest.rstrip("：:。").strip()
    found = marker_of(text)
    if found is not None and not found[1]:
        return Line("marker", number, rest, marker=found[0])
    return Line("heading", number, rest, style=style, level=level, label=label)


def _short_title(rest: str) -> bool:
    bare = rest.rstrip("：:。").strip()
    return 0 < len(bare) <= _MAX_HEADING_CHARS and not any(c in bare for c in "。！？；!?;，,")


def table_cells(line: str) -> tuple[str, ...] | None:
    """The cells of a ``| a | b |`` row; None for other lines and separator rows."""
    if not (line.startswith("|") and line.endswith("|") and len(line) > 1):
        return None
    cells = tuple(cell.strip() for cell in line[1:-1].split("|"))
    return cells


def classify(raw: str, number: int) -> Line:
    """Classify one non-blank line."""
    line = raw.strip()
    cells = table_cells(line)
    if cells is not None:
        if all(re.fullmatch(r":?-{2,}:?", cell) for cell in cells if cell):
            return Line("table", number, line)  # the separator under a Markdown table's header
        return Line("table", number, line, cells=cells)
    md = _MD_HEADING.match(line)
    if md:
        return _heading(md.group(2), number, len(md.group(1)))
    bold = _BOLD_LINE.match(line)
    if bold and "**" not in bold.group("inner") and match_item(line) is None:
        return _heading(bold.group("inner"), number, None)
    found = marker_of(line)
    if found is not None:
        return Line("marker", number, found[1], marker=found[0])
    item = match_item(line)
    if item is not None:
        style, label, rest, tight = item
        return Line("item", number, rest.strip(), style=style, label=label, tight=tight)
    plain = clean_text(strip_emphasis(line))
    style, _, rest = split_label(plain)
    if style != "plain" and _short_title(rest):
        return _heading(line, number, None)
    if _APPENDIX.match(plain) or is_organisation(plain.rstrip("：:")) or is_monitoring(plain.rstrip("：:")):
        return _heading(line, number, None)
    return Line("text", number, line)
