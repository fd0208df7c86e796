"""Every table's row count and content checksum, from a plain DB-API connection.

A backup's manifest records them for the database it holds, and a restore checks the
restored database against them before it migrates: a restored table that differs in one
value is found. The rows are read in primary-key order and each value is written in one
canonical text form (times in UTC, JSON with sorted keys, bytes in hex), so that the same
data give the same checksum whichever connection reads them. SQLite and PostgreSQL give
different checksums for the same data (they store types differently); a backup is only
ever compared with a database of its own engine.
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import json
from typing import Any, TypedDict


class TableFingerprint(TypedDict):
    rows: int
    checksum: str


Fingerprints = dict[str, TableFingerprint]


def canonical_value(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return str(value.normalize())
    if isinstance(value, datetime.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(datetime.UTC)
        return value.isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, memoryview | bytes | bytearray):
        return bytes(value).hex()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    return str(value)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sqlite_tables(connection: Any) -> dict[str, list[str]]:
    """Table name → primary-key columns (empty: none) of a sqlite3 connection."""
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name")]
    tables = {}
    for name in names:
        info = connection.execute(f"PRAGMA table_info({quote(name)})").fetchall()
        keyed = sorted((row[5], row[1]) for row in info if row[5])
        tables[name] = [column for _, column in keyed]
    return tables


def postgresql_tables(connection: Any) -> dict[str, list[str]]:
    """Table name → primary-key columns of the current schema of a psycopg connection."""
    cursor = connection.cursor()
    cursor.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name")
    tables: dict[str, list[str]] = {row[0]: [] for row in cursor.fetchall()}
    cursor.execute(
        "SELECT k.table_name, k.column_name FROM information_schema.table_constraints c "
        "JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name "
        "AND k.table_schema = c.table_schema AND k.table_name = c.table_name "
        "WHERE c.constraint_type = 'PRIMARY KEY' AND c.table_schema = current_schema() "
        "ORDER BY k.table_name, k.ordinal_position")
    for table, column in cursor.fetchall():
        if table in tables:
            tables[table].append(column)
    return tables


def table_fingerprint(cursor: Any, table: str, key_columns: list[str]) -> TableFingerprint:
    cursor.execute(f"SELECT * FROM {quote(table)} LIMIT 0")
    width = len(cursor.description)
    order = ", ".join(quote(c) for c in key_columns) or ", ".join(
        str(i) for i in range(1, width + 1))
    cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {order}")
    digest = hashlib.sha256()
    rows = 0
    while batch := cursor.fetchmany(2000):
        for row in batch:
            digest.update(json.dumps([canonical_value(v) for v in row],
                                     ensure_ascii=False).encode("utf-8"))
            digest.update(b"\n")
            rows += 1
    return {"rows": rows, "checksum": digest.hexdigest()}


def fingerprints(connection: Any, engine: str) -> Fingerprints:
    """Every table's fingerprint through a raw sqlite3 or psycopg connection."""
    tables = sqlite_tables(connection) if engine == "sqlite" else postgresql_tables(connection)
    cursor = connection.cursor()
    return {table: table_fingerprint(cursor, table, keys) for table, keys in tables.items()}


def differences(expected: Fingerprints, found: Fingerprints) -> list[str]:
    """The tables whose rows differ (or that exist on one side only), for a message."""
    names = sorted(set(expected) | set(found))
    return [name for name in names if expected.get(name) != found.get(name)]
