"""The API page in a real browser: Swagger UI renders from this server alone and calls the API
with the logged-in session (a change carries the CSRF token)."""

from __future__ import annotations

import datetime
import json
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import expect

from halfsky.web.values.models import Round


def test_the_api_page_works_offline_with_the_session(log_in: Any, demo_site: str) -> None:
    page = log_in("coordinator")
    hosts: set[str] = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    page.goto(f"{demo_site}/api/docs")
    expect(page.get_by_text("HalfSky API").first).to_be_visible()

    me = page.locator("#operations-account-me")
    me.locator(".opblock-summary").click()
    me.get_by_role("button", name="Try it out").click()
    me.get_by_role("button", name="Execute").click()
    expect(me.locator(".live-responses-table")).to_contain_text('"coordinator"')

    deadline = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()
    open_round = page.locator("#operations-reporting-open_round")
    open_round.locator(".opblock-summary").click()
    open_round.get_by_role("button", name="Try it out").click()
    open_round.locator("textarea.body-param__text").fill(
        json.dumps({"year": 2025, "deadline": deadline}))
    open_round.get_by_role("button", name="Execute").click()
    expect(open_round.locator(".live-responses-table tbody .response-col_status")
           ).to_contain_text("201")
    assert Round.objects.filter(year=2025).exists()

    assert hosts == {urlsplit(demo_site).netloc}, hosts
