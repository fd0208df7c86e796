"""The official look of GB/T 9704 (党政机关公文格式) in a python-docx document.

- A4; 版心 margins: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm.
- Title: 方正小标宋简体 二号 (22 pt), centred. Subtitle lines 楷体 三号.
- 一级标题 黑体 三号, 二级标题 楷体_GB2312 三号, 三级标题 仿宋 三号 bold.
- Body: 仿宋_GB2312 三号 (16 pt), first line indented two characters, line
  spacing exactly 28.95 pt (22 lines on the page).
- Page numbers: 宋体 四号, "— 1 —", 7 mm below the 版心; right on odd
  pages and left on even pages, one character in from the edge.
- Fonts by name: East-Asian font in ``w:eastAsia`` of ``w:rFonts`` (theme
  fonts removed so they cannot override it), Times New Roman for Latin
  letters and digits; the font table gives each Chinese font the usual
  fallback (``w:altName``) for machines without it.
"""

from __future__ import annotations

from collections.abc import Mapping

from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree  # type: ignore[import-untyped]

from halfsky.formats.reports.fonts import (
    ALT_NAMES,
    BODY_FONT,
    HEADING1_FONT,
    HEADING2_FONT,
    LATIN_FONT,
    PAGE_NUMBER_FONT,
    TITLE_FONT,
)

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGINS = {"top": Mm(37), "bottom": Mm(35), "left": Mm(28), "right": Mm(26)}
TEXT_WIDTH = PAGE_WIDTH - MARGINS["left"] - MARGINS["right"]  # 156 mm
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE = Pt(28.95)  # 22 lines in the 225 mm of the 版心
INDENT = Pt(32)  # two characters of 三号

