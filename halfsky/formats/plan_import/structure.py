"""The structure of a published plan: title, domains, goals, measures, tables.

Lines are classified by :mod:`.lines`; broken lines are re-joined into
paragraphs; domains are the headings a 主要目标 marker follows. Items are
read in sequence: ``8.0-6个月…`` after goal 7 is goal 8, a list that starts
again at 1 after the goals (with no 策略措施 marker) is the measures, and
an item in another numbering style (``（1）`` inside ``1.``, ``——``) stays
inside the item it follows. A repeated number is a :class:`Problem`, not a
refusal. Table rows (``| a | b |``, and the whitespace columns of a PDF's
responsibility table) are collected for :mod:`.tables`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from halfsky.formats.plan_import.departments import looks_like_departments
from halfsky.formats.plan_import.lines import (
    ITEM_LABELS,
    Line,
    classify,
    is_monitoring,
    is_organisation,
)
from halfsky.formats.plan_import.problems import Problem
from halfsky.formats.text import clean_text, ends_sentence, join_lines

_TITLE_WORDS = re.compile(r"规划|纲要|计划|規劃|綱要")
_PERIOD_LINE = re.compile(r"^[（(]\s*(?:19|20)\d{2}\s*[—–\-－~～至到]+\s*(?:19|20)\d{2}\s*年?\s*[)）]$")
_PDF_TABLE_HEADER = re.compile(r"牵头(?:单位|部门)|責任單位|责任单位")


@dataclass
class Item:
    number: int
    text: str
    line: int


@dataclass
class FoundDomain:
    number: int
    name: str
    line: int
    goals: list[Item] = field(default_factory=list)
    measures: list[Item] = field(default_factory=list)
    goals_text: str = ""  # a lead-in paragraph of the goals
    measures_text: str = ""  # a lead-in paragraph of the measures


@dataclass(frozen=True)
class Table:
    line: int
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...] = ()  # the line of each row

    def row_line(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


@dataclass
class Structure:
    title: str
    domains: list[FoundDomain]
    organisation_text: str = ""
    monitoring_text: str = ""
    tables: list[Table] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class _Block:
    line: Line
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return clean_text(join_lines(self.parts))

    @property
    def labelled(self) -> str:
        """The item with its number as written, for an item kept inside another."""
        if self.line.kind != "item" or self.line.label is None:
            return self.text
        return ITEM_LABELS[self.line.style].format(self.line.label) + self.text


def _blocks(text: str) -> tuple[list[_Block], list[Table]]:
    blocks: list[_Block] = []
    tables: list[Table] = []
    rows: list[tuple[str, ...]] = []
    row_lines: list[int] = []
    table_start, pdf_columns = 0, 0
    previous_blank = True
    for index, raw in enumerate(text.split("\n"), start=1):
        line_text = raw.rstrip().removesuffix("\\").rstrip()
        if not line_text.strip():
            previous_blank = True
            continue
        line = classify(line_text, index)
        if pdf_columns and line.kind == "text":
            line = _pdf_row(line, rows, pdf_columns)
        elif line.kind == "text" and _PDF_TABLE_HEADER.search(line.text) and len(line.text.split()) >= 2:
            pdf_columns = len(line.text.split())
            line = Line("table", index, line.text, cells=tuple(line.text.split()))
        elif line.kind != "table":
            pdf_columns = 0
        if line.kind == "table":
            if not rows:
                table_start = index
            if line.cells:
                rows.append(line.cells)
                row_lines.append(index)
            previous_blank = False
            continue
        if rows:
            tables.append(Table(table_start, tuple(rows), tuple(row_lines)))
            rows, row_lines = [], []
        pending = [line]
        if line.kind == "marker" and line.text:  # "主要目标：1.…": the marker, then the item
            pending = [Line("marker", index, "", marker=line.marker), classify(line.text, index)]
        for part in pending:
            _add_block(blocks, part, previous_blank)
        previous_blank = False
    if rows:
        tables.append(Table(table_start, tuple(rows), tuple(row_lines)))
    return blocks, tables


def _pdf_row(line: Line, rows: list[tuple[str, ...]], columns: int) -> Line:
    """A line of a PDF's responsibility table: the last columns are department lists."""
    tokens = line.text.split()
    departments = 0
    while departments < min(2, len(tokens) - 1) and looks_like_departments(tokens[-1 - departments]):
        departments += 1
    if departments:
        head = tokens[: len(tokens) - departments]
        number = head[0] if head and re.fullmatch(r"\d{1,3}[.、．]?", head[0]) else ""
        words = "".join(head[1:] if number else head)
        cells = ((number.rstrip(".、．"),) if columns > departments + 1 else ()) + (words,)
        return Line("table", line.number, line.text, cells=cells + tuple(tokens[-departments:]))
    if rows:  # a goal's words wrapped onto the next line
        last = list(rows[-1])
        position = 1 if len(last) > 3 else 0
        last[position] += "".join(tokens)
        rows[-1] = tuple(last)
        return Line("table", line.number, line.text)
    return line


