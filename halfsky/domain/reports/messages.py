"""Messages: what a report says, as codes with parameters, never as sentences.

A ``Message`` is a phrase code (``report.level_fell_good``) with parameters.
A parameter is text that needs no translation (a number already formatted,
an indicator's name, a unit from the plan, a department's words), another
``Message`` (a status name, "个百分点"), so sentences nest, or a ``Join`` of
these, which the renderer joins with a separator phrase (``list.separator``
"，" for clauses, ``list.enumeration`` "、" for names). The renderers in
``halfsky.formats.reports`` look every code up in the caller's phrases (the
web layer fills them from its translations) and put the parameters into the
phrase's ``{name}`` places.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Message:
    """A phrase code and its parameters."""

    code: str
    params: Mapping[str, Param] = field(default_factory=dict)

    def codes(self) -> Iterator[str]:
        """This message's code and the codes of every nested message."""
        yield self.code
        for value in self.params.values():
            yield from text_codes(value)


Item = str | Message


@dataclass(frozen=True)
class Join:
    """Items joined by the separator phrase ``separator``."""

    items: tuple[Item, ...]
    separator: str = "list.separator"


CLAUSES = "list.separator"
ENUMERATION = "list.enumeration"
Param = str | Message | Join


def msg(code: str, **params: Param) -> Message:
    return Message(code, params)


Text = Param  # a cell or a paragraph: literal text, a message, or a list of them


def text_codes(text: Text) -> Iterator[str]:
    """The phrase codes a text needs (nested ones included; a list needs ``list.separator``)."""
    if isinstance(text, Message):
        yield from text.codes()
    elif isinstance(text, Join):
        yield text.separator
        for item in text.items:
            yield from text_codes(item)
