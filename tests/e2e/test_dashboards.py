"""Dashboards in a real browser: every chart draws, its table is there, a breakdown
switches on, the CSV equals the stored values, and nothing is requested from
another host."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from halfsky.web.values.models import Observation

PLAN = "jixian-women-2021-2025"
PAGES = ["/", f"/plans/{PLAN}/dashboard/townships/", f"/plans/{PLAN}/dashboard/gender-gap/",
         f"/plans/{PLAN}/indicators/H03/", f"/plans/{PLAN}/health/", "/departments/health/"]

# Non-transparent pixels of every chart's canvas (0 for a blank chart).
PAINTED = """() => Array.from(document.querySelectorAll('[data-chart]')).map(el => {
  const c = el.querySelector('canvas');
  if (!c || !c.width || !c.height) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i]) n++;
  return n;
})"""


def _only_this_server(requests: list[str], demo_site: str) -> None:
    """Every request went to the test server, which listens on the loopback address."""
    assert requests
    hosts = {urlsplit(url).netloc for url in requests if not url.startswith(("data:", "blob:"))}
    assert hosts == {urlsplit(demo_site).netloc}, hosts
    assert urlsplit(demo_site).hostname in {"127.0.0.1", "localhost"}


def _charts_drawn(page: Any) -> int:
    page.wait_for_function("""() => Array.from(document.querySelectorAll('[data-chart]'))
        .every(el => el.getAttribute('data-rendered') === '1')""")
    painted = page.evaluate(PAINTED)
    assert all(n > 0 for n in painted), painted
    return len(painted)


@pytest.mark.parametrize("username", ["coordinator", "health_reporter", "viewer"])
def test_every_page_draws_its_charts_beside_their_tables(log_in: Any, demo_site: str,
                                                         username: str) -> None:
    page = log_in(username)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_viewport_size({"width": 1366, "height": 768})
    for path in PAGES:
        page.goto(f"{demo_site}{path}")
        drawn = _charts_drawn(page)
        if path == "/":
            assert drawn >= 3
            expect(page.locator("table[data-table=domains]")).to_be_visible()
            expect(page.get_by_role("link", name="规划概况")).to_be_visible()
        elif "indicators" in path:
            assert drawn == 1
            expect(page.locator("table.values").first).to_be_visible()
        elif drawn:
            assert page.locator("[data-table]").count() == drawn
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 1366, f"{path} scrolls sideways at 1366 px"
    _only_this_server(requests, demo_site)


def test_indicator_chart_switches_a_breakdown_and_downloads_its_data(log_in: Any,
                                                                     demo_site: str) -> None:
    page = log_in("health_reporter")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{demo_site}/plans/{PLAN}/indicators/H03/")
    _charts_drawn(page)
    count = "document.getElementById('series-chart').halfskyChart.getOption().series.length"
    before = page.evaluate(count)
    toggle = page.locator("[data-toggle=urban_rural]")
    toggle.focus()
    page.keyboard.press("Space")  # by keyboard
    expect(toggle).to_be_checked()
    assert page.evaluate(count) == before + 2  # 城镇 and 农村
    assert "urban_rural" in (page.locator("#series-chart").get_attribute("data-shown") or "")

    with page.expect_download() as info:
        page.locator("[data-download=csv]").click()
    path = info.value.path()
    rows = list(csv.DictReader(io.StringIO(open(path, encoding="utf-8-sig").read())))
    got = {(r["area"], r["breakdown"], int(r["year"])): float(r["value"]) for r in rows}
    stored = {(o.area.code, o.breakdown, o.year): o.value for o in Observation.objects.filter(
        indicator__code="H03", value__isnull=False).select_related("area")
        if o.area.level == "county" or o.breakdown == ""}
    assert got == stored

    with page.expect_download() as image:
        page.get_by_role("button", name="图片（PNG）").click()
    assert image.value.suggested_filename.endswith(".png")
    assert open(image.value.path(), "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    _only_this_server(requests, demo_site)


def test_another_departments_indicator_is_refused(log_in: Any, demo_site: str) -> None:
    page = log_in("health_reporter")
    response = page.goto(f"{demo_site}/plans/{PLAN}/indicators/E03/")
    assert response is not None and response.status == 403
    response = page.goto(f"{demo_site}/api/indicators/E03/series?plan={PLAN}")
    assert response is not None and response.status == 403
