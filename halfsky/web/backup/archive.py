"""``halfsky backup`` and ``halfsky restore``: one archive with everything an instance holds.

The archive (``halfsky-backup-YYYYMMDD-HHMMSS.tar.gz``) holds ``manifest.json``, the
database dump (``database/``), the media files — generated reports and evaluation
evidence — (``media/``) and the instance's plan files (``plans/``). It is written to a
temporary name and renamed when complete, so a half-written archive never looks like a
backup.

A restore reads and checks the whole archive first (a truncated or damaged archive, a
file whose checksum differs, an archive of a newer HalfSky or of the other database
engine are refused and nothing changes), then only into an empty instance: a database
without data and empty media and plan directories. It restores the database, checks
every table's row count and checksum against the manifest, copies the files and migrates
the database forward to this HalfSky's version.
"""

from __future__ import annotations

import datetime
import json
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command

from halfsky.web.backup import database
from halfsky.web.backup.errors import BackupError
from halfsky.web.backup.fingerprint import differences
from halfsky.web.backup.manifest import (
    FORMAT,
    MANIFEST,
    applied_migrations,
    check_compatible,
    file_digest,
    halfsky_version,
    parse_manifest,
)

ARCHIVE_PREFIX = "halfsky-backup-"
ARCHIVE_SUFFIX = ".tar.gz"


def file_trees() -> dict[str, Path]:
    """The directories an archive carries, by their name in the archive."""
    return {"media": Path(settings.MEDIA_ROOT), "plans": Path(settings.PLAN_FILES_DIR)}


@dataclass(frozen=True)
class RestoreSummary:
    version: str
    created_at: str
    tables: int
    rows: int
    files: int
    migrated: bool


def create_backup(directory: Path, now: datetime.datetime | None = None) -> Path:
    """Write one archive of this instance into ``directory``; its path."""
    now = now or datetime.datetime.now(datetime.UTC)
    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="halfsky-backup-") as scratch:
        dump = Path(scratch) / database.dump_name(database.engine())
        tables = database.dump_database(dump)
        members: list[tuple[str, Path]] = [(database.dump_name(database.engine()), dump)]
        for name, root in file_trees().items():
            if root.is_dir():
                members += [(f"{name}/{path.relative_to(root).as_posix()}", path)
                            for path in sorted(root.rglob("*")) if path.is_file()]
        manifest = {
            "format": FORMAT,
            "halfsky_version": halfsky_version(),
            "created_at": now.isoformat(timespec="seconds"),
            "database": {"engine": database.engine(), "dump": members[0][0]},
            "migrations": applied_migrations(),
            "tables": tables,
            "files": {name: {"size": path.stat().st_size, "sha256": file_digest(path)}
                      for name, path in members},
        }
        manifest_path = Path(scratch) / MANIFEST
        manifest_path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                 encoding="utf-8")
        final = directory / f"{ARCHIVE_PREFIX}{now:%Y%m%d-%H%M%S}{ARCHIVE_SUFFIX}"
        partial = final.with_name(final.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(manifest_path, arcname=MANIFEST)
            for name, path in members:
                archive.add(path, arcname=name)
        partial.replace(final)
    return final


def read_archive(archive: Path, into: Path) -> dict[str, Any]:
    """Extract and check the whole archive into ``into``; its manifest."""
    if not archive.is_file():
        raise BackupError("restore.no_archive", f"{archive} does not exist.")
    damaged = BackupError("restore.damaged", f"{archive} is damaged or truncated (it cannot "
                          "be read to its end): use another copy of the backup.")
    try:
        with tarfile.open(archive, "r:gz") as reader:
            reader.extractall(into, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise damaged from error
    manifest_path = into / MANIFEST
    if not manifest_path.is_file():
        raise BackupError("restore.not_a_backup", f"{archive} is not a HalfSky backup archive "
                          "(it has no manifest.json).")
    manifest = parse_manifest(manifest_path.read_bytes())
    listed: dict[str, dict[str, Any]] = manifest.get("files", {})
    present = {path.relative_to(into).as_posix() for path in into.rglob("*") if path.is_file()}
    missing = sorted(set(listed) - present)
    if missing:
        raise BackupError("restore.incomplete", f"{archive} lacks {len(missing)} of the files "
                          f"its manifest lists (first: {missing[0]}): the archive is incomplete.")
    unexpected = sorted(present - set(listed) - {MANIFEST})
    if unexpected:
        raise BackupError("restore.unexpected_files", f"{archive} holds files its manifest does "
                          f"not list (first: {unexpected[0]}): it is not an archive HalfSky "
                          "wrote, or it was changed.")
    corrupt = sorted(name for name, entry in listed.items()
                     if file_digest(into / name) != entry.get("sha256"))
    if corrupt:
        raise BackupError("restore.corrupt", f"{len(corrupt)} file(s) in {archive} differ from "
                          f"their checksum (first: {corrupt[0]}): the archive is corrupt.")
    return manifest


def check_empty_instance() -> None:
    full_tables = database.tables_with_data()
    if full_tables:
        raise BackupError("restore.not_empty",
                          f"This instance already holds data ({len(full_tables)} tables with "
                          f"rows, e.g. {', '.join(full_tables[:3])}). A backup is restored only "
                          "into an empty instance: point the settings at a new database (a new "
                          "HALFSKY_SQLITE_PATH, or a new PostgreSQL database) and empty media "
                          "and plan directories.")
    for name, root in file_trees().items():
        if root.is_dir() and any(root.iterdir()):
            raise BackupError("restore.files_present",
                              f"The {name} directory {root} is not empty. A backup is restored "
                              "only into an empty instance: move its files away or point the "
                              "setting at an empty directory.")


def restore_backup(archive: Path) -> RestoreSummary:
    """Restore ``archive`` into this (empty) instance and migrate it forward."""
    with tempfile.TemporaryDirectory(prefix="halfsky-restore-") as scratch:
        unpacked = Path(scratch)
        manifest = read_archive(archive, unpacked)
        check_compatible(manifest, database.engine())
        check_empty_instance()
        expected = manifest["tables"]
        found = database.restore_database(unpacked / manifest["database"]["dump"],
                                          manifest["database"]["engine"])
        changed = differences(expected, found)
        if changed:
            raise BackupError("restore.mismatch", "The restored database differs from the "
                              f"archive's manifest in {len(changed)} table(s) (first: "
                              f"{changed[0]}): the restore is not trustworthy; do not use "
                              "this instance, restore another backup into a new empty one.")
        copied = 0
        for name, root in file_trees().items():
            if (unpacked / name).is_dir():
                shutil.copytree(unpacked / name, root, dirs_exist_ok=True)
                copied += sum(1 for path in (unpacked / name).rglob("*") if path.is_file())
    before = applied_migrations()
    call_command("migrate", interactive=False, verbosity=0)
    return RestoreSummary(
        version=manifest["halfsky_version"], created_at=manifest["created_at"],
        tables=len(expected), rows=sum(table["rows"] for table in expected.values()),
        files=copied, migrated=applied_migrations() != before)


def latest_backup(directory: Path) -> Path | None:
    """The newest archive in ``directory`` or below (daily/, monthly/), by its time stamp."""
    archives = directory.rglob(f"{ARCHIVE_PREFIX}*{ARCHIVE_SUFFIX}") if directory.is_dir() else []
    return max(archives, key=lambda path: path.name, default=None)
