"""HTML saved from a government site → text with Markdown headings.

The standard library's ``html.parser`` is enough: a published plan is a
page of ``<p>``, ``<h1>``–``<h6>``, ``<strong>`` and ``<br>``; no script
runs and no external resource is fetched. Navigation, scripts and styles
are dropped; a paragraph that is bold throughout becomes a ``**bold**``
line, which the parser reads as a heading.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset({
    "p", "div", "section", "article", "li", "tr", "table", "ul", "ol", "blockquote",
    "h1", "h2", "h3", "h4", "h5", "h6", "center", "td", "th", "dd", "dt", "pre",
})  # fmt: skip
_SKIPPED = frozenset({"script", "style", "nav", "header", "footer", "noscript", "template",
                      "select", "button", "form", "iframe", "head"})
_BOLD = frozenset({"strong", "b"})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
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

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
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
        if tag in _SKIPPED:
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
    parser.flush()
    return "\n\n".join(parser.blocks)
