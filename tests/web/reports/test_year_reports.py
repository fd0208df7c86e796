"""Departments' yearly reports (规划落实情况和下一年工作安排): written and submitted by the
department, returned by the coordinator, counted on the list, quoted in the evaluation
report."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.urls import reverse
from docx import Document as open_docx

HEALTH = "县卫生健康和体育局"
DONE = "测试：2023年开展两癌筛查1.2万人次。"
PLANNED = "测试：2024年推进妇幼保健院标准化建设。"


def page(year: int, department: str) -> str:
    return reverse("reports:year_report", args=["jixian-women-2021-2025", year, department])


def write(client: Any, year: int, action: str, done: str = DONE, planned: str = PLANNED,
          department: str = "health") -> Any:
    return client.post(page(year, department), {"action": action, "implementation": done,
                                                "next_year": planned})


def stored(year: int, code: str = "health") -> Any:
    from halfsky.web.reports.models import DepartmentYearReport

    return DepartmentYearReport.objects.filter(year=year, department__code=code).first()


def test_the_department_writes_saves_and_its_head_submits(login: Any, user: Any) -> None:
    from halfsky.web.core.models import Notification

    reporter = login("health_reporter")
    assert "规划落实情况" in reporter.get(page(2023, "health")).content.decode()
    assert write(reporter, 2023, "save").status_code == 302
    report = stored(2023)
    assert (report.state, report.implementation, report.next_year) == ("draft", DONE, PLANNED)
    shown = reporter.get(page(2023, "health")).content.decode()
    assert DONE in shown and 'data-state="draft"' in shown
    # the reporter may not submit: the head does
    assert "Save and submit" not in shown and "保存并报送" not in shown
    write(reporter, 2023, "submit")
    assert stored(2023).state == "draft"
    head = login("health_head")
    assert write(head, 2023, "submit").status_code == 302
    report = stored(2023)
    assert report.state == "submitted"
    assert report.submitted_by == user("health_head") and report.submitted_at is not None
    assert Notification.objects.filter(user=user("coordinator"), code="year_report.submitted",
                                       link=page(2023, "health")).exists()
    # submitted: no longer editable by the department
    assert write(reporter, 2023, "save", done="改写").status_code == 400
    assert stored(2023).implementation == DONE


def test_submitting_needs_both_texts(login: Any) -> None:
    response = write(login("health_head"), 2024, "submit", planned="")
    assert response.status_code == 400
    assert stored(2024).state == "draft"


def test_other_departments_and_other_roles_get_403(login: Any) -> None:
    write(login("health_reporter"), 2023, "save")
    other = login("education_reporter")
    assert other.get(page(2023, "health")).status_code == 403
    assert write(other, 2023, "save", done="他人改写").status_code == 403
    assert stored(2023).implementation == DONE
    for name in ("viewer", "leader"):
        assert login(name).get(page(2023, "health")).status_code == 403
        assert login(name).get(reverse("reports:year_reports", args=["jixian-women-2021-2025", 2023])).status_code == 403
    # the coordinator reads but does not write the department's text
    coordinator = login("coordinator")
    assert DONE in coordinator.get(page(2023, "health")).content.decode()
    assert write(coordinator, 2023, "save", done="协调员改写").status_code == 403
    assert stored(2023).implementation == DONE
    # years outside the plan do not exist
    assert login("health_reporter").get(page(2019, "health")).status_code == 404


def test_the_coordinator_returns_with_a_comment_and_the_department_resubmits(
        login: Any, user: Any) -> None:
    from halfsky.web.core.models import Notification

    write(login("health_head"), 2023, "submit")
    coordinator = login("coordinator")
    response = coordinator.post(page(2023, "health"), {"action": "return", "comment": ""})
    assert response.status_code == 400 and stored(2023).state == "submitted"
    response = coordinator.post(page(2023, "health"),
                                {"action": "return", "comment": "请补充筛查覆盖率"})
    assert response.status_code == 302
    report = stored(2023)
    assert (report.state, report.return_comment) == ("returned", "请补充筛查覆盖率")
    for name in ("health_reporter", "health_head"):
        assert Notification.objects.filter(user=user(name), code="year_report.returned",
                                           link=page(2023, "health")).exists()
    assert not Notification.objects.filter(user=user("education_reporter"),
                                           code="year_report.returned").exists()
    shown = login("health_reporter").get(page(2023, "health")).content.decode()
    assert "请补充筛查覆盖率" in shown and 'data-state="returned"' in shown
    assert login("health_reporter").post(page(2023, "health"), {
        "action": "return", "comment": "x"}).status_code == 403
    write(login("health_head"), 2023, "submit", done=DONE + "覆盖率95%。")
    assert stored(2023).state == "submitted"


def test_the_list_counts_the_submitted_reports(login: Any, plan: Any) -> None:
    from halfsky.web.reports.year_reports import plan_departments

    total = plan_departments(plan).count()
    assert total > 5
    write(login("health_head"), 2023, "submit")
    write(login("education_reporter"), 2023, "save", department="education")
    response = login("coordinator").get(reverse("reports:year_reports", args=["jixian-women-2021-2025", 2023]))
    content = response.content.decode()
    assert f'data-count="1/{total}"' in content
    assert f"已报送 1 / {total}" in content or f"Submitted 1 / {total}" in content
    assert content.count('data-state="none"') == total - 2
    assert 'data-department="health"' in content
    row = content.split('data-department="health"')[1].split("</tr>")[0]
    assert 'data-state="submitted"' in row and "health_head" in row
    row = content.split('data-department="education"')[1].split("</tr>")[0]
    assert 'data-state="draft"' in row
    # another year counts its own
    other = login("coordinator").get(reverse("reports:year_reports", args=["jixian-women-2021-2025", 2024]))
    assert f'data-count="0/{total}"' in other.content.decode()
    # a department user is taken to the department's own report
    assert login("health_reporter").get(reverse("reports:year_reports", args=["jixian-women-2021-2025", 2023]))[
        "Location"] == page(2023, "health")


def test_reachable_from_the_reports_page(login: Any) -> None:
    for name in ("health_reporter", "coordinator"):
        index = login(name).get(reverse("reports:index", args=["jixian-women-2021-2025"])).content.decode()
        assert reverse("reports:year_index", args=["jixian-women-2021-2025"]) in index
        assert login(name).get(reverse("reports:year_index", args=["jixian-women-2021-2025"])).status_code == 302
    assert reverse("reports:year_index", args=["jixian-women-2021-2025"]) not in login("viewer").get(
        reverse("reports:index", args=["jixian-women-2021-2025"])).content.decode()


@pytest.mark.parametrize("kind", ["final", "midterm"])
def test_the_evaluation_report_quotes_the_submitted_reports_only(
        login: Any, plan: Any, user: Any, monkeypatch: Any, kind: str) -> None:
    from halfsky.formats.reports import PdfConversionError
    from halfsky.formats.reports.phrases import fill
    from halfsky.web.core.text.report_phrases import report_phrases
    from halfsky.web.reports import actions

    head = login("health_head")
    write(head, 2023, "submit")
    write(head, 2024, "submit", done="测试：2024年新建妇女儿童之家5所。",
          planned="测试：2025年实现妇女儿童之家全覆盖。")
    write(login("education_reporter"), 2023, "save", done="测试草稿：不应出现在报告中。",
          department="education")

    def missing(content: bytes) -> bytes:
        raise PdfConversionError("pdf.soffice_missing")

    monkeypatch.setattr(actions, "convert_to_pdf", missing)
    year = actions.EVALUATION_YEARS[kind]
    report = actions.do_create_report(plan, kind, year, user("coordinator"))
    report = actions.do_generate_report(report, user("coordinator"))
    filed = report.inputs["evaluation"]["year_reports"]
    expected = [{"department": HEALTH, "year": 2023, "implementation": DONE,
                 "next_year": PLANNED}]
    if kind == "final":
        expected.append({"department": HEALTH, "year": 2024,
                         "implementation": "测试：2024年新建妇女儿童之家5所。",
                         "next_year": "测试：2025年实现妇女儿童之家全覆盖。"})
    assert filed == expected
    text = "\n".join(p.text for p in open_docx(io.BytesIO(report.docx.read())).paragraphs)
    # the wording of the active language (各成员单位年度落实情况, 2023年规划落实情况 in Chinese)
    words = report_phrases()
    headings = [line for line in text.splitlines()
                if line.endswith(words["report.eval.year_reports"])]
    assert len(headings) == 1  # a subsection of 五、策略措施落实情况
    problems = "\n" + fill(words["heading.1"], {"n": "6", "cn": "六",
                                                  "title": words["report.eval.problems"]})
    assert problems in text
    quoted = text.split(headings[0])[1].split(problems)[0]
    assert HEALTH in quoted
    assert fill(words["report.eval.year_report.implementation"], {"year": "2023"}) in quoted
    assert fill(words["report.eval.year_report.next_year"], {"year": "2024"}) in quoted
    assert DONE in quoted and PLANNED in quoted
    assert ("2024年新建妇女儿童之家5所" in quoted) == (kind == "final")
    assert "测试草稿" not in text


def test_a_published_report_keeps_its_year_reports(login: Any, plan: Any, user: Any,
                                                   monkeypatch: Any) -> None:
    from halfsky.formats.reports import PdfConversionError
    from halfsky.web.reports import actions

    def missing(content: bytes) -> bytes:
        raise PdfConversionError("pdf.soffice_missing")

    monkeypatch.setattr(actions, "convert_to_pdf", missing)
    write(login("health_head"), 2023, "submit")
    coordinator = user("coordinator")
    report = actions.do_generate_report(
        actions.do_create_report(plan, "final", 2025, coordinator), coordinator)
    for step in (actions.do_review_report, actions.do_approve_report, actions.do_publish_report):
        report = step(report, user("admin"))
    login("coordinator").post(page(2023, "health"), {"action": "return", "comment": "补充"})
    report = actions.do_generate_report(report, coordinator)
    text = "\n".join(p.text for p in open_docx(io.BytesIO(report.docx.read())).paragraphs)
    assert DONE in text  # regenerated from the stored inputs, not today's state



def test_the_demo_files_sample_reports_once(login: Any, plan: Any) -> None:
    from halfsky.web.demo import DEMO_PASSWORD
    from halfsky.web.demo_round import YEAR_REPORTS, set_up_demo_year_reports
    from halfsky.web.reports.models import DepartmentYearReport

    out = io.StringIO()
    set_up_demo_year_reports(plan, DEMO_PASSWORD, out)
    set_up_demo_year_reports(plan, DEMO_PASSWORD, out)  # again: nothing more
    rows = DepartmentYearReport.objects.filter(plan=plan)
    assert rows.count() == len(YEAR_REPORTS) == 5
    assert all(r.is_sample and r.implementation.startswith("示例") for r in rows)
    assert sorted(rows.values_list("state", flat=True)) == [
        "draft", "returned", "submitted", "submitted", "submitted"]
    content = login("coordinator").get(reverse("reports:year_reports", args=["jixian-women-2021-2025", 2024])).content
    assert 'data-count="1/' in content.decode()
    assert "sample-badge" in content.decode()