def _add_block(blocks: list[_Block], line: Line, previous_blank: bool) -> None:
    if not blocks and line.kind == "text" and len(line.text) <= 60 and not ends_sentence(line.text):
        line = Line("heading", line.number, clean_text(line.text), style="plain")
    last = blocks[-1] if blocks else None
    if line.kind == "text" and last is not None and last.line.kind in ("item", "text"):
        if not previous_blank or not ends_sentence(last.text):
            last.parts.append(line.text)
            return
    if (line.kind in ("heading", "text") and last is not None and last.line.kind == "heading"
            and _PERIOD_LINE.match(clean_text(line.text))):
        last.line.text += line.text  # a title's period on a line of its own
        return
    blocks.append(_Block(line, [line.text] if line.kind in ("item", "text") else []))


class _Reader:
    """Walks the blocks and builds the domains."""

    def __init__(self) -> None:
        self.domains: list[FoundDomain] = []
        self.problems: list[Problem] = []
        self.candidate: Line | None = None
        self.current: FoundDomain | None = None
        self.section = ""  # "goals", "measures"
        self.style = ""
        self.open: tuple[Item, list[str]] | None = None

    def flush(self) -> None:
        if self.open is not None and self.current is not None:
            item, parts = self.open
            item.text = "".join(parts)
            self.items().append(item)
        self.open = None

    def items(self) -> list[Item]:
        assert self.current is not None
        return self.current.goals if self.section == "goals" else self.current.measures

    def expected(self) -> int:
        items = self.items()
        last = self.open[0].number if self.open is not None else (items[-1].number if items else 0)
        return last + 1

    def heading(self, line: Line) -> None:
        self.flush()
        self.candidate, self.current, self.section = line, None, ""

    def marker(self, line: Line) -> None:
        self.flush()
        if self.current is None:
            if self.candidate is None:
                return
            self.current = FoundDomain(len(self.domains) + 1, self.candidate.text, self.candidate.number)
            self.domains.append(self.current)
        self.section, self.style = line.marker, ""

    def item(self, block: _Block) -> None:
        line = block.line
        if self.style and line.style != self.style:
            self.text(block, labelled=True)  # a sub-list inside the open item
            return
        expected, number = self.expected(), line.label or 0
        if line.tight and number != expected:
            self.text(block, labelled=True)  # "12.5/10万以内" continuing a broken line
            return
        if number == 1 and expected > 1 and self.section == "goals":
            self.flush()  # the numbering starts again: the measures follow the goals
            self.section = "measures"
        elif number < expected and self.open is not None:
            assert self.current is not None
            self.problems.append(Problem(
                "duplicate_number", line.number, block.text, self.current.name,
                "goal" if self.section == "goals" else "measure", number,
                {"number": number, "previous": expected - 1},
            ))
            self.open[1].append(block.text)
            return
        self.flush()
        self.style = line.style
        self.open = (Item(number, "", line.number), [block.text])

    def text(self, block: _Block, *, labelled: bool = False) -> None:
        words = block.labelled if labelled else block.text
        if self.open is not None:
            self.open[1].append(words)
        elif self.current is not None:
            attribute = "goals_text" if self.section == "goals" else "measures_text"
            before = getattr(self.current, attribute)
            setattr(self.current, attribute, (before + "\n" + words).strip())

    def read(self, blocks: list[_Block]) -> None:
        for block in blocks:
            kind = block.line.kind
            if kind == "heading":
                self.heading(block.line)
            elif kind == "marker":
                self.marker(block.line)
            elif self.current is None or not self.section:
                continue
            elif kind == "item":
                self.item(block)
            else:
                self.text(block)
        self.flush()


def _section_text(blocks: list[_Block], test: object) -> str:
    for index, block in enumerate(blocks):
        line = block.line
        if line.kind != "heading" or not test(line.text):  # type: ignore[operator]
            continue
        parts = []
        for inner in blocks[index + 1 :]:
            other = inner.line
            if other.kind == "heading" and (
                other.rank == line.rank or is_organisation(other.text) or is_monitoring(other.text)
                or (line.level and other.level and other.level <= line.level)
            ):
                break
            parts.append(inner.line.text if other.kind in ("heading", "marker") else inner.labelled)
        return "\n".join(part for part in parts if part)
    return ""


def _title(blocks: list[_Block]) -> str:
    for block in blocks[:30]:
        words = block.line.text if block.line.kind == "heading" else ""
        if words and _TITLE_WORDS.search(words) and len(words) <= 60 and block.line.style == "plain":
            return words
    first = blocks[0].line if blocks else None
    if first is not None and first.kind == "heading" and first.style == "plain":
        return first.text
    return ""


def read_structure(text: str) -> Structure:
    """The plan's structure; domains without goals are kept and reported."""
    blocks, tables = _blocks(text)
    reader = _Reader()
    reader.read(blocks)
    for domain in reader.domains:
        if not domain.goals:
            reader.problems.append(Problem("no_goals", domain.line, domain.name, domain.name))
    return Structure(
        title=_title(blocks), domains=reader.domains,
        organisation_text=_section_text(blocks, is_organisation),
        monitoring_text=_section_text(blocks, is_monitoring),
        tables=tables, problems=reader.problems,
    )
