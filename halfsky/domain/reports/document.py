"""The laid-out report: sections, paragraphs, tables and charts, every text a message.

Each report model (annual, evaluation) lays itself out as a ``Document``;
the Word renderer draws any ``Document`` in the official look, so the
outline of a report is decided here, in the domain, and tested without
Word. Section numbers are numbers: the renderer writes them the language's
way (一、 （一） in Chinese).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from halfsky.domain.reports.messages import Message, Text, text_codes

ALIGNMENTS = ("left", "center", "right")


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; ``style`` is ``body`` (indented first line), ``item`` (a
    numbered or labelled item, same look) or ``note`` (smaller, below a table)."""

    text: Text
    style: str = "body"


@dataclass(frozen=True)
class Table:
    """A table with one header row; ``widths`` are relative column widths.

    Cells are texts; numbers come formatted. ``align`` gives each column's
    alignment (``ALIGNMENTS``).
    """

    caption: Text
    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    widths: tuple[float, ...]
    align: tuple[str, ...]
    note: Text = ""

    def __post_init__(self) -> None:
        size = len(self.header)
        if len(self.widths) != size or len(self.align) != size:
            raise ValueError("a table needs a width and an alignment per column")
        if any(len(row) != size for row in self.rows):
            raise ValueError("every row of a table needs a cell per column")
        if any(a not in ALIGNMENTS for a in self.align):
            raise ValueError("unknown alignment")


@dataclass(frozen=True)
class ChartPanel:
    """One indicator in a chart: its values by year and its target level, if any."""

    code: str
    name: str
    unit: str
    years: tuple[int, ...]
    values: tuple[float | None, ...]
    target: float | None = None
    decimals: int = 1


@dataclass(frozen=True)
class Chart:
    """A figure of small panels, one per indicator; ``caption`` is printed below it."""

    key: str
    caption: Text
    panels: tuple[ChartPanel, ...]


Block = Paragraph | Table | Chart


@dataclass(frozen=True)
class Section:
    """A heading with its blocks and subsections.

    ``number`` is the section's number at its level (None: unnumbered, as the
    appendix); ``key`` names the section for code and tests (``overall``,
    ``domain.health``, ``appendix``).
    """

    key: str
    heading: Text
    number: int | None = None
    blocks: tuple[Block, ...] = ()
    subsections: tuple[Section, ...] = ()

    def walk(self, level: int = 1) -> Iterator[tuple[int, Section]]:
        yield level, self
        for sub in self.subsections:
            yield from sub.walk(level + 1)


@dataclass(frozen=True)
class Document:
    """A whole report: title block and sections (the appendix is a section too)."""

    kind: str  # annual | midterm | final
    title: Text
    subtitle: tuple[Text, ...] = ()
    notice: Text = ""  # the sample-data mark, when the data include sample values
    sections: tuple[Section, ...] = ()

    def outline(self) -> list[tuple[int, str, int | None]]:
        """(level, key, number) of every section in order."""
        return [(level, s.key, s.number) for top in self.sections for level, s in top.walk()]

    def blocks(self) -> Iterator[Block]:
        for top in self.sections:
            for _level, section in top.walk():
                yield from section.blocks

    def charts(self) -> list[Chart]:
        return [block for block in self.blocks() if isinstance(block, Chart)]

    def codes(self) -> set[str]:
        """Every phrase code the document needs."""
        texts: list[Text] = [self.title, *self.subtitle, self.notice]
        for top in self.sections:
            for _level, section in top.walk():
                texts.append(section.heading)
                for block in section.blocks:
                    texts.extend(_block_texts(block))
        return {code for text in texts for code in text_codes(text)}


def _block_texts(block: Block) -> list[Text]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Table):
        return [block.caption, *block.header, *(c for row in block.rows for c in row), block.note]
    return [block.caption]


def paragraphs(text: str, style: str = "body") -> tuple[Paragraph, ...]:
    """Editable text as paragraphs: one per non-empty line."""
    return tuple(Paragraph(line.strip(), style) for line in text.splitlines() if line.strip())


def missing_text() -> Paragraph:
    return Paragraph(Message("report.text_missing"))
