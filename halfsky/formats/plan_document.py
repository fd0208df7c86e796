"""Read the structure of a plan document (Markdown or plain text from a PDF).

A women's development plan is published as a PDF; converted to Markdown or
text it keeps its structure — numbered domains (领域), each with a list of
main goals (主要目标) and strategy measures (策略措施), followed by the
organisational sections 组织实施 and 监测评估 — but the conversion breaks
lines at page and line ends, adds spaces around numbers and scatters
emphasis marks. :func:`parse_plan_document` recovers the structure and the
texts as the official document reads them.

No heading or numbering style is assumed: headings may be Markdown ``#``
headings of any level, bold lines, ``第X章``, ``（一）`` or ``一、``; list
items may be ``1.``, ``1、``, ``1．``, ``（1）`` or ``- 1.``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from halfsky.domain.errors import CodedError
from halfsky.formats.text import (
    clean_text,
    cn_to_int,
    ends_sentence,
    join_lines,
    strip_emphasis,
)


class PlanDocumentError(CodedError, ValueError):
    """The text is not a plan document this parser understands.

    ``code`` is a message code (``plan_document.no_domains`` …), translated
    at the edge; ``params`` fills the message.
    """

    def __str__(self) -> str:
        return self.describe()


@dataclass(frozen=True)
class NumberedText:
    """A numbered goal or measure as the document words it."""

    number: int
    text: str


@dataclass(frozen=True)
class DocumentDomain:
    """One development area of the document, e.g. （一）妇女与健康."""

    number: int
    name: str
    goals: tuple[NumberedText, ...] = ()
    measures: tuple[NumberedText, ...] = ()


@dataclass(frozen=True)
class PlanDocument:
    title: str
    domains: tuple[DocumentDomain, ...]
    organisation_text: str = ""  # 组织实施, paragraphs separated by "\n"
    monitoring_text: str = ""  # 监测评估, paragraphs separated by "\n"


# --------------------------------------------------------------------------
# Line patterns

_CN_NUM = "[一二三四五六七八九十百零〇两]+"
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^(?:\*\*|__)(?P<inner>.+?)(?:\*\*|__)\s*(?P<colon>[：:]?)\s*$")
_CHAPTER = re.compile(rf"^第\s*(?P<num>{_CN_NUM}|\d+)\s*[章节篇部分]\s*(?P<rest>.*)$")
_PAREN_CN = re.compile(rf"^[（(]\s*(?P<num>{_CN_NUM})\s*[)）]\s*(?P<rest>.*)$")
_ENUM_CN = re.compile(rf"^(?P<num>{_CN_NUM})\s*[、．.]\s*(?P<rest>.*)$")
_BULLET = re.compile(r"^[-*+•·]\s+")
# Items: "1." "1\." (escaped by converters) "1．" "1、" "（1）" "(1)" "1)"
_ITEM_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("dot", re.compile(r"^(?P<num>\d{1,3})\s*\\?[.．](?!\d)\s*(?P<rest>.*)$")),
    ("comma", re.compile(r"^(?P<num>\d{1,3})\s*、\s*(?P<rest>.*)$")),
    ("paren", re.compile(r"^[（(]\s*(?P<num>\d{1,3})\s*[)）]\s*(?P<rest>.*)$")),
    ("half_paren", re.compile(r"^(?P<num>\d{1,3})\s*[)）]\s*(?P<rest>.*)$")),
)
_ITEM_LABELS = {"dot": "{}.", "comma": "{}、", "paren": "（{}）", "half_paren": "{}）"}
_MARKERS = {"主要目标": "goals", "策略措施": "measures"}
_MARKER = re.compile(r"^(?P<word>主要目标|策略措施)\s*[：:]?$")
_ORGANISATION = re.compile(r"^(?:规划的?)?组织实施$")
_MONITORING = re.compile(r"^(?:规划的?)?监测(?:与|和)?评估$")
# A labelled line is a heading only if what follows the label is short and
# not a sentence; "（一）坚持党的全面领导。坚持以…" is body text.
_MAX_HEADING_CHARS = 40


@dataclass
class _Heading:
    text: str  # without label, emphasis or trailing colon
    level: int | None  # Markdown level, None when not a Markdown heading
    style: str  # "chapter", "paren_cn", "enum_cn", "plain"
    number: int | None

    @property
    def rank(self) -> tuple[str, int | None]:
        return (self.style, self.level if self.style == "plain" else None)


@dataclass
class _Block:
    kind: str  # "heading", "item", "text"
    lines: list[str] = field(default_factory=list)
    heading: _Heading | None = None
    number: int = 0
    item_style: str = ""

    @property
    def text(self) -> str:
        return clean_text(join_lines(self.lines))

    @property
    def label(self) -> str:
        """An item's number as the document writes it ("1.", "（1）"); empty for text."""
        if self.kind != "item":
            return ""
        return _ITEM_LABELS[self.item_style].format(self.number)


