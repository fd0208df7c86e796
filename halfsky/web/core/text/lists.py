"""Separators and brackets of the user's language: 、，；（） in Chinese, ", ; ()" in English.

Every list joined for display goes through these, so that the English interface
never shows a Chinese separator and the Chinese one never an English comma.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext


def list_separator() -> str:
    """Between the items of a list of words: '、' in Chinese, ', ' in English."""
    return pgettext("list separator", ", ")


def clause_separator() -> str:
    """Between clauses or phrases that are sentences of their own: '；' / '; '."""
    return pgettext("clause separator", "; ")


def join_words(words: Iterable[object]) -> str:
    """['卫健局', '教育局'] → '卫健局、教育局' (Chinese) or 'health, education' (English)."""
    return list_separator().join(str(word) for word in words)


def join_clauses(clauses: Iterable[object]) -> str:
    """Phrases joined by '；' in Chinese, '; ' in English."""
    return clause_separator().join(str(clause) for clause in clauses)


def in_brackets(text: object) -> str:
    """A note after a word: '（%）' in Chinese, ' (%)' in English (with its space)."""
    return pgettext("brackets around a word", " (%(text)s)") % {"text": text}
