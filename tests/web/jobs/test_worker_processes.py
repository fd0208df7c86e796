"""The work queue with real processes: a web server and ``halfsky worker`` processes on one
database (SQLite, or PostgreSQL when the suite runs on it), used through the pages.

A report generated through its page is run by a worker; the worker is killed (SIGKILL)
mid-way: the job is queued again and another worker finishes it; killed on its last
attempt, the job page says why in Chinese and the report can be generated again. Three
workers share many tasks: each task is claimed by one worker, each job started once.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.skipif(os.environ.get("HALFSKY_E2E") == "0",
                                 reason="HALFSKY_E2E=0: slow multi-process tests skipped"),
              pytest.mark.database]

HALFSKY = str(Path(sys.executable).with_name("halfsky"))
ON_POSTGRES = os.environ.get("DB") == "postgres"
PASSWORD = "halfsky-demo"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def postgres(sql: str) -> None:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True) as connection:
        connection.execute(sql)


def wait_for(condition: Callable[[], Any], seconds: float, what: str) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if found := condition():
            return found
        time.sleep(0.1)
    raise AssertionError(f"not within {seconds} s: {what}")


class Site:
    """One HalfSky instance (the demo) in its own folder and database, its web server and
    its workers, each a process of its own."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        self.env.update(HALFSKY_VAR_DIR=str(folder), HALFSKY_SECRET_KEY="test-queue",
                        HALFSKY_WORKER_TIMEOUT="10", HALFSKY_JOB_ATTEMPTS="2")
        self.database = f"halfsky_queue_{os.getpid()}"
        if ON_POSTGRES:
            postgres(f'DROP DATABASE IF EXISTS "{self.database}"')
            postgres(f'CREATE DATABASE "{self.database}"')
            self.env["PGDATABASE"] = self.database
        self.run("manage", "migrate", "-v0")
        # One plan: the report pages take "the" plan (until the plan is in the address).
        self.run("demo", "--no-companions")
        # The demo's accounts must change their known password at first login; this test
        # logs in as the demo coordinator, so it stands for a user who has done so.
        self.run("manage", "shell", "-c", "from halfsky.web.orgs.models import Profile; "
                 "Profile.objects.update(must_change_password=False)")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.processes: list[subprocess.Popen[bytes]] = []

    def run(self, *args: str) -> str:
        done = subprocess.run([HALFSKY, *args], env=self.env, capture_output=True, text=True,
                              timeout=300, cwd=self.folder)
        assert done.returncode == 0, f"halfsky {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def query(self, code: str) -> Any:
        """Run Python in the instance (Django set up); it prints one JSON line last."""
        return json.loads(self.run("manage", "shell", "-c", code).strip().splitlines()[-1])

    def _start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        log = (self.folder / f"{name}.log").open("ab")
        process = subprocess.Popen([HALFSKY, *args], env=env, stdout=log,
                                   stderr=subprocess.STDOUT, cwd=self.folder)
        self.processes.append(process)
        return process

    def start_server(self) -> None:
        # The production server (gunicorn), as a real instance runs it.
        self._start("server", ["serve", "--bind", f"127.0.0.1:{self.port}", "--workers", "2"],
                    self.env)

        def answers() -> bool:
            try:
                urllib.request.urlopen(self.url + "/login/", timeout=2).close()
            except (urllib.error.URLError, OSError):
                return False
            return True

        wait_for(answers, 60, "the web server answers")

    def start_worker(self, with_pdf: bool = True) -> subprocess.Popen[bytes]:
        env = dict(self.env)
        if not with_pdf:  # no LibreOffice on the PATH: a report takes a second or two
            env["PATH"] = str(Path(HALFSKY).parent)
        return self._start("worker", ["worker", "--interval", "0.1"], env)

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if ON_POSTGRES:
            postgres(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')


class Browser:
    """A logged-in session on the site, as a browser keeps it (cookies, CSRF token)."""

    def __init__(self, site: Site, username: str) -> None:
        self.url = site.url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.get("/login/")
        page = self.post("/login/", {"username": username, "password": PASSWORD})
        assert 'action="/logout/"' in page or "/logout/" in page, page[:500]

    def _csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def get(self, path: str) -> str:
        with self.opener.open(self.url + path, timeout=30) as response:
            return str(response.read().decode())

    def post(self, path: str, data: dict[str, Any]) -> str:
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self._csrf()}).encode()
        request = urllib.request.Request(self.url + path, data=body, headers={
            "Referer": self.url + path})
        with self.opener.open(request, timeout=60) as response:
            self.last_url = response.url
            return str(response.read().decode())

    def job_status(self, job: int) -> dict[str, Any]:
        return dict(json.loads(self.get(f"/jobs/{job}/status")))

    def generate(self, year: int) -> tuple[int, int]:
        """Create the annual report of ``year`` and start generating it: (report, job)."""
        self.post("/plans/jixian-women-2021-2025/reports/", {"year": year})
        report = int(re.findall(r"/plans/jixian-women-2021-2025/reports/(\d+)/", self.last_url)[-1])
        page = self.post(f"/plans/jixian-women-2021-2025/reports/{report}/generate/", {})
        return report, int(re.findall(r'data-job="(\d+)"', page)[0])


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    site = Site(tmp_path_factory.mktemp("queue"))
    try:
        site.start_server()
        yield site
    finally:
        site.stop()


