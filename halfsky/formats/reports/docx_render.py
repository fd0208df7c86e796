"""A report as a Word file (.docx) in the official look (see ``docx_style``).

``render_docx(model, phrases, font_path=...)`` takes an annual or evaluation
report (or any laid-out ``Document``) and the caller's phrases, and returns
the ``.docx`` bytes. Headings are Word headings (the navigation pane shows
the outline), numbered the way the phrases say (``heading.1`` "{cn}、{title}"
gives 一、; ``heading.2`` "（{cn}）{title}" gives （一）). Tables are exactly as
wide as the 版心 with fixed column widths and a repeated header row; charts
are PNGs drawn with the packaged font (``font_path``), which a document with
charts needs.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from copy import deepcopy
from pathlib import Path
from typing import Protocol

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Emu, Length, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from halfsky.domain.reports.document import Block, Chart, Document, Paragraph, Section, Table
from halfsky.domain.reports.messages import Text
from halfsky.formats.reports.chart_cache import PROCESS_CACHE, ChartCache
from halfsky.formats.reports.charts import ChartFontError, render_chart_png
from halfsky.formats.reports.docx_style import (
    TABLE_ALIGN,
    TEXT_WIDTH,
    add_alt_names,
    add_page_numbers,
    fixed_table_layout,
    repeat_header,
    set_up_page,
    set_up_styles,
)
from halfsky.formats.reports.phrases import fill, render_text

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT}
_DIGITS = "零一二三四五六七八九"
TWIPS_PER_EMU = 1 / 635
SHORT_TABLE = 15  # rows


class HasDocument(Protocol):
    def document(self) -> Document: ...


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def heading_text(section: Section, level: int, phrases: Mapping[str, str]) -> str:
    title = render_text(section.heading, phrases)
    if section.number is None:
        return title
    key = f"heading.{min(level, 3)}"
    return fill(phrases[key], {"n": str(section.number), "cn": chinese_number(section.number),
                               "title": title})


class _Writer:
    def __init__(self, phrases: Mapping[str, str], font_path: Path | None, dpi: int,
                 charts: ChartCache, language: str) -> None:
        self.phrases = phrases
        self.font_path = font_path
        self.dpi = dpi
        self.charts = charts
        self.language = language
        self.doc: DocxDocument = docx.Document()
        self.style_ids: dict[str, str] = {}
        set_up_page(self.doc)
        set_up_styles(self.doc)
        add_alt_names(self.doc)
        add_page_numbers(self.doc, phrases["footer.page"])

    def paragraph(self, text: str, style: str) -> DocxParagraph:
        """A paragraph at the end of the body (the style set by id: the style setter of
        python-docx looks the name up every time, which is most of a table's cost)."""
        paragraph = self.doc.add_paragraph(text)
        self.style(paragraph, style)
        return paragraph

    def style(self, paragraph: DocxParagraph, name: str) -> None:
        style_id = self.style_ids.get(name)
        if style_id is None:
            style_id = self.style_ids[name] = self.doc.styles[name].style_id
        paragraph._p.get_or_add_pPr().style = style_id

    def text(self, text: Text) -> str:
        return render_text(text, self.phrases)

    def write(self, document: Document) -> bytes:
        title = self.text(document.title)
        self.doc.core_properties.title = title
        self.paragraph(title, "Title")
        for line in document.subtitle:
            self.paragraph(self.text(line), "Subtitle")
        if document.notice:
            self.paragraph(self.text(document.notice), "HalfSky Notice")
        self.paragraph("", "Subtitle")
        for section in document.sections:
            self.section(section, 1)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def section(self, section: Section, level: int) -> None:
        style = f"Heading {min(level, 3)}"
        paragraph = self.paragraph(heading_text(section, level, self.phrases), style)
        if level == 1 and section.number is None:  # the appendix: a page of its own, "附表"
            paragraph.paragraph_format.page_break_before = True  # flush left, as 附件 is
            paragraph.paragraph_format.first_line_indent = Pt(0)
        for block in section.blocks:
            self.block(block)
        for sub in section.subsections:
            self.section(sub, level + 1)

    def block(self, block: Block) -> None:
        if isinstance(block, Paragraph):
            style = "HalfSky Note" if block.style == "note" else "Normal"
            self.paragraph(self.text(block.text), style)
        elif isinstance(block, Table):
            self.table(block)
        else:
            self.chart(block)

    def chart(self, chart: Chart) -> None:
        if self.font_path is None:
            raise ChartFontError("report.font_missing", "a document with charts needs font_path")
        font_path = self.font_path
        png = self.charts.png(chart, self.phrases, font_path, self.dpi, lambda: render_chart_png(
            chart, self.phrases, font_path, dpi=self.dpi), self.language)
        paragraph = self.paragraph("", "HalfSky Figure")
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(png), width=TEXT_WIDTH)
        self.paragraph(self.text(chart.caption), "HalfSky Caption")

    def format_cell(self, cell: _Cell, twips: int, size: Length, keep: bool,
                    align: WD_ALIGN_PARAGRAPH | None) -> None:
        """A table cell's width and alignment and its paragraph's style, with an empty run
        in the table's font size (``align`` None: a header cell)."""
        cell.width = Emu(twips * 635)
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        paragraph = cell.paragraphs[0]
        header = align is None
        self.style(paragraph, "HalfSky Table Header" if header else "HalfSky Table")
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if header else align
        paragraph.add_run().font.size = size
        paragraph.paragraph_format.keep_with_next = keep

    def table(self, table: Table) -> None:
        self.paragraph(self.text(table.caption), "HalfSky Caption")
        columns = len(table.header)
        grid = self.doc.add_table(rows=1 + len(table.rows), cols=columns)
        grid.style = self.doc.styles["Table Grid"]
        grid.alignment = TABLE_ALIGN
        grid.autofit = False
        total = sum(table.widths)
        text_twips = int(TEXT_WIDTH * TWIPS_PER_EMU)
        widths = [int(text_twips * w / total) for w in table.widths]
        fixed_table_layout(grid._tbl, widths)
        size = Pt(10.5) if columns <= 7 else Pt(9)
        repeat_header(grid.rows[0]._tr)
        # A short table stays on one page, with its caption.
        short = len(table.rows) <= SHORT_TABLE
        # Cells alike but for their text are copies of the first one formatted (python-docx
        # inserts every property in schema order, most of a table's cost).
        formatted: dict[tuple[int, bool, bool], BaseOxmlElement] = {}
        rows = (table.header, *table.rows)
        for index, (tr, row) in enumerate(zip(grid._tbl.tr_lst, rows, strict=True)):
            header = index == 0
            keep = short and index < len(table.rows)
            for column, (tc, value) in enumerate(zip(tr.tc_lst, row, strict=True)):
                like = formatted.get((column, header, keep))
                if like is None:
                    self.format_cell(_Cell(tc, grid), widths[column], size, keep,
                                     None if header else _ALIGN[table.align[column]])
                    formatted[column, header, keep] = deepcopy(tc)
                else:
                    copy = deepcopy(like)
                    tr.replace(tc, copy)
                    tc = copy
                tc.p_lst[0].r_lst[0].text = self.text(value)
        if table.note:
            self.paragraph(self.text(table.note), "HalfSky Note")


def render_docx(model: Document | HasDocument, phrases: Mapping[str, str], *,
                font_path: Path | None = None, dpi: int = 170,
                chart_cache: ChartCache | None = None, language: str = "") -> bytes:
    """The report as ``.docx`` bytes, in the words of ``phrases``.

    Charts come from ``chart_cache`` (default: this process's memory) when one with
    the same content was drawn before (see ``chart_cache``); ``language`` is part of
    their key."""
    document = model if isinstance(model, Document) else model.document()
    return _Writer(phrases, font_path, dpi, chart_cache or PROCESS_CACHE, language).write(
        document)
