"""Take the README's screenshot of a province's comparison (各市比较) from a running
province set (`halfsky demo --scale province` in a database of its own).

    .venv/bin/python docs/province_screenshots.py [http://127.0.0.1:8000]

The set's accounts must have changed their first password (or its database had
``Profile.must_change_password`` cleared).
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
PLAN = "scale-140000-women-2021-2025"
DRAWN = """() => Array.from(document.querySelectorAll('[data-chart]'))
    .every(el => el.getAttribute('data-rendered') === '1')"""


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = logged_in_page(browser, BASE)
        page.goto(f"{BASE}/plans/{PLAN}/dashboard/townships/")
        page.wait_for_function(DRAWN)
        page.screenshot(path=str(OUT / "province-comparison.png"), full_page=False)
        browser.close()


if __name__ == "__main__":
    main()
