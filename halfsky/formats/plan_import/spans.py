"""Spans of a goal's text: sentences, clauses and the numbers no target accounts for."""

from __future__ import annotations

import re
from dataclasses import dataclass

from halfsky.formats.plan_import.target_vocabulary import DIGIT, SENTENCE_END, YEAR


@dataclass(frozen=True)
class Span:
    """A stretch of a text: ``text == whole[start:end]``."""

    start: int
    end: int
    text: str


def parts(text: str, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> list[Span]:
    """Cut ``text[start:end]`` at ``pattern``, trimming spaces; offsets stay absolute."""
    end = len(text) if end is None else end
    spans, begin = [], start
    for match in pattern.finditer(text, start, end):
        spans.append((begin, match.start()))
        begin = match.end()
    spans.append((begin, end))
    result = []
    for first, last in spans:
        while first < last and text[first].isspace():
            first += 1
        while last > first and text[last - 1].isspace():
            last -= 1
        if first < last:
            result.append(Span(first, last, text[first:last]))
    return result


def sentences(text: str) -> list[Span]:
    """The sentences of a text (cut at 。；！？), without their final mark."""
    return parts(text, SENTENCE_END)


def loose_sentences(text: str, spans: list[Span]) -> tuple[Span, ...]:
    """Sentences with a number that none of the spans (of targets read) accounts for."""
    covered = [(span.start, span.end) for span in spans]
    result = []
    for sentence in sentences(text):
        digits = [m.start() for m in re.finditer(DIGIT, text[sentence.start : sentence.end])]
        loose = [
            sentence.start + at
            for at in digits
            if not any(start <= sentence.start + at < end for start, end in covered)
        ]
        if loose and not all(_in_used_year(text, sentence, at, covered) for at in loose):
            result.append(sentence)
    return tuple(result)


def _in_used_year(text: str, sentence: Span, at: int, covered: list[tuple[int, int]]) -> bool:
    """Digits of a year phrase ("到2025年，") whose sentence has a target."""
    for match in YEAR.finditer(text, sentence.start, sentence.end):
        if match.start() <= at < match.end():
            return any(sentence.start <= start < sentence.end for start, _ in covered)
    return False
