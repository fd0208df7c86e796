"""The error every workflow action raises: a message code and its parameters."""

from __future__ import annotations

from typing import Any


class ActionError(Exception):
    """The action was refused and changed nothing; ``code`` says why."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
