"""HTML saved from a government site → text with Markdown headings.

The standard library's ``html.parser`` is enough: a published plan is a
page of ``<p>``, ``<h1>``–``<h6>``, ``<strong>`` and ``<br>``; no script
runs and no external resource is fetched. Navigation, scripts and styles
are dropped; a paragraph that is bold throughout becomes a ``**bold**``
line, which the parser reads as a heading. A data table becomes ``| a | b |``
rows (a responsibility or indicator table); a layout table — one that
holds another table or long text, as many sites wrap their articles —
gives its cells' paragraphs as they are.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset({
    "p", "div", "section", "article", "li", "ul", "ol", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "center", "dd", "dt", "pre",
})  # fmt: skip
_MAX_CELL_CHARS = 300


def table_cell(text: str) -> str:
    """A cell's words on one line, without the column separator."""
    return re.sub(r"\s*\n\s*", "", text).replace("|", "｜").strip()


class _Table:
    def __init__(self, outer: list[str]) -> None:
        self.outer = outer  # where the blocks went before the table
        self.rows: list[list[list[str]]] = []  # rows of cells of blocks
        self.layout = False

    def text(self) -> list[str]:
        """The table as rows, or the cells' blocks when it lays out a page."""
        cells = [cell for row in self.rows for cell in row]
        if self.layout or any(len(cell) > 1 or sum(map(len, cell)) > _MAX_CELL_CHARS
                              for cell in cells) or len(self.rows) < 2:
            return [block for cell in cells for block in cell]
        lines = []
        for row in self.rows:
            words = [table_cell(re.sub(r"^#+\s*|\*\*", "", " ".join(cell))) for cell in row]
            lines.append("| " + " | ".join(words) + " |")
        return ["\n".join(lines)]
_SKIPPED = frozenset({"script", "style", "nav", "header", "footer", "noscript", "template",
                      "select", "button", "form", "iframe", "head"})
_BOLD = frozenset({"strong", "b"})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.tables: list[_Table] = []
        self.current: list[tuple[str, bool]] = []  # (text, bold)
        self.heading = 0
        self.skipping = 0
        self.bold = 0

    def flush(self) -> None:
        current, self.current = self.current, []
        pieces = [(text, bold) for text, bold in current if text.strip()]
        text = "".join(text for text, _ in current)
        lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if not text:
            return
        if self.heading:
            self.blocks.append("#" * self.heading + " " + text.replace("\n", ""))
        elif pieces and all(bold for _, bold in pieces) and "\n" not in text:
            self.blocks.append(f"**{text}**")
        else:
            self.blocks.append(text)

    def table_tag(self, tag: str, start: bool) -> None:
        self.flush()
        if tag == "table" and start:
            if self.tables:
                self.tables[-1].layout = True
            self.tables.append(_Table(self.blocks))
            self.blocks = []
        elif tag == "table" and self.tables:
            table = self.tables.pop()
            self.blocks = table.outer
            self.blocks.extend(table.text())
        elif not self.tables:
            return
        elif tag == "tr" and start:
            self.tables[-1].rows.append([])
        elif tag in ("td", "th") and start:
            table = self.tables[-1]
            if not table.rows:
                table.rows.append([])
            self.blocks = []
            table.rows[-1].append(self.blocks)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("table", "tr", "td", "th") and not self.skipping:
            self.table_tag(tag, True)
        elif tag in _SKIPPED:
            self.skipping += 1
        elif tag == "br":
            self.current.append(("\n", bool(self.bold)))
        elif tag in _BOLD:
            self.bold += 1
        elif tag in _BLOCKS:
            self.flush()
            if re.fullmatch(r"h[1-6]", tag):
                self.heading = int(tag[1])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.current.append(("\n", bool(self.bold)))

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and not self.skipping:
            self.table_tag(tag, False)
        elif tag in ("td", "th", "tr"):
            self.flush()
        elif tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BOLD:
            self.bold = max(0, self.bold - 1)
        elif tag in _BLOCKS:
            self.flush()
            self.heading = 0

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append((data.replace("\n", " "), bool(self.bold)))


def html_to_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    while parser.tables:  # a table the page never closed
        parser.table_tag("table", False)
    parser.flush()
    return "\n\n".join(parser.blocks)