# Paragraph styles: name → (East-Asian font, size, bold, alignment, first-line indent, line).
STYLES: Mapping[str, tuple[str, Pt, bool, WD_ALIGN_PARAGRAPH, Pt | None, Pt]] = {
    "Normal": (BODY_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.JUSTIFY, INDENT, LINE),
    "Title": (TITLE_FONT, TITLE_SIZE, False, WD_ALIGN_PARAGRAPH.CENTER, None, Pt(36)),
    "Subtitle": (HEADING2_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.CENTER, None, LINE),
    "Heading 1": (HEADING1_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.LEFT, INDENT, LINE),
    "Heading 2": (HEADING2_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.LEFT, INDENT, LINE),
    "Heading 3": (BODY_FONT, BODY_SIZE, True, WD_ALIGN_PARAGRAPH.LEFT, INDENT, LINE),
    "HalfSky Notice": (HEADING1_FONT, Pt(14), False, WD_ALIGN_PARAGRAPH.CENTER, None, LINE),
    "HalfSky Caption": (HEADING1_FONT, Pt(14), False, WD_ALIGN_PARAGRAPH.CENTER, None, Pt(24)),
    "HalfSky Note": (BODY_FONT, Pt(12), False, WD_ALIGN_PARAGRAPH.LEFT, None, Pt(20)),
    "HalfSky Figure": (BODY_FONT, BODY_SIZE, False, WD_ALIGN_PARAGRAPH.CENTER, None, LINE),
    "HalfSky Table": (BODY_FONT, Pt(10.5), False, WD_ALIGN_PARAGRAPH.LEFT, None, Pt(14)),
    "HalfSky Table Header": (HEADING1_FONT, Pt(10.5), False, WD_ALIGN_PARAGRAPH.CENTER, None,
                             Pt(14)),
}
HEADING_STYLES = ("Heading 1", "Heading 2", "Heading 3")
_THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(owner: BaseOxmlElement, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Set ``w:rFonts`` of an element with an ``rPr`` (a style, a run, docDefaults' rPr)."""
    rpr = owner if owner.tag == qn("w:rPr") else owner.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for name in _THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(name), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def set_up_page(document: DocxDocument) -> None:
    for section in document.sections:
        section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
        section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
        section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
        section.header_distance = Mm(15)
        section.footer_distance = Mm(24)  # the number's line 7 mm below the 版心


def set_up_styles(document: DocxDocument) -> None:
    defaults = document.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            set_fonts(rpr, BODY_FONT)
            lang = rpr.find(qn("w:lang"))
            if lang is not None:
                lang.set(qn("w:eastAsia"), "zh-CN")
    for name, (font, size, bold, align, indent, line) in STYLES.items():
        try:
            style = document.styles[name]
        except KeyError:
            style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = document.styles["Normal"]
        assert isinstance(style, ParagraphStyle)
        style.font.size = size
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        set_fonts(style.element, font)
        fmt = style.paragraph_format
        fmt.alignment = align
        fmt.first_line_indent = indent if indent is not None else Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = line
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.widow_control = True
        if name in HEADING_STYLES or name in ("HalfSky Caption", "Title"):
            fmt.keep_with_next = True
    document.styles["HalfSky Notice"].font.color.rgb = RGBColor(0xC0, 0, 0)
    # A picture in a paragraph with exact line spacing is cut to one line.
    document.styles["HalfSky Figure"].paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    title = document.styles["Title"].element.pPr
    if title is not None:  # python-docx's template underlines the title
        for border in title.findall(qn("w:pBdr")):
            title.remove(border)


def add_alt_names(document: DocxDocument) -> None:
    """Give each Chinese font of the document its fallback in the font table."""
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype.endswith("/fontTable")), None)
    if not isinstance(part, Part):
        return
    root = parse_xml(part.blob)
    known = {font.get(qn("w:name")) for font in root.findall(qn("w:font"))}
    for name, alt in ALT_NAMES.items():
        if name in known:
            continue
        font = OxmlElement("w:font", {qn("w:name"): name})
        for tag, value in (("w:altName", alt), ("w:charset", "86"), ("w:family", "auto"),
                           ("w:pitch", "variable")):
            font.append(OxmlElement(tag, {qn("w:val"): value}))
        root.append(font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _field(paragraph: DocxParagraph, instruction: str, shown: str) -> None:
    """A complex field (begin, instruction, separate, result, end) at the paragraph's end."""
    for kind in ("begin", None, "separate", "result", "end"):
        run = paragraph.add_run()
        set_fonts(run._r, PAGE_NUMBER_FONT)
        if kind is None:
            text = OxmlElement("w:instrText", {qn("xml:space"): "preserve"})
            text.text = f" {instruction} "
            run._r.append(text)
        elif kind == "result":
            run.text = shown
        else:
            run._r.append(OxmlElement("w:fldChar", {qn("w:fldCharType"): kind}))


def add_page_numbers(document: DocxDocument, template: str) -> None:
    """"— 1 —" in the footer: right on odd pages, left on even ones (``template`` holds
    ``{page}``, e.g. "— {page} —")."""
    document.settings.odd_and_even_pages_header_footer = True
    before, _, after = template.partition("{page}")
    for section in document.sections:
        for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            fmt = paragraph.paragraph_format
            fmt.alignment = align
            fmt.first_line_indent = Pt(0)
            fmt.left_indent = PAGE_NUMBER_SIZE if align is WD_ALIGN_PARAGRAPH.LEFT else Pt(0)
            fmt.right_indent = PAGE_NUMBER_SIZE if align is WD_ALIGN_PARAGRAPH.RIGHT else Pt(0)
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
            for text, field in ((before, False), ("", True), (after, False)):
                if field:
                    _field(paragraph, "PAGE", "1")
                elif text:
                    run = paragraph.add_run(text)
                    set_fonts(run._r, PAGE_NUMBER_FONT)
            for run in paragraph.runs:
                run.font.size = PAGE_NUMBER_SIZE


def fixed_table_layout(table_element: BaseOxmlElement, widths_twips: list[int]) -> None:
    """A table exactly as wide as the text: fixed layout, the given column widths, cell
    margins of 1 mm."""
    tbl_pr = table_element.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    assert width is not None  # python-docx tables always have one
    width.set(qn("w:w"), str(sum(widths_twips)))
    width.set(qn("w:type"), "dxa")
    tbl_pr.get_or_add_tblLayout().set(qn("w:type"), "fixed")
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margins.append(OxmlElement(f"w:{side}", {qn("w:w"): "57", qn("w:type"): "dxa"}))
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)
    grid = table_element.tblGrid
    for col, twips in zip(grid.findall(qn("w:gridCol")), widths_twips, strict=True):
        col.set(qn("w:w"), str(twips))


def repeat_header(row_element: BaseOxmlElement) -> None:
    tr_pr = row_element.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    tr_pr.append(OxmlElement("w:cantSplit"))


TABLE_ALIGN = WD_TABLE_ALIGNMENT.CENTER
