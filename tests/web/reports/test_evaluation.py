"""Evaluation rounds: departments write and rate, attach checked evidence; the group rates;
the evaluation report carries it all."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document as open_docx

from tests.bad_files import real_pdf

PDF = real_pdf()


@pytest.fixture
def evaluation(plan: Any, user: Any) -> Any:
    from halfsky.web.reports.actions import do_open_evaluation

    return do_open_evaluation(plan, "final", user("coordinator"))


def health_measure(evaluation: Any) -> Any:
    return evaluation.items.filter(measure__isnull=False,
                                   department__name="县卫生健康和体育局").first()


def test_opening_creates_an_item_per_goal_and_measure(plan: Any, evaluation: Any) -> None:
    from halfsky.web.plans.models import Goal, Measure

    assert evaluation.year == 2025
    assert evaluation.items.filter(goal__isnull=False).count() == Goal.objects.filter(
        domain__plan=plan).count()
    assert evaluation.items.filter(measure__isnull=False).count() == Measure.objects.filter(
        domain__plan=plan).count()


def test_department_writes_rates_and_attaches_and_the_report_carries_it(
        login: Any, plan: Any, user: Any, evaluation: Any, monkeypatch: Any) -> None:
    from halfsky.formats.reports import PdfConversionError
    from halfsky.web.reports import actions
    from halfsky.web.reports.models import Evidence

    item = health_measure(evaluation)
    client = login("health_reporter")
    url = reverse("reports:item", args=["jixian-women-2021-2025", item.pk])
    response = client.post(url, {"action": "write", "text": "测试：建成妇幼保健服务网络。",
                                 "self_rating": "partly_implemented"})
    assert response.status_code == 302
    response = client.post(url, {"action": "evidence",
                                 "file": SimpleUploadedFile("材料.pdf", PDF)})
    assert response.status_code == 302
    assert Evidence.objects.get(item=item).kind == "pdf"
    coordinator = login("coordinator")
    coordinator.post(url, {"action": "review", "rating": "implemented", "comment": "同意"})
    goal = evaluation.items.filter(goal__isnull=False).first()
    coordinator.post(reverse("reports:item", args=["jixian-women-2021-2025", goal.pk]),
                     {"action": "review", "rating": "partly_met", "comment": ""})

    def missing(content: bytes) -> bytes:
        raise PdfConversionError("pdf.soffice_missing")

    monkeypatch.setattr(actions, "convert_to_pdf", missing)
    response = coordinator.post(reverse("reports:round", args=["jixian-women-2021-2025", evaluation.pk]))
    report = actions.Report.objects.get(plan=plan, kind="final", year=2025)
    report = actions.do_generate_report(report, user("coordinator"))
    measures = report.inputs["evaluation"]["measures"]
    assert measures == [{
        "domain": item.measure.domain.code, "measure": item.measure.number,
        "department": "县卫生健康和体育局", "self_rating": "partly_implemented",
        "text": "测试：建成妇幼保健服务网络。", "review_rating": "implemented",
        "evidence": ["材料.pdf"]}]
    text = "\n".join(p.text for p in open_docx(io.BytesIO(report.docx.read())).paragraphs)
    assert "终期评估报告" in text
    assert "县卫生健康和体育局自评为部分落实，评估组评定为已落实：测试：建成妇幼保健服务网络。" in text


@pytest.mark.parametrize(("name", "content"), [
    ("program.pdf", b"MZ\x90\x00" + b"\x00" * 100),  # an executable named .pdf
    ("photo.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100),  # content and name disagree
    ("empty.pdf", b""),
    ("big.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024)),
    ("notes.txt", b"plain text"),
])
def test_bad_evidence_is_refused_and_nothing_is_stored(
        login: Any, evaluation: Any, media: Any, name: str, content: bytes) -> None:
    from halfsky.web.reports.models import Evidence

    item = health_measure(evaluation)
    response = login("health_reporter").post(
        reverse("reports:item", args=["jixian-women-2021-2025", item.pk]),
        {"action": "evidence", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert "未保存" in response.content.decode() or name == "empty.pdf"  # the form refuses it
    assert not Evidence.objects.exists()
    assert not (media / "evidence").exists() or not any((media / "evidence").rglob("*.*"))


def test_other_departments_and_readers_may_not_write(login: Any, evaluation: Any) -> None:
    item = health_measure(evaluation)
    url = reverse("reports:item", args=["jixian-women-2021-2025", item.pk])
    assert login("education_reporter").get(url).status_code == 403
    assert login("viewer").get(url).status_code == 200
    response = login("viewer").post(url, {"action": "write", "text": "x",
                                          "self_rating": "implemented"})
    assert response.status_code == 403
    response = login("health_reporter").post(url, {"action": "review", "rating": "implemented"})
    assert response.status_code == 403
    round_page = login("education_reporter").get(reverse("reports:round", args=["jixian-women-2021-2025", evaluation.pk]))
    assert "县卫生健康和体育局" not in round_page.content.decode()


def test_the_group_rating_of_a_goal_judges_its_qualitative_indicator(
        plan: Any, user: Any, django_capture_on_commit_callbacks: Any) -> None:
    from halfsky.web.assessments.reassess import ensure_assessed
    from halfsky.web.reports import inputs
    from halfsky.web.reports.actions import do_open_evaluation, do_review_item
    from halfsky.web.reports.models import EvaluationItem

    coordinator = user("coordinator")
    evaluation = do_open_evaluation(plan, "midterm", coordinator)  # 2023
    item = EvaluationItem.objects.get(round=evaluation, goal__domain__code="decision",
                                      goal__number=2)
    for rating, status in (("met", "met"), ("not_met", "at_risk")):
        with django_capture_on_commit_callbacks(execute=True):
            do_review_item(item, rating, "", coordinator)
        ensure_assessed(plan, 2025)  # a report of 2025 assesses the year first
        data = inputs.collect(plan, 2025)
        d01 = next(a for a in data["assessments"] if a["indicator"] == "D01")
        assert d01["status"] == status, rating


def test_evidence_is_downloaded_only_by_those_who_see_the_item(
        login: Any, evaluation: Any) -> None:
    from halfsky.web.reports.models import Evidence

    item = health_measure(evaluation)
    login("health_reporter").post(reverse("reports:item", args=["jixian-women-2021-2025", item.pk]), {
        "action": "evidence", "file": SimpleUploadedFile("材料.pdf", PDF)})
    url = reverse("reports:evidence", args=["jixian-women-2021-2025", Evidence.objects.get(item=item).pk])
    for username in ("health_reporter", "coordinator", "viewer"):
        response = login(username).get(url)
        assert response.status_code == 200, username
        assert b"".join(response.streaming_content) == PDF
        assert "attachment" in response["Content-Disposition"]
    assert login("education_reporter").get(url).status_code == 403
