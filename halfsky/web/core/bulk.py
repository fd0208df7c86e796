"""Set-based writes: many rows of one table with a few statements, no model instances.

PostgreSQL takes the rows with ``COPY … FROM STDIN`` (psycopg 3's ``cursor.copy``);
SQLite with INSERTs of many rows each (``VALUES (…), (…), …``, as many rows as its limit
of parameters allows, at most ``SQLITE_ROWS``: a third less CPU than one prepared INSERT
run per row), sent to the driver as they are (Django's cursor would rewrite the ``%s`` of
each long statement). Always in the caller's transaction; the values must be ready for
the database: JSON as its text (``json.dumps``), dates as ``get_db_prep_save`` gives them.

``new_ids``: the ids of rows about to be inserted, taken before the insert (PostgreSQL:
from the table's sequence; SQLite: after the largest id the table ever had, its write
lock held by the transaction), so the rows referring to them (a value's history) are
built without reading the new rows back.

``paused_gc``: Python's cyclic garbage collector runs every few hundred new objects and,
now and then, walks every object of the process. A bulk step building tens of thousands
of rows (none of them in a reference cycle) pays for ~200 collections and one or two full
walks of the heap — about half the CPU time of a 10,000-value import — for nothing; it
pauses the collector for the step (the next collection after it finds whatever cycles
were made meanwhile).
"""

from __future__ import annotations

import gc
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import NotSupportedError, connection, models

SQLITE_ROWS = 500  # rows per INSERT on SQLite (fewer when its parameter limit says so)


def insert_rows(model: type[models.Model], columns: Sequence[str],
                rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (values in the order of ``columns``, field names) into ``model``'s table."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(model._meta.get_field(c).column) for c in columns)
    table = quote(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        if connection.vendor != "sqlite":
            raise NotSupportedError(connection.vendor)
        driver = cursor.connection  # the sqlite3 connection: "?" parameters, no rewriting
        limit = driver.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        per = max(1, min(SQLITE_ROWS, limit // len(columns)))
        one = f"({', '.join(['?'] * len(columns))})"
        head = f"INSERT INTO {table} ({names}) VALUES "
        full = head + ", ".join([one] * per)
        raw = driver.cursor()
        with connection.wrap_database_errors:  # Django's IntegrityError, as ever
            for start in range(0, len(rows), per):
                part = rows[start:start + per]
                sql = full if len(part) == per else head + ", ".join([one] * len(part))
                raw.execute(sql, [value for row in part for value in row])


def new_ids(model: type[models.Model], count: int) -> list[int]:
    """Ids for ``count`` new rows of ``model`` (an auto-increment id), to be inserted with
    them by the same transaction; none is ever given twice."""
    if count <= 0:
        return []
    table, column = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) "
                           "FROM generate_series(1, %s)", [table, column, count])
            return [pk for (pk,) in cursor.fetchall()]
        if connection.vendor != "sqlite":
            raise NotSupportedError(connection.vendor)
        # AUTOINCREMENT: never an id the table had (sqlite_sequence keeps the largest ever
        # given; an explicit larger id moves it on). The transaction holds the write lock
        # from its BEGIN (IMMEDIATE, settings.py): no other writer comes between (without
        # it, the insert would fail, never reuse an id).
        quote = connection.ops.quote_name
        cursor.execute(f"SELECT MAX({quote(column)}) FROM {quote(table)}")
        (largest,) = cursor.fetchone()
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        given = cursor.fetchone()
        start = max(largest or 0, given[0] if given else 0) + 1
        return list(range(start, start + count))


@contextmanager
def paused_gc() -> Iterator[None]:
    """No automatic garbage collection inside the block (it may be nested)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
