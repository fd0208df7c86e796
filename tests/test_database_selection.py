"""``HALFSKY_TESTS=database`` (CI's PostgreSQL run) keeps exactly the tests that touch the database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FILES = ["tests/domain/test_units.py", "tests/web/test_several_plans.py",
         "tests/web/backup/test_archive.py"]


def collected(selection: str) -> set[str]:
    environment = {**os.environ, "HALFSKY_TESTS": selection}
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", *FILES],
                          cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300,
                          check=True)
    return {line.split("::")[0] for line in done.stdout.splitlines() if "::" in line}


def test_the_database_run_leaves_out_the_tests_that_never_touch_it() -> None:
    assert collected("all") == set(FILES)
    # Pure engine tests go; tests with the db fixture and marked multi-process ones stay.
    assert collected("database") == set(FILES[1:])
