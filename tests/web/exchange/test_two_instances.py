"""Two real HalfSky instances on loopback: a county (吉县) pushes to its city (临汾市, sample plan).

Each instance is its own process with its own database (SQLite, or PostgreSQL
when the suite runs on it) and port, set up with the ``halfsky`` commands a user
runs. The county runs the demo (sample
values 2020–2024 approved; a 2025 round with departments in every state),
the city loads the sample city plan and issues tokens. The push goes first
through a proxy that cuts the connection after the city has stored a batch
(the worst moment: the city has it, the county does not know), then again
directly.
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from halfsky.domain.exchange import ExchangeValue, batch_id

pytestmark = [pytest.mark.skipif(os.environ.get("HALFSKY_E2E") == "0",
                                 reason="HALFSKY_E2E=0: slow multi-process tests skipped"),
              pytest.mark.database]

HALFSKY = str(Path(sys.executable).with_name("halfsky"))
CITY_PLAN = "linfen-sample-women-2021-2025"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


ON_POSTGRES = os.environ.get("DB") == "postgres"


def base_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}


def postgres(sql: str) -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True) as connection:
        connection.execute(sql)


class Instance:
    """One HalfSky: its own folder and database — a SQLite file copied from a migrated one,
    or, when the suite runs on PostgreSQL, a database of its own."""

    def __init__(self, name: str, folder: Path, database: Path) -> None:
        self.name, self.folder = name, folder
        folder.mkdir()
        self.env = base_env()
        self.env.update(HALFSKY_VAR_DIR=str(folder), HALFSKY_SECRET_KEY=f"test-{name}")
        self.database = f"halfsky_instance_{name}_{os.getpid()}"
        if ON_POSTGRES:
            postgres(f'DROP DATABASE IF EXISTS "{self.database}"')
            postgres(f'CREATE DATABASE "{self.database}"')
            self.env["PGDATABASE"] = self.database
            self.run("manage", "migrate", "-v0")
        else:
            shutil.copy(database, folder / "halfsky.sqlite3")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.server: subprocess.Popen[bytes] | None = None
        self.worker: subprocess.Popen[bytes] | None = None

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([HALFSKY, *args], env=self.env, capture_output=True, text=True,
                              timeout=300, cwd=self.folder)
        if check and done.returncode != 0:
            raise AssertionError(f"{self.name}: halfsky {' '.join(args)} → {done.returncode}\n"
                                 f"{done.stdout}\n{done.stderr}")
        return done

    def query(self, code: str) -> Any:
        """Run Python in the instance (Django set up); it prints one JSON line last."""
        lines = self.run("manage", "shell", "-c", code).stdout.strip().splitlines()
        return json.loads(lines[-1])

    def start(self) -> None:
        log = (self.folder / "server.log").open("wb")
        self.server = subprocess.Popen(
            [HALFSKY, "manage", "runserver", f"127.0.0.1:{self.port}", "--noreload"],
            env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=self.folder)
        self.worker = subprocess.Popen(  # runs the background jobs (reassessment)
            [HALFSKY, "worker", "--interval", "0.2"], env=self.env, stdout=log,
            stderr=subprocess.STDOUT, cwd=self.folder)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/login/", timeout=2).close()
                return
            except (urllib.error.URLError, OSError):
                time.sleep(0.3)
        raise AssertionError(f"{self.name} did not start: {(self.folder / 'server.log').read_text()}")

    def stop(self) -> None:
        for process in (self.server, self.worker):
            if process is not None:
                process.terminate()
                process.wait(timeout=20)
        if ON_POSTGRES:
            postgres(f'DROP DATABASE IF EXISTS "{self.database}"')


class CuttingProxy:
    """Forwards requests to ``upstream``; for request number ``cut`` it lets the upstream
    answer, then closes the connection without passing the answer on."""

    def __init__(self, upstream_port: int, cut: int) -> None:
        self.requests = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                connection = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=60)
                connection.request("POST", self.path, body, dict(self.headers))
                answer = connection.getresponse()
                data = answer.read()
                proxy.requests += 1
                if proxy.requests == cut:
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.send_response(answer.status)
                for name in ("Content-Type", "Content-Length"):
                    if answer.getheader(name):
                        self.send_header(name, answer.getheader(name) or "")
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def instances(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Instance, Instance]]:
    root = tmp_path_factory.mktemp("instances")
    empty = root / "migrated"
    empty.mkdir()
    if not ON_POSTGRES:
        subprocess.run([HALFSKY, "manage", "migrate", "-v0"], check=True, timeout=300,
                       env={**base_env(), "HALFSKY_VAR_DIR": str(empty)})
    county = Instance("county", root / "county", empty / "halfsky.sqlite3")
    city = Instance("city", root / "city", empty / "halfsky.sqlite3")
    # One plan: the exchange pages take "the" plan (until the plan is in the address).
    county.run("demo", "--no-companions")
    city.run("plan", "load", CITY_PLAN)
    city.start()
    county.start()
    yield county, city
    city.stop()
    county.stop()


CITY_STATE = """
import json
from halfsky.web.values.models import Observation
from halfsky.web.exchange.models import AggregateValue, Delivery, ReceivedValue
from halfsky.web.assessments.models import AssessmentResult
ji = Observation.objects.filter(area__code="141028")
print(json.dumps({
    "values": ji.count(),
    "keys": sorted(f"{o.indicator.code}|{o.year}|{o.breakdown}" for o in ji),
    "received": ReceivedValue.objects.count(),
    "deliveries": Delivery.objects.count(),
    "aggregates": AggregateValue.objects.filter(area__code="141000").exclude(value=None).count(),
    "assessed": AssessmentResult.objects.filter(area__code="141000").exclude(
        status="no_data").count(),
    "e01_2025": [o.value for o in ji.filter(indicator__code="E01", year=2025, breakdown="")],
}))
"""

COUNTY_STATE = """
import json
from halfsky.domain.exchange import Receiver
from halfsky.formats.plan_file import load_plan
from halfsky.web.values.models import Observation
from halfsky.web.exchange.outbox import outgoing_values
from halfsky.web.plans.models import Plan
plan = Plan.objects.get()
receiver = Receiver.for_plan(load_plan("linfen-sample-women-2021-2025"))
sent = outgoing_values(plan)
def city_key(v):
    local = receiver.local(v)
    return f"{local[0]}|{v.year}|{v.breakdown}" if local else None