JOB_STATE = """
import json
from django_tasks_db.models import DBTaskResult
from halfsky.web.audit.models import AuditEvent
from halfsky.web.jobs.models import Job
job = Job.objects.get(pk=%d)
print(json.dumps({
    "attempts": job.attempts, "state": job.state,
    "actions": list(AuditEvent.objects.filter(object_type="job", object_key=str(job.pk))
                    .order_by("pk").values_list("action", flat=True)),
    "tasks": [[t.status, t.exception_class_path, len(t.worker_ids)] for t in
              DBTaskResult.objects.filter(args_kwargs__args=[job.pk]).order_by("enqueued_at")],
}))
"""


def kill_once_running(browser: Browser, job: int, worker: subprocess.Popen[bytes]) -> None:
    """SIGKILL the worker once it has taken the job and reported progress on it."""
    wait_for(lambda: (s := browser.job_status(job))["state"] == "running" and s["progress"] > 0,
             60, "the worker runs the job")
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    assert browser.job_status(job)["state"] != "done", "finished before the kill"


def test_a_report_whose_worker_is_killed_mid_way_is_finished_by_a_new_worker_or_says_why(
        site: Site) -> None:
    browser = Browser(site, "coordinator")
    report, job = browser.generate(2024)
    page = browser.get(f"/jobs/{job}/")
    assert 'data-job-state="queued"' in page
    assert "没有正在运行的后台进程" in page  # no worker yet: the page says one must be started

    # 1. Killed mid-way: the job is queued again, and the next worker finishes it.
    kill_once_running(browser, job, site.start_worker())
    status = browser.job_status(job)  # the server sees the worker gone
    assert (status["state"], status["step"]) == ("queued", "job.step.retry"), status
    site.start_worker()
    wait_for(lambda: browser.job_status(job)["state"] == "done", 90, "the retried job is done")
    state = site.query(JOB_STATE % job)
    assert state["attempts"] == 2
    assert state["actions"] == ["job.enqueue", "job.start", "job.retry", "job.start",
                                "job.finish"]
    assert state["tasks"] == [["FAILED", "halfsky.web.jobs.WorkerLost", 1],
                              ["SUCCESSFUL", "", 1]]
    page = browser.get(f"/plans/jixian-women-2021-2025/reports/{report}/")
    assert f'href="/plans/jixian-women-2021-2025/reports/{report}/download/docx/"' in page

    # 2. Killed on each of its two attempts: failed, and the job page says why in Chinese.
    for process in site.processes[1:]:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    page = browser.post(f"/plans/jixian-women-2021-2025/reports/{report}/generate/", {})
    job = int(re.findall(r'data-job="(\d+)"', page)[0])
    kill_once_running(browser, job, site.start_worker())
    kill_once_running(browser, job, site.start_worker())
    status = browser.job_status(job)
    assert (status["state"], status["error_code"]) == ("failed", "job.lost"), status
    page = browser.get(f"/jobs/{job}/")
    assert 'data-error="job.lost"' in page
    assert "运行它的后台进程已停止（已尝试 2 次）" in page, page
    # and it can be started again
    worker = site.start_worker(with_pdf=False)
    page = browser.post(f"/plans/jixian-women-2021-2025/reports/{report}/generate/", {})
    job = int(re.findall(r'data-job="(\d+)"', page)[0])
    wait_for(lambda: browser.job_status(job)["state"] == "done", 60, "generated again")
    worker.terminate()
    assert worker.wait(timeout=20) == 0  # stops cleanly between tasks


TASKS = """
import json
from django_tasks_db.models import DBTaskResult
from halfsky.web.audit.models import AuditEvent
from halfsky.web.jobs.models import Job
tasks = DBTaskResult.objects.all()
starts = {}
for key in AuditEvent.objects.filter(action="job.start").values_list("object_key", flat=True):
    starts[key] = starts.get(key, 0) + 1
print(json.dumps({
    "open": tasks.filter(status__in=["READY", "RUNNING"]).count(),
    "claims": {str(t.id): t.worker_ids for t in tasks},
    "jobs": {str(j.pk): [j.state, j.attempts, starts.get(str(j.pk), 0)]
             for j in Job.objects.all()},
}))
"""

ENQUEUE_BARE = """
import json
from halfsky.web.jobs.tasks import run_job
print(json.dumps([str(run_job.enqueue(0).id) for _ in range(40)]))
"""


def test_several_workers_share_the_queue_and_never_run_a_task_twice(site: Site) -> None:
    for process in site.processes[1:]:  # the previous test's workers, if any
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=10)
    before = set(site.query(TASKS)["claims"])
    browser = Browser(site, "coordinator")
    jobs = [browser.generate(year)[1] for year in (2021, 2022, 2023)]
    site.query(ENQUEUE_BARE)  # 40 tasks of no work (job 0 does not exist): claims race
    workers = [site.start_worker(with_pdf=False) for _ in range(3)]
    for job in jobs:  # followed as the pages do, then the queue itself
        wait_for(lambda job=job: browser.job_status(job)["state"] == "done", 60, f"job {job}")
    wait_for(lambda: site.query(TASKS)["open"] == 0, 30, "every task has run")
    state = site.query(TASKS)
    for job in jobs:
        assert state["jobs"][str(job)] == ["done", 1, 1]  # started once, by one worker
    claims = [claim for task, claim in state["claims"].items() if task not in before]
    assert len(claims) == 43 and all(len(claim) == 1 for claim in claims), claims
    assert len({claim[0] for claim in claims}) > 1  # the work was shared
    for worker in workers:
        worker.terminate()
        assert worker.wait(timeout=20) == 0
