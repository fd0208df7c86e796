"""Take the README's screenshots from a running demo (`make demo`).

    .venv/bin/python docs/screenshots.py [http://127.0.0.1:8000]
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(__file__).resolve().parent / "screenshots"
PLAN = "jixian-women-2021-2025"
PAGES = {
    "overview": f"/plans/{PLAN}/",
    "domain": f"/plans/{PLAN}/health/",
    "goal": f"/plans/{PLAN}/health/goals/2/",
    "indicator": f"/plans/{PLAN}/indicators/H02/",
    "indicators": f"/plans/{PLAN}/indicators/",
    "search": f"/plans/{PLAN}/search/?q=%E5%AD%95%E4%BA%A7%E5%A6%87",
    "department": "/departments/health/",
}


def launch_chromium(playwright: Any) -> Any:
    """The system Chromium, headless, as the browser tests drive it."""
    return playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                      args=["--no-sandbox", "--disable-gpu"])


def logged_in_page(browser: Any, base: str, username: str = "coordinator") -> Any:
    """A 1366×768 page of ``browser`` logged in to the demo at ``base``."""
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{base}/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill("halfsky-demo")
    page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    return page


def top_bar(page: Any) -> None:
    """The top bar in one row, its 规划 menu open (top-bar.png)."""
    page.goto(f"{BASE}/plans/{PLAN}/")
    page.locator("nav.menu summary", has_text="规划").click()
    page.screenshot(path=str(OUT / "top-bar.png"), clip={"x": 0, "y": 0, "width": 1366, "height": 300})


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = launch_chromium(p)
        page = logged_in_page(browser, BASE)
        for name, path in PAGES.items():
            page.goto(BASE + path)
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=name != "indicators")
        top_bar(page)
        browser.close()


if __name__ == "__main__":
    main()