mapped = {i.code: i.maps_to for i in load_plan("jixian-women-2021-2025").indicators if i.maps_to}
unapproved = [o for o in Observation.objects.filter(area=plan.region).exclude(status="approved")
              if o.indicator.code in mapped]
from halfsky.domain.exchange import ExchangeValue
print(json.dumps({
    "sent": len(sent),
    "keys": sorted(k for k in map(city_key, sent) if k),
    "unapproved": sorted(k for k in (city_key(ExchangeValue(
        plan=mapped[o.indicator.code].plan, indicator=mapped[o.indicator.code].indicator,
        area="141028", year=o.year, breakdown=o.breakdown)) for o in unapproved) if k),
}))
"""

CORRECT_E01 = """
import json
from django.contrib.auth import get_user_model
from halfsky.web.values.actions.values import (do_confirm_task, do_reopen_value, do_review_task,
    do_save_value, do_submit_task)
from halfsky.web.values.models import Observation
users = get_user_model().objects
value = Observation.objects.get(indicator__code="E01", year=2025, breakdown="",
                                area__code="141028")
value = do_reopen_value(value, "学籍系统复核后更正", users.get(username="statistics"))
do_save_value(value, {"numerator": value.numerator - 1, "denominator": value.denominator},
              value.version, users.get(username="education_reporter"))
