"""What every ``halfsky`` subcommand shares: Django set-up and the failure line.

The subcommands import Django and the web apps only after ``setup_django()``
(inside their functions): ``halfsky plan show`` and ``halfsky assess`` work on
files alone, without settings or a database, and Django models cannot be
imported before ``django.setup()``.
"""

from __future__ import annotations

import os
import sys


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "halfsky.web.settings")
    import django  # late: commands that work on files alone never load Django

    django.setup()


def fail(message: str) -> int:
    print(f"halfsky: {message}", file=sys.stderr)
    return 2
