"""Why a backup or a restore stopped: a code for programs and a sentence for people."""

from __future__ import annotations

from halfsky.domain.errors import CodedError


class BackupError(CodedError):
    """The command line prints ``message`` (English, like the rest of the command line)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.message = message

    def __str__(self) -> str:
        return self.message