def _split_label(text: str) -> tuple[str, int | None, str]:
    """Split a heading's Chinese label off: (style, number, rest)."""
    for style, pattern in (("chapter", _CHAPTER), ("paren_cn", _PAREN_CN), ("enum_cn", _ENUM_CN)):
        match = pattern.match(text)
        if match:
            raw = match.group("num")
            number = int(raw) if raw.isdigit() else cn_to_int(raw)
            return style, number, match.group("rest").strip()
    return "plain", None, text.strip()


def _heading_from(text: str, level: int | None) -> _Heading:
    style, number, rest = _split_label(clean_text(strip_emphasis(text)))
    rest = rest.rstrip("：:").strip()
    return _Heading(text=rest, level=level, style=style, number=number)


def _match_item(line: str) -> tuple[str, int, str] | None:
    body = _BULLET.sub("", strip_emphasis(line).strip(), count=1)
    for style, pattern in _ITEM_PATTERNS:
        match = pattern.match(body)
        if match:
            return style, int(match.group("num")), match.group("rest")
    return None


def _is_short_title(rest: str) -> bool:
    bare = rest.rstrip("：:").strip()
    return 0 < len(bare) <= _MAX_HEADING_CHARS and not any(c in bare for c in "。！？；!?;")


def _is_title(text: str) -> bool:
    """A document's short first line that is not a sentence reads as its title."""
    return 0 < len(text) <= _MAX_HEADING_CHARS and not ends_sentence(text)


def _classify(line: str) -> _Block:
    """Classify one non-blank line as a heading, an item or body text."""
    md = _MD_HEADING.match(line)
    if md:
        return _Block("heading", heading=_heading_from(md.group(2), len(md.group(1))))
    bold = _BOLD_LINE.match(line)
    if bold and "**" not in bold.group("inner") and _match_item(line) is None:
        return _Block("heading", heading=_heading_from(bold.group("inner"), None))
    item = _match_item(line)
    if item is not None:
        style, number, rest = item
        return _Block("item", lines=[rest], number=number, item_style=style)
    plain = clean_text(strip_emphasis(line))
    style, _, rest = _split_label(plain)
    if (style != "plain" and _is_short_title(rest)) or _MARKER.match(plain):
        return _Block("heading", heading=_heading_from(line, None))
    return _Block("text", lines=[line])


def _blocks(text: str) -> list[_Block]:
    """Cut the text into headings, items and paragraphs, re-joining broken text.

    Lines without a blank line between them belong together (a hard line
    break); a paragraph that does not end a sentence continues into the
    next paragraph unless that one is a heading or a new numbered item.
    """
    blocks: list[_Block] = []
    previous_blank = True
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = raw.rstrip().removesuffix("\\").rstrip()
        if not line.strip():
            previous_blank = True
            continue
        block = _classify(line.strip())
        if not blocks and block.kind == "text" and _is_title(block.text):
            block = _Block("heading", heading=_heading_from(line, None))
        last = blocks[-1] if blocks else None
        if block.kind == "text" and last is not None and last.kind != "heading":
            if not previous_blank or not ends_sentence(last.text):
                last.lines.append(line.strip())
                previous_blank = False
                continue
        blocks.append(block)
        previous_blank = False
    return blocks


# --------------------------------------------------------------------------
# Structure


@dataclass
class _DomainBuilder:
    heading: _Heading
    goals: list[NumberedText] = field(default_factory=list)
    measures: list[NumberedText] = field(default_factory=list)


