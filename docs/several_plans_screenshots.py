"""Take the README's screenshots of several plans from a running demo (`make demo`).

    .venv/bin/python docs/several_plans_screenshots.py [http://127.0.0.1:8000]

The demo's accounts must have changed their first password (or the demo's database
had ``Profile.must_change_password`` cleared).
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright
from screenshots import (  # docs/screenshots.py, beside this script
    launch_chromium,
    logged_in_page,
)

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent / "screenshots"
OLD, NEW = "jixian-women-2021-2025", "jixian-women-2026-2030"
PAGES = {"plans-compare": f"/plans/{OLD}/compare/{NEW}/"}


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = logged_in_page(browser, BASE)
        page.goto(f"{BASE}/plans/{OLD}/dashboard/")
        page.screenshot(path=str(OUT / "plans-chooser.png"), clip={
            "x": 0, "y": 0, "width": 1366, "height": 160})
        for name, path in PAGES.items():
            page.goto(BASE + path)
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=False)
        browser.close()


if __name__ == "__main__":
    main()
