"""The error every workflow action raises: a message code and its parameters."""

from __future__ import annotations

from halfsky.domain.errors import CodedError


class ActionError(CodedError):
    """The action was refused and changed nothing; ``code`` says why, ``params`` fill it."""

    def response_params(self) -> dict[str, object]:
        """What an API answer carries besides the code: the parameters (a refusal that
        knows more, such as a conflict's current value, adds it)."""
        return dict(self.params)