def _section_end(blocks: list[_Block], start: int) -> int:
    """Index of the first heading after ``start`` that closes its section."""
    own = blocks[start].heading
    assert own is not None
    for index in range(start + 1, len(blocks)):
        other = blocks[index].heading
        if other is None:
            continue
        if (
            other.rank == own.rank
            or _ORGANISATION.match(other.text)
            or _MONITORING.match(other.text)
        ):
            return index
        if own.style == "plain" and other.style == "plain" and own.level and other.level:
            if other.level <= own.level:
                return index
    return len(blocks)


def _section_text(blocks: list[_Block], pattern: re.Pattern[str]) -> str:
    for index, block in enumerate(blocks):
        if block.heading is not None and pattern.match(block.heading.text):
            end = _section_end(blocks, index)
            parts = []
            for inner in blocks[index + 1 : end]:
                if inner.heading is not None:
                    parts.append(inner.heading.text)
                else:
                    parts.append(inner.label + inner.text)
            return "\n".join(part for part in parts if part)
    return ""


def _add_item(builder: _DomainBuilder, section: str, number: int, text: str) -> None:
    items = builder.goals if section == "goals" else builder.measures
    if any(item.number == number for item in items):
        raise PlanDocumentError(
            "plan_document.duplicate_number",
            domain=builder.heading.text,
            section=section,
            number=number,
        )
    items.append(NumberedText(number, text))


def _domains(blocks: list[_Block]) -> list[_DomainBuilder]:
    domains: list[_DomainBuilder] = []
    candidate: _Heading | None = None  # the last heading that is not a marker
    current: _DomainBuilder | None = None
    section = ""  # "goals", "measures" or "" outside the lists
    item_style = ""  # the numbering style of the current list
    open_item: tuple[int, list[str]] | None = None

    def flush() -> None:
        nonlocal open_item
        if open_item is not None and current is not None:
            number, texts = open_item
            _add_item(current, section, number, "".join(texts))
        open_item = None

    for block in blocks:
        heading = block.heading
        if heading is not None:
            flush()
            marker = _MARKER.match(heading.text)
            if marker is None:
                candidate, current, section = heading, None, ""
                continue
            if current is None:  # the first marker after a heading opens a domain
                if candidate is None:
                    raise PlanDocumentError("plan_document.marker_without_domain")
                current = _DomainBuilder(candidate)
                domains.append(current)
            section, item_style = _MARKERS[marker.group("word")], ""
            continue
        if current is None or not section:
            continue
        if block.kind == "item" and item_style in ("", block.item_style):
            flush()
            item_style = block.item_style
            open_item = (block.number, [block.text])
        elif open_item is not None:
            # A sub-list in another numbering style, or a further paragraph,
            # belongs to the open item.
            open_item[1].append(block.label + block.text)
    flush()
    return domains


def _title(first: _Block) -> str:
    """The document's title: its first line, if that is an unnumbered heading."""
    if first.heading is not None:
        plain = first.heading.style == "plain" and not _MARKER.match(first.heading.text)
        return first.heading.text if plain else ""
    return ""


def parse_plan_document(text: str) -> PlanDocument:
    """Parse a converted plan document into its domains, goals and measures."""
    if not text.strip():
        raise PlanDocumentError("plan_document.empty")
    blocks = _blocks(text)
    builders = _domains(blocks)
    if not builders:
        raise PlanDocumentError("plan_document.no_domains")
    domains = []
    for number, builder in enumerate(builders, start=1):
        if not builder.goals:
            raise PlanDocumentError("plan_document.no_goals", domain=builder.heading.text)
        domains.append(
            DocumentDomain(
                number=number,
                name=builder.heading.text,
                goals=tuple(builder.goals),
                measures=tuple(builder.measures),
            )
        )
    title = _title(blocks[0]) if blocks else ""
    return PlanDocument(
        title=title,
        domains=tuple(domains),
        organisation_text=_section_text(blocks, _ORGANISATION),
        monitoring_text=_section_text(blocks, _MONITORING),
    )


def read_plan_document(path: str | Path) -> PlanDocument:
    """Read and parse a plan document file (UTF-8, with or without a BOM)."""
    return parse_plan_document(Path(path).read_text(encoding="utf-8-sig"))
