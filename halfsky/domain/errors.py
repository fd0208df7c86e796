"""The one base of every error that says why with a message code.

Domain, formats and web refuse things the same way: ``code`` names the
message (``plan_file.unknown_department``, ``value.conflict`` …) and
``params`` hold what the message needs; the sentence is chosen at the web
or command-line edge, in the reader's language. Subclasses add their own
base (``ValueError`` where callers catch that) and fields such as a line.
"""

from __future__ import annotations

from collections.abc import Mapping


class CodedError(Exception):
    """A refusal: ``code`` says why, ``params`` fill its message.

    Parameters are given as a mapping, as keywords, or both:
    ``CodedError("x.too_large", {"size": 3})`` or ``CodedError("x.too_large", size=3)``.
    """

    def __init__(self, code: str, params: Mapping[str, object] | None = None, /,
                 **named: object) -> None:
        super().__init__(code)
        self.code = code
        self.params: Mapping[str, object] = {**(params or {}), **named}

    def describe(self) -> str:
        """The code and its parameters, for logs and developers: ``x.too_large (size=3)``."""
        details = ", ".join(f"{k}={v!r}" for k, v in self.params.items())
        return f"{self.code} ({details})" if details else self.code