task = value.task
do_submit_task(task, users.get(username="education_reporter"))
do_confirm_task(task, users.get(username="education_head"))
do_review_task(task, {value.pk: ("approve", "")}, users.get(username="statistics"))
print(json.dumps(Observation.objects.get(pk=value.pk).value))
"""


def test_county_pushes_to_city(instances: tuple[Instance, Instance], tmp_path: Path) -> None:
    county, city = instances
    ji_key = city.run("exchange", "issue-token", "141028").stdout.strip()
    daning_key = city.run("exchange", "issue-token", "141030", "--name", "大宁县").stdout.strip()
    assert ji_key.startswith("hsx_") and daning_key != ji_key
    token_file = tmp_path / "token.txt"
    token_file.write_text(ji_key, encoding="utf-8")
    expected = county.query(COUNTY_STATE)
    assert expected["sent"] > 100 and expected["unapproved"]

    # 1. The connection is cut after the city stored the second batch.
    proxy = CuttingProxy(city.port, cut=2)
    county.run("exchange", "set-parent", proxy.url, "--token-file", str(token_file))
    cut = county.run("exchange", "push", "--batch-size", "25", check=False)
    proxy.close()
    assert cut.returncode == 2 and "cannot be reached" in cut.stderr, cut.stderr
    halfway = city.query(CITY_STATE)
    assert halfway["deliveries"] == 2 and 0 < halfway["values"] < len(expected["keys"])

    # 2. Pushed again directly: everything arrives once.
    county.run("exchange", "set-parent", city.url, "--token-file", str(token_file))
    done = county.run("exchange", "push", "--batch-size", "25")
    assert "unchanged" not in done.stdout or "created" in done.stdout
    state = city.query(CITY_STATE)
    # (values of indicators the city's plan does not track are listed, not stored)
    assert state["values"] == state["received"] == len(expected["keys"])
    assert state["keys"] == expected["keys"]  # nothing lost, nothing twice
    assert not set(expected["unapproved"]) & set(state["keys"])  # only approved values travel
    # the city aggregated its areas at once, and assesses its own plan on them in a
    # background job of its worker
    assert state["aggregates"] > 0
    deadline = time.monotonic() + 60
    while city.query(CITY_STATE)["assessed"] == 0 and time.monotonic() < deadline:
        time.sleep(1)
    assert city.query(CITY_STATE)["assessed"] > 0

    # 3. The same push again changes nothing.
    again = county.run("exchange", "push", "--batch-size", "25")
    assert "created" not in again.stdout and "updated" not in again.stdout
    assert city.query(CITY_STATE)["received"] == len(expected["keys"])

    # 4. Another county's token cannot write 吉县's data.
    stolen = [ExchangeValue(plan="china-women-2021-2030", indicator="孕产妇死亡率",
                            area="141028", year=2024, value=1.0)]
    body = json.dumps({"batch": batch_id(stolen), "values": [asdict(v) for v in stolen]},
                      ensure_ascii=False).encode()
    request = urllib.request.Request(city.url + "/api/exchange/deliveries", data=body,
                                     method="POST", headers={
                                         "Authorization": f"Bearer {daning_key}",
                                         "Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403
    assert json.loads(refused.value.read())["code"] == "exchange.other_area"
    assert city.query(CITY_STATE)["received"] == len(expected["keys"])

    # 5. A correction after approval arrives as a new version with its reason.
    before = city.query(CITY_STATE)["e01_2025"]
    after = county.query(CORRECT_E01)
    assert before != [after]
    corrected = county.run("exchange", "push")
    assert "updated 1" in corrected.stdout, corrected.stdout
    assert city.query(CITY_STATE)["e01_2025"] == [after]
    reason = city.query("""
import json
from halfsky.web.values.models import ValueChange
change = ValueChange.objects.filter(observation__indicator__code="E01",
    observation__year=2025, observation__area__code="141028", action="exchange").latest("pk")
print(json.dumps(change.comment))
""")
    assert reason == "学籍系统复核后更正"

    # 6. The city can also pull, with a personal token the county made for it.
    county_token = county.query("""
import json
from django.contrib.auth import get_user_model
from halfsky.web.tokens.actions import do_create_token
user = get_user_model().objects.get(username="statistics")
print(json.dumps(do_create_token(user, "临汾市拉取", user)[1]))
""")
    token_file.write_text(county_token, encoding="utf-8")
    city.run("exchange", "set-source", "141028", county.url, "--token-file", str(token_file))
    pulled = city.run("exchange", "pull", "141028")
    assert "created" not in pulled.stdout and "updated" not in pulled.stdout, pulled.stdout
    assert city.query(CITY_STATE)["values"] == len(expected["keys"])
