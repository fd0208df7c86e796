"""The error every workflow action raises: a message code and its parameters."""

from __future__ import annotations

from halfsky.domain.errors import CodedError


class ActionError(CodedError):
    """The action was refused and changed nothing; ``code`` says why, ``params`` fill it."""
