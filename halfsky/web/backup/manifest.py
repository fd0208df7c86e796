"""The manifest of a backup archive: what it holds and how to know it is whole.

``manifest.json`` is the archive's first member: the format, the HalfSky version and the
migrations applied when it was made, the database engine and its dump, every table's row
count and checksum, and every file's size and SHA-256. A restore reads the archive
completely and checks all of it before it changes anything.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib import metadata
from pathlib import Path
from typing import Any

from halfsky.web.backup.errors import BackupError

FORMAT = "halfsky-backup/1"
MANIFEST = "manifest.json"


def halfsky_version() -> str:
    try:
        return metadata.version("halfsky")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version.split("+")[0])[:3])


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def applied_migrations() -> dict[str, list[str]]:
    # Django's database and migrations: this module is also read before Django is set up.
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def known_migrations() -> set[tuple[str, str]]:
    # Django's migrations: this module is also read before Django is set up.
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def parse_manifest(raw: bytes) -> dict[str, Any]:
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError("restore.bad_manifest",
                          f"The archive's manifest cannot be read ({error}).") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("restore.not_a_backup", "This is not a HalfSky backup archive "
                          f"(no manifest of format {FORMAT}).")
    return manifest


def check_compatible(manifest: dict[str, Any], database_engine: str) -> None:
    """Refuse an archive this instance cannot restore, before anything changes."""
    archived = manifest.get("halfsky_version", "?")
    if version_key(archived) > version_key(halfsky_version()):
        raise BackupError("restore.newer_version",
                          f"The archive comes from HalfSky {archived}, newer than this "
                          f"HalfSky ({halfsky_version()}): install HalfSky {archived} or newer "
                          "first, then restore.")
    known = known_migrations()
    unknown = sorted(f"{app}.{name}" for app, names in manifest.get("migrations", {}).items()
                     for name in names if (app, name) not in known)
    if unknown:
        raise BackupError("restore.unknown_migrations",
                          f"The archive's database has changes this HalfSky does not know "
                          f"({', '.join(unknown[:5])}): it was made by a newer or different "
                          "HalfSky. Install that version first, then restore.")
    archived_engine = manifest.get("database", {}).get("engine")
    if archived_engine != database_engine:
        wanted = "DB=postgres and the PG* variables" if archived_engine == "postgresql" \
            else "no DB setting (SQLite)"
        raise BackupError("restore.other_engine",
                          f"The archive holds a {archived_engine} database but this instance "
                          f"uses {database_engine}: restore it into an instance configured "
                          f"with {wanted}.")
