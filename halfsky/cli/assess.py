"""``halfsky assess-series``: assess any CSV table of series (no database needed)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

METHOD_NAMES = ("china", "opensdg", "unsd")  # halfsky.domain.assessment.METHODS, imported lazily

MESSAGES = {
    "series_csv.not_found": "no such file: {value}",
    "series_csv.not_utf8": "the file is not UTF-8 text: {value}",
    "series_csv.missing_columns": "missing column(s): {column}",
    "series_csv.unknown_column": "unknown column {column!r}",
    "series_csv.duplicate_column": "column {column!r} appears twice",
    "series_csv.missing_value": "column {column!r} is empty",
    "series_csv.not_a_number": "column {column!r} is not a number: {value!r}",
    "series_csv.not_an_integer": "column {column!r} is not a whole number: {value!r}",
    "series_csv.bad_direction": "direction must be 'higher' or 'lower', not {value!r}",
    "series_csv.bad_counts": "numerator and denominator go together (numerator ≥ 0, "
                             "denominator > 0)",
    "series_csv.missing_per": "counts need 'per' (100 for %, 100000 for 1/10万)",
    "series_csv.conflicting_setting": "column {column!r} is {value!r} here but different on "
                                      "an earlier row of the series",
    "series_csv.duplicate_year": "the year {value} appears twice",
    "series_csv.missing_direction": "the series has no direction (higher or lower)",
}


def error_message(error: Any) -> str:
    """An English sentence for a ``SeriesFileError``, naming the line."""
    params: dict[str, Any] = {"column": "", "value": "", "series": "", **error.params}
    text = MESSAGES.get(error.code, error.code).format(**params)
    where = f"line {error.line}" if error.line else "input"
    series = f" (series {params['series']!r})" if params["series"] else ""
    return f"{where}{series}: {text} [{error.code}]"


def cmd_assess_series(args: argparse.Namespace) -> int:
    # NumPy and SciPy load only when this command runs, not for every `halfsky` call.
    # The engine (NumPy, SciPy) loads only for this command: `halfsky --help` stays quick.
    from halfsky.domain.assessment import assess
    from halfsky.formats.series_csv import (
        SeriesFileError,
        read_series_csv,
        write_assessment_csv,
    )

    try:
        table = read_series_csv(args.input, args.method)
    except SeriesFileError as error:
        print(f"halfsky: {error_message(error)}", file=sys.stderr)
        return 2
    # Blocks of series on every core: the same answer as one thread (test_blocks.py).
    result = assess(table.observations, table.settings, workers=os.cpu_count() or 1)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="") as out:
            write_assessment_csv(out, table.names, result)
    else:
        write_assessment_csv(sys.stdout, table.names, result)
    return 0


def add_parser(commands: Any) -> None:
    """Add ``assess-series`` to the ``halfsky`` command's subcommands."""
    parser = commands.add_parser(
        "assess-series", help="assess a CSV table of series against their targets (no database)",
        description="Judge every series of INPUT (one row per observation) and write one row "
                    "per series: status, progress, score, forecast, interval, warnings.")
    parser.add_argument("input", metavar="INPUT.csv", help="observations: series,year,value,…")
    parser.add_argument("--method", choices=METHOD_NAMES, default="china",
                        help="assessment method (default china)")
    parser.add_argument("-o", "--output", metavar="OUT.csv",
                        help="write here instead of standard output")
    parser.set_defaults(func=cmd_assess_series)
