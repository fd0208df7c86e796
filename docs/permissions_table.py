"""Write docs/permissions.md from the permission table (who may do what, page by page).

    .venv/bin/python docs/permissions_table.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "halfsky.web.settings")
    import django

    django.setup()
    from halfsky.web.permission_docs import markdown

    (ROOT / "docs" / "permissions.md").write_text(markdown(), encoding="utf-8")


if __name__ == "__main__":
    main()
