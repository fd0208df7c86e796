"""Generating a report as a background job: its steps and progress, failures that change
nothing, the report page while it runs, a second start refused, and a worker running it."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from docx import Document as open_docx


def zh(text: Any) -> str:
    """A message as the (Chinese) page shows it, translated or not yet merged."""
    with translation.override("zh-hans"):
        return str(text)


def test_generating_runs_a_job_through_each_step_to_100_percent_and_stores_the_files(
        login: Any, report: Any, no_pdf: None, monkeypatch: Any) -> None:
    from halfsky.web.audit.models import AuditEvent
    from halfsky.web.jobs import execution
    from halfsky.web.jobs.models import Job

    seen: list[tuple[int, str]] = []
    record_progress = execution.do_progress

    def spy(job: Any, percent: int, step: str) -> None:
        seen.append((percent, step))
        record_progress(job, percent, step)

    monkeypatch.setattr(execution, "do_progress", spy)
    client = login("coordinator")
    response = client.post(reverse("reports:generate", args=["jixian-women-2021-2025", report.pk]), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("reports:report", args=["jixian-women-2021-2025", report.pk])
    assert "报告已生成" in page  # "Report generated in … s."
    job = Job.objects.get(kind="report.generate", target_pk=str(report.pk))
    assert (job.state, job.progress, job.error_code) == ("done", 100, "")
    assert job.result_url == reverse("reports:report", args=["jixian-women-2021-2025", report.pk])
    assert job.created_by.username == "coordinator" and job.finished_at >= job.started_at
    assert [step for _percent, step in seen] == [
        "report.step.values", "report.step.word", "report.step.compendium", "report.step.pdf",
        "report.step.saving"]
    percents = [percent for percent, _step in seen]
    assert percents == sorted(percents) and 0 < percents[0] and percents[-1] < 100
    report.refresh_from_db()
    assert report.docx and report.docx.read()[:4] == b"PK\x03\x04" and report.xlsx
    assert report.generated_by.username == "coordinator"
    assert report.pdf_problem == "pdf.soffice_missing" and "data-pdf-problem" in page
    docx_link = reverse("reports:download", args=["jixian-women-2021-2025", report.pk, "docx"])
    assert f'href="{docx_link}"' in page
    assert list(AuditEvent.objects.filter(object_type="job", object_key=str(job.pk))
                .order_by("pk").values_list("action", flat=True)) == [
        "job.enqueue", "job.start", "job.finish"]
    # the job's own page: finished, with the link to the report
    job_page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'data-job-state="done"' in job_page and "hx-trigger" not in job_page
    assert f'href="{job.result_url}" data-result' in job_page


@pytest.mark.parametrize(("failure", "code"), [
    (RuntimeError("the disk is full"), "job.failed"),
    ("report.changed", "report.changed"),
])
def test_a_failing_generation_shows_why_and_leaves_the_report_as_it_was(
        login: Any, report: Any, user: Any, no_pdf: None, monkeypatch: Any,
        failure: Any, code: str) -> None:
    from halfsky.web.core.errors import ActionError
    from halfsky.web.core.text.sentences import SENTENCES
    from halfsky.web.jobs.models import Job
    from halfsky.web.reports import actions

    report = actions.do_generate_report(report, user("coordinator"))
    before = (report.docx.name, report.docx.read(), report.generated_at, report.inputs,
              report.state)

    def broken(*args: Any, **kwargs: Any) -> bytes:
        raise failure if isinstance(failure, Exception) else ActionError(failure)

    monkeypatch.setattr(actions, "render_compendium_xlsx", broken)  # after the Word file
    client = login("coordinator")
    response = client.post(reverse("reports:generate", args=["jixian-women-2021-2025", report.pk]), follow=True)
    job = Job.objects.get(kind="report.generate", target_pk=str(report.pk))
    assert job.state == "failed" and job.error_code == code
    report.refresh_from_db()
    assert (report.docx.name, report.docx.read(), report.generated_at, report.inputs,
            report.state) == before
    words = zh(SENTENCES[code])
    # the report page tells why, and offers to generate again
    page = response.content.decode()
    assert f'data-error="{code}"' in page and words in page and "data-generate" in page
    job_page = client.get(reverse("jobs:detail", args=[job.pk])).content.decode()
    assert 'data-job-state="failed"' in job_page and f'data-error="{code}"' in job_page
    assert words in job_page and "hx-trigger" not in job_page


def test_the_report_page_shows_the_running_generation_with_its_progress(
        login: Any, report: Any, running_job: Any) -> None:
    from halfsky.web.core.text.system import JOB_MESSAGES
    from halfsky.web.jobs.kinds import KINDS

    job = running_job(report)
    page = login("coordinator").get(reverse("reports:report", args=["jixian-women-2021-2025", report.pk])).content.decode()
    assert zh(KINDS["report.generate"].title) in page  # 正在生成报告…
    assert f'data-job="{job.pk}" data-job-state="running"' in page
    assert '<progress max="100" value="40"' in page and zh(JOB_MESSAGES["report.step.pdf"]) in page
    assert f'hx-get="{reverse("jobs:progress", args=[job.pk])}" hx-trigger="every 1s"' in page
    assert "data-generate" not in page  # no second start while it runs
    # a reader sees that it runs, without following a job that is not theirs
    page = login("viewer").get(reverse("reports:report", args=["jixian-women-2021-2025", report.pk])).content.decode()
    assert 'data-job-state="running"' in page and "hx-get" not in page


def test_a_second_generation_while_one_runs_is_refused_with_a_clear_message(
        login: Any, report: Any, running_job: Any, user: Any) -> None:
    from halfsky.web.core.errors import ActionError
    from halfsky.web.jobs.actions import do_enqueue
    from halfsky.web.jobs.models import Job

    running_job(report)
    response = login("coordinator").post(reverse("reports:generate", args=["jixian-women-2021-2025", report.pk]),
                                         follow=True)
    page = response.content.decode()
    with translation.override("zh-hans"):
        refusal = translation.gettext("The report is being generated already; wait until it "
                                      "has finished.")
    assert refusal in page and 'data-job-state="running"' in page
    assert Job.objects.filter(target_pk=str(report.pk)).count() == 1
    report.refresh_from_db()
    assert not report.docx
    with pytest.raises(ActionError) as refused:
        do_enqueue("report.generate", report, user("coordinator"))
    assert refused.value.code == "job.running"


@pytest.mark.django_db(transaction=True)
def test_the_generation_is_queued_for_a_worker_which_runs_it_to_the_end(
        demo_loader: Any, settings: Any, no_pdf: None) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from django_tasks_db.models import DBTaskResult

    from halfsky.web.jobs.models import Job
    from halfsky.web.reports.models import Report

    demo_loader()  # committed, as a worker process would see it
    settings.HALFSKY_JOBS_INLINE = False
    client = Client()
    client.force_login(get_user_model().objects.get(username="coordinator"))
    client.cookies["django_language"] = "en"  # the worker writes in the user's language
    client.post(reverse("reports:index", args=["jixian-women-2021-2025"]), {"year": 2024})
    report = Report.objects.get(plan__code="jixian-women-2021-2025", kind="annual", year=2024)
    response = client.post(reverse("reports:generate", args=["jixian-women-2021-2025", report.pk]))
    assert response.status_code == 302  # at once, not after the generation
    job = Job.objects.get(kind="report.generate", target_pk=str(report.pk))
    page = client.get(response.url).content.decode()
    assert f'data-job="{job.pk}"' in page and "Generating the report…" in page
    assert "data-generate" not in page
    assert 'data-job-state="queued"' in page and "no background worker is running" in page
    task = DBTaskResult.objects.get(id=job.task_id)
    assert task.status == "READY" and task.args_kwargs["args"] == [job.pk]
    # a worker (here in this process, until the queue is empty) runs it
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    status = client.get(reverse("jobs:status", args=[job.pk])).json()
    assert (status["state"], status["progress"]) == ("done", 100), status
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
    # the polling fragment sends the page on to the report, with the message
    final = client.get(reverse("jobs:progress", args=[job.pk]), HTTP_HX_REQUEST="true")
    assert final["HX-Redirect"] == reverse("reports:report", args=["jixian-women-2021-2025", report.pk])
    page = client.get(final["HX-Redirect"]).content.decode()
    assert "Report generated in" in page
    report.refresh_from_db()
    assert report.generated_by.username == "coordinator"
    text = "\n".join(p.text for p in open_docx(io.BytesIO(report.docx.read())).paragraphs)
    assert "monitoring report 2024" in text and "年度监测报告" not in text
