"""Dumping and restoring the configured database, SQLite or PostgreSQL.

SQLite is copied through its online backup API (a consistent copy while the server
writes); PostgreSQL through ``pg_dump`` in its custom format, restored by
``pg_restore``. The table fingerprints of a PostgreSQL dump are read in the very
snapshot pg_dump dumps (an exported snapshot), so they describe exactly what it holds.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path
from typing import Any

from django.db import connection, connections

from halfsky.web.backup.errors import BackupError
from halfsky.web.backup.fingerprint import Fingerprints, fingerprints

SQLITE_DUMP = "database/halfsky.sqlite3"
POSTGRESQL_DUMP = "database/halfsky.pgdump"
# Tables that `migrate` fills by itself: an instance with rows only there is still empty.
LOCK_WAIT_SECONDS = 120.0
BOOKKEEPING_TABLES = {"django_migrations", "django_content_type", "auth_permission"}


def engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def dump_name(database_engine: str) -> str:
    return POSTGRESQL_DUMP if database_engine == "postgresql" else SQLITE_DUMP


def postgresql_environment() -> dict[str, str]:
    """libpq's variables for pg_dump / pg_restore / psycopg, from the Django settings."""
    settings = connection.settings_dict
    environment = {**os.environ, "PGDATABASE": settings["NAME"], "PGUSER": settings["USER"],
                   "PGHOST": settings["HOST"] or "", "PGPORT": str(settings["PORT"] or "")}
    if settings["PASSWORD"]:
        environment["PGPASSWORD"] = settings["PASSWORD"]
    return environment


def run_tool(arguments: list[str]) -> None:
    if shutil.which(arguments[0]) is None:
        raise BackupError("backup.tool_missing", f"{arguments[0]} is not installed; install the "
                          "PostgreSQL client (Debian, Ubuntu, Kylin, UOS: apt-get install "
                          "postgresql-client) of the server's version or newer.")
    result = subprocess.run(arguments, env=postgresql_environment(), capture_output=True,
                            text=True, check=False)
    if result.returncode != 0:
        raise BackupError("backup.tool_failed",
                          f"{arguments[0]} failed: {result.stderr.strip()[-2000:]}")


def postgresql_connection() -> Any:
    import psycopg  # only on PostgreSQL (an SQLite instance may lack its C library)

    settings = connection.settings_dict
    return psycopg.connect(dbname=settings["NAME"], user=settings["USER"],
                           password=settings["PASSWORD"] or None, host=settings["HOST"] or None,
                           port=settings["PORT"] or None)


def give_up_after(seconds: float) -> Callable[[int, int, int], None]:
    """A progress callback for SQLite's backup, which otherwise waits for ever on a lock."""
    deadline = time.monotonic() + seconds

    def progress(status: int, remaining: int, total: int) -> None:
        if time.monotonic() > deadline:
            raise BackupError("backup.locked", f"The database stayed locked for {seconds:.0f} s "
                              "(a long write, or a transaction left open): try again later.")

    return progress


def dump_database(target: Path) -> Fingerprints:
    """Write the database to ``target`` and return the fingerprints of what was written."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if engine() == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(target)) as copy:
            connection.connection.backup(copy, pages=256, progress=give_up_after(LOCK_WAIT_SECONDS))
            return fingerprints(copy, "sqlite")
    from psycopg import IsolationLevel  # only on PostgreSQL, as above

    with closing(postgresql_connection()) as snapshot_holder:
        snapshot_holder.isolation_level = IsolationLevel.REPEATABLE_READ
        snapshot_holder.read_only = True
        row = snapshot_holder.execute("SELECT pg_export_snapshot()").fetchone()
        run_tool(["pg_dump", "--format=custom", "--no-owner", "--no-privileges",
                  f"--snapshot={row[0]}", f"--file={target}"])
        found = fingerprints(snapshot_holder, "postgresql")
        snapshot_holder.rollback()
        return found


def tables_with_data() -> list[str]:
    """The tables of the configured database that hold rows (bookkeeping aside)."""
    if engine() == "sqlite":  # a new instance: its database file is made here
        Path(connection.settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    with connection.cursor() as cursor:
        names = connection.introspection.table_names(cursor)
        full = []
        for name in sorted(set(names) - BOOKKEEPING_TABLES):
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(name)} LIMIT 1")
            if cursor.fetchone() is not None:
                full.append(name)
    return full


def restore_database(dump: Path, database_engine: str) -> Fingerprints:
    """Replace the (empty) configured database with the dump; the restored fingerprints."""
    if database_engine == "sqlite":
        target = Path(connection.settings_dict["NAME"])
        connections.close_all()
        target.parent.mkdir(parents=True, exist_ok=True)
        with closing(sqlite3.connect(dump)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
            return fingerprints(copy, "sqlite")
    with connection.cursor() as cursor:  # an empty but migrated database: drop its tables
        for name in connection.introspection.table_names(cursor):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(name)} CASCADE")
    connections.close_all()
    run_tool(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
              f"--dbname={connection.settings_dict['NAME']}", str(dump)])
    with closing(postgresql_connection()) as restored:
        return fingerprints(restored, "postgresql")
