"""Text clean-up for Chinese documents converted from PDF.

Small pure functions shared by the document readers: they undo what a
PDF-to-Markdown conversion does to Chinese text (spaces around numbers,
half-width punctuation, emphasis marks, lines broken mid-word).
"""

from __future__ import annotations

import re

# CJK ideographs, CJK and full-width punctuation, curly quotes, dashes.
_CJK = r"\u2014\u2018-\u201d\u2026\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SPACE_BEFORE_CJK = re.compile(rf"[ \t\u00a0\u3000]+(?=[{_CJK}])")
_SPACE_AFTER_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0\u3000]+")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
_EMPHASIS = re.compile(r"\*\*|__")
_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}
_PUNCT_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])([,;:?!])(?=[{_CJK}])")
_PARENS_WITH_CJK = re.compile(rf"\(([^()]*[{_CJK}][^()]*)\)")
_SENTENCE_END = frozenset("。！？；：!?;:…")
_TRAILING_CLOSERS = "”’\"'*_ "

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
           "七": 7, "八": 8, "九": 9}  # fmt: skip


def is_cjk(char: str) -> bool:
    return bool(_CJK_CHAR.fullmatch(char))


def strip_emphasis(text: str) -> str:
    """Remove Markdown strong emphasis (``**…**``, ``__…__``)."""
    return _EMPHASIS.sub("", text)


def clean_text(text: str) -> str:
    """Normalise converted Chinese text to read like the printed document.

    Emphasis marks go; spaces next to Chinese characters go ("达到 78.1 岁"
    becomes "达到78.1岁"); half-width commas, semicolons and colons between
    Chinese characters become full-width, as do parentheses around Chinese
    text. Spaces between Latin words are kept (single).
    """
    text = strip_emphasis(text).replace("\u3000", " ")
    text = _SPACE_BEFORE_CJK.sub("", text)
    text = _SPACE_AFTER_CJK.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _PUNCT_BETWEEN_CJK.sub(lambda m: _HALF_PUNCT[m.group(1)], text)
    text = _PARENS_WITH_CJK.sub(r"（\1）", text)
    return text.strip()


def join_lines(lines: list[str]) -> str:
    """Join lines of one paragraph: no separator next to Chinese text."""
    joined = ""
    for line in (part.strip() for part in lines):
        if not line:
            continue
        if joined and not (is_cjk(joined[-1]) or is_cjk(line[0])):
            joined += " "
        joined += line
    return joined


def ends_sentence(text: str) -> bool:
    """Whether a paragraph ends with sentence-final punctuation (。！？；：)."""
    stripped = text.rstrip(_TRAILING_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def cn_to_int(numeral: str) -> int:
    """Convert a Chinese numeral below 1000 ("三", "十二", "二十", "一百零五")."""
    total, current = 0, 0
    for char in numeral:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {numeral!r}")
    return total + current
