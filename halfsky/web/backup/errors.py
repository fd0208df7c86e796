"""Why a backup or a restore stopped: a code for programs and a sentence for people."""

from __future__ import annotations


class BackupError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
