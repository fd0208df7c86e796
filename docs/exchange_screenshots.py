"""Screenshots of a city instance's exchange pages (docs/screenshots/exchange-*.png).

Sets up a throw-away city instance (the sample 临汾市 plan) in a temporary
folder, lets six counties deliver sample values through the same action a push
uses, leaves one conflict, serves it and photographs the pages:

    .venv/bin/python docs/exchange_screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
HALFSKY = str(Path(sys.executable).with_name("halfsky"))
SET_UP = r"""
import random
from halfsky.domain.exchange import ExchangeValue, batch_id
from halfsky.web.values.models import Observation
from halfsky.web.exchange.actions.access import do_issue_child_token
from halfsky.web.exchange.actions.receive import do_receive
from halfsky.web.orgs.actions import Account, do_ensure_account
from halfsky.web.orgs.models import Area
from halfsky.web.orgs.roles import Role
from halfsky.web.plans.models import Plan

do_ensure_account(Account("coordinator", "halfsky-demo", Role.COORDINATOR))
plan = Plan.objects.get()
random.seed(7)
counties = ["141002", "141021", "141024", "141028", "141030", "141081"]
for code in counties:
    area = Area.objects.get(code=code)
    do_issue_child_token(plan.region, area, area.name, None)
    births = random.randint(1500, 9000)
    values = []
    for year in range(2020, 2025):
        deaths = random.randint(0, 2)
        managed = int(births * random.uniform(0.88, 0.97))
        values += [
            ExchangeValue(plan="china-women-2021-2030", indicator="孕产妇死亡率", area=code,
                          year=year, value=deaths / births * 100000, numerator=deaths,
                          denominator=births, source="示例数据", is_sample=True),
            ExchangeValue(plan="china-women-2021-2030", indicator="孕产妇系统管理率", area=code,
                          year=year, value=managed / births * 100, numerator=managed,
                          denominator=births, source="示例数据", is_sample=True),
        ]
    if code == "141030":
        Observation.objects.create(indicator=plan.indicators.get(code="H03"), area=area,
                                   year=2024, value=91.0, source="市卫健委手工录入（示例）")
    do_receive(area, batch_id(values), values, method="push", instance=f"{code}（示例）")
"""


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="halfsky-city-"))
    env = {k: v for k, v in os.environ.items() if k != "DB" and not k.startswith("PG")}
    env.update(HALFSKY_VAR_DIR=str(folder))
    for args in (["manage", "migrate", "-v0"], ["plan", "load", "linfen-sample-women-2021-2025"],
                 ["manage", "shell", "-c", SET_UP]):
        subprocess.run([HALFSKY, *args], env=env, check=True)
    server = subprocess.Popen([HALFSKY, "manage", "runserver", "127.0.0.1:8765", "--noreload"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen("http://127.0.0.1:8765/login/", timeout=2).close()
                break
            except OSError:
                time.sleep(0.3)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium",
                                        args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1366, "height": 768})
            page.goto("http://127.0.0.1:8765/login/")
            page.get_by_label("用户名").fill("coordinator")
            page.get_by_label("密码").fill("halfsky-demo")
            page.get_by_role("button", name="登录").click()
            exchange = "/plans/linfen-sample-women-2021-2025/exchange"  # the city's plan
            for name, path in (("exchange", f"{exchange}/?year=2024"),
                               ("exchange-compare", f"{exchange}/compare/?indicator=H02&year=2024"),
                               ("exchange-conflicts", f"{exchange}/conflicts/"),
                               ("exchange-mapping", f"{exchange}/mapping/")):
                page.goto("http://127.0.0.1:8765" + path)
                page.wait_for_timeout(500)
                page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
            browser.close()
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
