"""Set-based writes: many rows of one table with one statement, no model instances.

PostgreSQL takes the rows with ``COPY … FROM STDIN`` (psycopg 3's ``cursor.copy``);
other databases (SQLite) with one prepared INSERT run for all of them (``executemany``).
Always in the caller's transaction; the values must be ready for the database: JSON as
its text (``json.dumps``), dates as ``get_db_prep_save`` gives them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection, models

CHUNK = 10_000  # rows per executemany call


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
        sql = f"INSERT INTO {table} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"
        for start in range(0, len(rows), CHUNK):
            cursor.executemany(sql, rows[start:start + CHUNK])
