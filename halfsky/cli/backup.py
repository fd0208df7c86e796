"""``halfsky backup [DIR]`` and ``halfsky restore ARCHIVE`` (see halfsky.web.backup)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from halfsky.cli.setup import fail, setup_django


def cmd_backup(args: argparse.Namespace) -> int:
    setup_django()
    # Django's settings and the backup's models exist once Django is set up.
    from django.conf import settings

    from halfsky.web.backup import BackupError, create_backup

    directory = Path(args.directory) if args.directory else Path(settings.BACKUP_DIR)
    try:
        archive = create_backup(directory)
    except BackupError as error:
        return fail(f"{error.message} [{error.code}]")
    print(f"backup written: {archive} ({archive.stat().st_size / 1e6:.1f} MB)")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    setup_django()
    # Django's database and the backup's models exist once Django is set up.
    from django.db import DatabaseError

    from halfsky.web.backup import BackupError, restore_backup

    try:
        summary = restore_backup(Path(args.archive))
    except BackupError as error:
        return fail(f"{error.message} [{error.code}]")
    except DatabaseError as error:
        return fail(f"cannot use the configured database ({error}); create it first "
                    "(deploy/postgresql-setup.sh) and check the DB and PG* settings")
    print(f"restored the backup of {summary.created_at} (HalfSky {summary.version}): "
          f"{summary.tables} tables, {summary.rows} rows checked, {summary.files} files"
          + ("; the database was migrated to this version" if summary.migrated else ""))
    return 0


def add_parsers(commands: Any) -> None:
    backup = commands.add_parser(
        "backup", help="write one archive: database, media files, plan files, manifest")
    backup.add_argument("directory", metavar="DIR", nargs="?",
                        help="where to write it (default: HALFSKY_BACKUP_DIR)")
    backup.set_defaults(func=cmd_backup)
    restore = commands.add_parser(
        "restore", help="restore an archive into an empty instance and migrate it forward")
    restore.add_argument("archive", metavar="ARCHIVE", help="a halfsky-backup-….tar.gz file")
    restore.set_defaults(func=cmd_restore)
