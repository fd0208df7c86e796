"""The annual report from the web: generation from the demo data, downloads, states, phrases."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from docx import Document as open_docx

from halfsky.formats.reports import find_soffice


def text_of(content: bytes) -> str:
    document = open_docx(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_every_report_phrase_is_translated_to_the_chinese_of_the_reports() -> None:
    import importlib.util
    from pathlib import Path

    from django.utils import translation

    from halfsky.web.core.text.report_phrases import report_phrases

    path = Path(__file__).resolve().parents[2] / "formats" / "reports" / "conftest.py"
    spec = importlib.util.spec_from_file_location("report_conftest", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with translation.override("zh-hans"):
        assert report_phrases() == dict(module.ZH_PHRASES)
    with translation.override("en"):
        assert report_phrases()["status.met"] == "met"


def test_coordinator_generates_the_annual_report_with_the_numbers_of_the_data(
        login: Any, plan: Any) -> None:
    from halfsky.web.reports.models import Report
    from halfsky.web.values.models import Observation, ValueStatus

    client = login("coordinator")
    response = client.post(reverse("reports:index", args=["jixian-women-2021-2025"]), {"year": 2024})
    report = Report.objects.get(plan=plan, kind="annual", year=2024)
    assert response.url == reverse("reports:report", args=["jixian-women-2021-2025", report.pk])
    client.post(reverse("reports:report", args=["jixian-women-2021-2025", report.pk]),
                {"issuer": "吉县妇女儿童工作委员会办公室", "context": "测试：吉县基本情况。",
                 "suggestions": "测试：对策建议。"})
    response = client.post(reverse("reports:generate", args=["jixian-women-2021-2025", report.pk]), follow=True)
    assert "报告已生成" in response.content.decode()
    report.refresh_from_db()
    assert report.docx and report.xlsx and report.generated_by.username == "coordinator"
    content = report.docx.read()
    text = text_of(content)
    assert "2024年度监测报告" in text and f"{report.inputs['issued'][:4]}年" in text and "测试：吉县基本情况。" in text and "测试：对策建议。" in text
    tables = open_docx(io.BytesIO(content)).tables
    appendix = tables[-1]
    checked = 0
    for code in ("H01", "H05", "E01", "E03", "S01"):
        row = Observation.objects.filter(indicator__plan=plan, indicator__code=code, year=2024,
                                         area=plan.region, breakdown="",
                                         status=ValueStatus.APPROVED).first()
        if row is None:
            continue
        name = row.indicator.name
        stored = {s["code"]: s for s in report.inputs["series"]}[code]
        assert stored["values"]["2024"] == row.value  # the inputs kept are the data
        # the appendix row of the indicator: its 2024 cell is the value, rounded as printed
        cells = next([c.text for c in r.cells] for r in appendix.rows if name in r.cells[1].text)
        header = [c.text for c in appendix.rows[0].cells]
        printed = cells[next(i for i, h in enumerate(header) if h.startswith("2024"))]
        decimals = len(printed.partition(".")[2])
        assert float(printed) == pytest.approx(round(row.value, decimals), abs=1e-9)
        # and the sentence of 分领域情况 says the same number
        assert f"2024年，{name}为{printed}" in text
        checked += 1
    assert checked >= 2
    if find_soffice() is not None:
        assert report.pdf and report.pdf.read()[:5] == b"%PDF-"
    else:
        assert report.pdf_problem == "pdf.soffice_missing"
    for fmt in ("docx", "xlsx"):
        download = client.get(reverse("reports:download", args=["jixian-women-2021-2025", report.pk, fmt]))
        assert download.status_code == 200
        assert download["Content-Disposition"].startswith("attachment")


def _generated(plan: Any, user: Any) -> Any:
    from halfsky.web.reports.actions import do_create_report, do_generate_report

    report = do_create_report(plan, "annual", 2024, user("coordinator"))
    return do_generate_report(report, user("coordinator"))


@pytest.fixture
def no_pdf(monkeypatch: Any) -> None:
    from halfsky.formats.reports import PdfConversionError
    from halfsky.web.reports import actions

    def missing(content: bytes) -> bytes:
        raise PdfConversionError("pdf.soffice_missing")

    monkeypatch.setattr(actions, "convert_to_pdf", missing)


def test_states_move_one_step_at_a_time_by_the_right_role(plan: Any, user: Any,
                                                           no_pdf: None) -> None:
    from halfsky.web.audit.models import AuditEvent
    from halfsky.web.core.errors import ActionError
    from halfsky.web.reports import actions

    report = _generated(plan, user)
    assert report.pdf_problem == "pdf.soffice_missing" and not report.pdf
    with pytest.raises(ActionError):
        actions.do_approve_report(report, user("leader"))  # not reviewed yet
    with pytest.raises(ActionError):
        actions.do_review_report(report, user("viewer"))
    report = actions.do_review_report(report, user("statistics"))
    with pytest.raises(ActionError):
        actions.do_approve_report(report, user("coordinator"))
    report = actions.do_approve_report(report, user("leader"))
    with pytest.raises(ActionError):
        actions.do_publish_report(report, user("leader"))
    report = actions.do_publish_report(report, user("coordinator"))
    assert report.state == "published"
    with pytest.raises(ActionError):
        actions.do_save_texts(report, {"context": "x"}, user("coordinator"))
    actions_done = list(AuditEvent.objects.filter(object_type="report", object_key=str(report.pk)).order_by("pk")
                        .values_list("action", flat=True))
    assert actions_done == ["report.create", "report.generate", "report.review",
                            "report.approve", "report.publish"]


def test_published_report_keeps_its_values_and_shows_what_changed(
        plan: Any, user: Any, login: Any, no_pdf: None) -> None:
    from halfsky.web.reports import actions
    from halfsky.web.values.models import Observation, ValueStatus

    report = _generated(plan, user)
    for step in (actions.do_review_report, actions.do_approve_report,
                 actions.do_publish_report):
        report = step(report, user({"do_review_report": "coordinator",
                                    "do_approve_report": "leader"}.get(step.__name__,
                                                                       "coordinator")))
    first = report.docx.read()
    kept = report.inputs
    row = Observation.objects.filter(indicator__plan=plan, year=2024, area=plan.region,
                                     breakdown="", status=ValueStatus.APPROVED).first()
    Observation.objects.filter(pk=row.pk).update(value=row.value + 1)
    page = login("leader").get(reverse("reports:report", args=["jixian-women-2021-2025", report.pk])).content.decode()
    assert "报告生成后的数据变化" in page and row.indicator.code in page
    report = actions.do_generate_report(report, user("coordinator"))
    assert report.state == "published" and report.inputs == kept
    assert text_of(report.docx.read()) == text_of(first)


@pytest.mark.parametrize(("username", "status"), [
    ("viewer", 200), ("leader", 200), ("statistics", 200), ("health_reporter", 200),
    ("stranger", 403)])
def test_who_reads_the_reports_page(login: Any, username: str, status: int) -> None:
    assert login(username).get(reverse("reports:index", args=["jixian-women-2021-2025"])).status_code == status


def test_readers_may_not_generate_and_departments_not_read(
        login: Any, plan: Any, user: Any, no_pdf: None) -> None:
    report = _generated(plan, user)
    assert login("viewer").post(reverse("reports:generate", args=["jixian-women-2021-2025", report.pk])).status_code == 403
    assert login("leader").post(reverse("reports:index", args=["jixian-women-2021-2025"]), {"year": 2023}).status_code == 403
    reporter = login("health_reporter")
    assert reporter.get(reverse("reports:report", args=["jixian-women-2021-2025", report.pk])).status_code == 403
    assert reporter.get(reverse("reports:download", args=["jixian-women-2021-2025", report.pk, "docx"])).status_code == 403


def test_a_user_who_chose_english_gets_the_report_in_english(
        login: Any, plan: Any, no_pdf: None) -> None:
    from halfsky.web.reports.models import Report

    client = login("coordinator")
    client.cookies["django_language"] = "en"
    client.post(reverse("reports:index", args=["jixian-women-2021-2025"]), {"year": 2023})
    report = Report.objects.get(plan=plan, kind="annual", year=2023)
    response = client.post(reverse("reports:generate", args=["jixian-women-2021-2025", report.pk]), follow=True)
    assert "Report generated" in response.content.decode()
    report.refresh_from_db()
    text = text_of(report.docx.read())
    assert "monitoring report 2023" in text and "年度监测报告" not in text


def test_the_state_buttons_move_the_report_by_role(plan: Any, user: Any, login: Any,
                                                   no_pdf: None) -> None:
    report = _generated(plan, user)
    review = reverse("reports:transition", args=["jixian-women-2021-2025", report.pk, "review"])
    assert login("viewer").post(review).status_code == 403
    assert login("coordinator").post(reverse("reports:transition",
                                             args=["jixian-women-2021-2025", report.pk, "sign"])).status_code == 404
    page = login("coordinator").post(review, follow=True).content.decode()
    report.refresh_from_db()
    assert report.state == "reviewed" and "报告状态已更新" in page
    approve = reverse("reports:transition", args=["jixian-women-2021-2025", report.pk, "approve"])
    refused = login("coordinator").post(approve)
    assert refused.status_code == 403
    login("leader").post(approve)
    report.refresh_from_db()
    assert report.state == "approved"


def test_a_report_reads_its_years_stored_assessment_reassessed_first_when_stale(
        plan: Any, user: Any, monkeypatch: Any) -> None:
    from halfsky.web.assessments.models import AssessmentResult, PendingRecompute
    from halfsky.web.reports import actions
    from halfsky.web.values.actions.store import Change, store_values
    from halfsky.web.values.models import Observation

    monkeypatch.setattr(actions, "build_files", lambda report, data, progress=None: (
        {"docx": b"docx", "xlsx": b"xlsx"}, "", {}))  # the inputs are what is looked at

    def h12(report: Any) -> dict[str, Any]:
        return next(a for a in report.inputs["assessments"] if a["indicator"] == "H12")

    report = actions.do_create_report(plan, "annual", 2025, user("coordinator"))
    assert not AssessmentResult.objects.filter(plan=plan, year=2025).exists()
    report = actions.do_generate_report(report, user("coordinator"))  # never assessed: now is
    first = h12(report)
    assert AssessmentResult.objects.filter(plan=plan, year=2025).exists()
    value = Observation.objects.get(indicator__plan=plan, indicator__code="H12",
                                    area=plan.region, year=2024, breakdown="")
    before = value.snapshot()
    value.value = round(value.value * 0.8, 1)
    store_values([Change(value, before)], "correct")  # not committed: the year waits
    assert PendingRecompute.objects.filter(plan=plan, year=2025).exists()
    report = actions.do_generate_report(report, user("coordinator"))
    assert h12(report) != first and h12(report)["status"]
    assert not PendingRecompute.objects.filter(plan=plan, year=2025).exists()


def test_a_published_report_kept_without_assessments_takes_its_years_stored_ones(
        plan: Any, user: Any, monkeypatch: Any) -> None:
    from halfsky.web.reports import actions
    from halfsky.web.reports.inputs import stored_assessments
    from halfsky.web.reports.models import Report

    monkeypatch.setattr(actions, "build_files", lambda report, data, progress=None: (
        {"docx": b"docx", "xlsx": b"xlsx"}, "", {}))
    report = actions.do_create_report(plan, "annual", 2024, user("coordinator"))
    report = actions.do_generate_report(report, user("coordinator"))
    for step, name in ((actions.do_review_report, "coordinator"),
                       (actions.do_approve_report, "leader"),
                       (actions.do_publish_report, "coordinator")):
        report = step(report, user(name))
    kept = {**report.inputs, "assessments": None}  # as a year never assessed was kept before
    Report.objects.filter(pk=report.pk).update(inputs=kept)
    report = actions.do_generate_report(Report.objects.get(pk=report.pk), user("coordinator"))
    assert report.inputs == {**kept, "assessments": stored_assessments(plan, 2024)}
    assert report.inputs["assessments"]


def test_the_editable_sections_are_a_form_a_clerk_understands(login: Any, plan: Any) -> None:
    import re

    from halfsky.web.reports.models import Report

    client = login("coordinator")
    client.post(reverse("reports:index", args=["jixian-women-2021-2025"]), {"year": 2024})
    report = Report.objects.get(plan=plan, kind="annual", year=2024)
    url = reverse("reports:report", args=["jixian-women-2021-2025", report.pk])
    page = client.get(url).content.decode()
    form = page.split("data-report-texts")[1].split("</form>")[0]
    sections = re.findall(r'<fieldset class="report-section" data-section="(\w+)">\s*'
                          r'<legend><label for="id_(\w+)">([^<]+)</label></legend>\s*'
                          r'<p class="help" id="id_(\w+)_helptext">([^<]+)</p>', form)
    assert [s[0] for s in sections] == ["issuer", "context", "problems", "suggestions"]
    assert all(s[0] == s[1] == s[3] and s[2] and s[4] for s in sections)
    assert "基本情况" in dict((s[0], s[4]) for s in sections)["context"]
    assert 'aria-describedby="id_context_helptext"' in form
    assert form.rindex("</fieldset>") < form.index('type="submit"')  # the button at the end
    # an error is shown beside its section, the text typed is kept, nothing is saved
    refused = client.post(url, {"issuer": "吉县" * 150, "context": "吉县基本情况。"})
    assert refused.status_code == 422
    page = refused.content.decode()
    issuer = page.split('data-section="issuer"')[1].split("</fieldset>")[0]
    assert 'class="error field-error"' in issuer and "200" in issuer
    assert "吉县基本情况。" in page.split('data-section="context"')[1].split("</fieldset>")[0]
    report.refresh_from_db()
    assert report.texts == {}
    saved = client.post(url, {"issuer": "吉县妇儿工委办", "context": "吉县基本情况。"})
    assert saved.status_code == 302
    report.refresh_from_db()
    assert report.texts["context"] == "吉县基本情况。"
