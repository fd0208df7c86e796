"""Backup and restore of a HalfSky instance: database, media files, plan files, manifest."""

from halfsky.web.backup.archive import (
    RestoreSummary,
    create_backup,
    latest_backup,
    restore_backup,
)
from halfsky.web.backup.errors import BackupError

__all__ = ["BackupError", "RestoreSummary", "create_backup", "latest_backup", "restore_backup"]
