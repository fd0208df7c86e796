"""Browser tests: Playwright driving the system Chromium against a live server.

They run whenever /usr/bin/chromium exists (set HALFSKY_E2E=0 to skip them
while iterating); under CI they always run, and a missing browser fails.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path(os.environ.get("HALFSKY_CHROMIUM", "/usr/bin/chromium"))
# The live server and Playwright's sync API share a thread with an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    in_ci = os.environ.get("CI", "").lower() == "true"
    wanted = os.environ.get("HALFSKY_E2E", "1") != "0" or in_ci
    reason = None
    if not wanted:
        reason = "browser tests switched off (HALFSKY_E2E=0)"
    elif not CHROMIUM.exists() and not in_ci:
        reason = f"no Chromium at {CHROMIUM}"
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    return {
        **browser_type_launch_args,
        "executable_path": str(CHROMIUM),
        "args": ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }


@pytest.fixture
def demo_site(live_server: Any, transactional_db: None, demo_loader: Callable[[], None]
              ) -> Iterator[str]:
    """A live server with the demo loaded (committed, so the browser sees it)."""
    demo_loader()
    yield live_server.url


@pytest.fixture
def log_in(page: Any, demo_site: str) -> Callable[[str], Any]:
    def go(username: str, password: str = "halfsky-demo") -> Any:
        page.goto(f"{demo_site}/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()
        return page

    return go


@pytest.fixture
def menu(page: Any) -> Callable[..., None]:
    """``menu("数据", "数据填报")``: open the top bar's menu 数据 and follow its entry 数据填报;
    ``menu("交换")``: follow a menu of one page, which is a plain link."""

    def go(group: str, entry: str | None = None) -> None:
        nav = page.get_by_role("navigation", name="主菜单")
        if entry is None:
            nav.get_by_role("link", name=group, exact=True).click()
            return
        nav.locator("summary").filter(has_text=re.compile(f"^{group}$")).click()
        nav.get_by_role("link", name=entry, exact=True).click()

    return go


@pytest.fixture
def open_round(page: Any, log_in: Callable[[str], Any],
               menu: Callable[..., None]) -> Callable[[int], None]:
    """``open_round(2025)``: the coordinator opens that year's round from the menu."""
    import datetime

    from playwright.sync_api import expect

    def go(year: int) -> None:
        log_in("coordinator")
        menu("数据", "数据填报")
        page.get_by_label("数据年度").fill(str(year))
        deadline = datetime.date.today() + datetime.timedelta(days=30)
        page.get_by_label("截止日期").fill(deadline.isoformat())
        page.get_by_role("button", name="开启").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"{year}年度填报任务")

    return go
