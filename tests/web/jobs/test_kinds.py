"""The exchange's push and the history import as background jobs: queued by their pages, run
by a worker, their job page saying how they ended."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.utils import translation


def zh(text: Any) -> str:
    with translation.override("zh-hans"):
        return str(text)


def test_a_push_is_a_job_whose_page_says_why_it_failed(login: Any, settings: Any) -> None:
    from halfsky.web.core.text.system import JOB_MESSAGES as MESSAGES
    from halfsky.web.exchange.models import PushRun
    from halfsky.web.jobs import execution
    from halfsky.web.jobs.models import Job

    settings.HALFSKY_JOBS_INLINE = False  # queued for a worker
    coordinator = login("coordinator")
    coordinator.post("/plans/jixian-women-2021-2025/exchange/", {"action": "parent", "url": "http://127.0.0.1:9",
                                    "token": "hsx_test"})
    response = coordinator.post("/plans/jixian-women-2021-2025/exchange/", {"action": "push"})
    job = Job.objects.get(kind="exchange.push")
    assert response.url == f"/jobs/{job.pk}/" and job.state == "queued" and job.task_id
    assert not PushRun.objects.exists()  # nothing sent in the request
    again = coordinator.post("/plans/jixian-women-2021-2025/exchange/", {"action": "push"}, follow=True).content.decode()
    assert zh(MESSAGES["job.running"]) in again
    assert Job.objects.filter(kind="exchange.push").count() == 1  # one at a time
    execution.run(job.pk)  # what a worker does
    page = coordinator.get(response.url).content.decode()
    assert 'data-job-state="failed"' in page and 'data-error="exchange.unreachable"' in page
    assert "无法连接" in page  # the exchange's own words for it
    run = PushRun.objects.get()
    assert (run.state, run.error) == ("failed", "exchange.unreachable")


def test_a_push_that_arrives_is_done_and_its_page_leads_back_to_the_exchange(
        login: Any, settings: Any, monkeypatch: Any) -> None:
    from halfsky.web.exchange import jobs as exchange_jobs
    from halfsky.web.exchange import sync
    from halfsky.web.exchange.models import PushRun
    from halfsky.web.exchange.wire import Reply
    from halfsky.web.jobs import execution
    from halfsky.web.jobs.models import Job

    settings.HALFSKY_JOBS_INLINE = False
    coordinator = login("coordinator")
    coordinator.post("/plans/jixian-women-2021-2025/exchange/", {"action": "parent", "url": "http://city.example",
                                    "token": "hsx_test"})
    steps: list[tuple[int, str]] = []
    def parent(method: str, url: str, token: str, body: Any) -> Reply:
        return Reply(200, {"counts": {"created": len(body["values"])}})

    monkeypatch.setattr(exchange_jobs, "push_to_parent", partial(sync.push_to_parent, transport=parent))
    record_progress = execution.do_progress
    monkeypatch.setattr(execution, "do_progress",
                        lambda job, percent, step: steps.append((percent, step))
                        or record_progress(job, percent, step))
    coordinator.post("/plans/jixian-women-2021-2025/exchange/", {"action": "push"})
    job = Job.objects.get(kind="exchange.push")
    execution.run(job.pk)
    job.refresh_from_db()
    assert (job.state, job.progress, job.result_url) == ("done", 100, "/plans/jixian-women-2021-2025/exchange/")
    run = PushRun.objects.get()
    assert run.state == "done" and run.sent == run.batches > 0
    assert {step for _percent, step in steps} == {"exchange.step.push"}
    assert len(steps) == run.batches  # one step per batch sent
    page = coordinator.get(f"/jobs/{job.pk}/").content.decode()
    assert 'data-job-state="done"' in page and "已审核数据已推送" in page
