"""各成员单位年度落实情况: the departments' yearly reports in the evaluation reports."""

from __future__ import annotations

from types import ModuleType

from halfsky.domain.plan import Plan
from halfsky.domain.reports import (
    DepartmentYearReport,
    EvaluationInput,
    EvaluationReport,
    Message,
    Paragraph,
    Section,
    build_evaluation_report,
)

REPORTS = (
    DepartmentYearReport("县卫生健康和体育局", 2022, "开展两癌筛查。", "推进妇幼保健院建设。\n完善转诊网络。"),
    DepartmentYearReport("县教育局", 2021, "落实学生资助政策。", ""),
    DepartmentYearReport("县卫生健康和体育局", 2021, "建成孕产妇救治中心。", "扩大筛查范围。"),
    DepartmentYearReport("县教育局", 2024, "2024年的落实情况。", "2025年安排。"),
)


def report(plan: Plan, fixed: ModuleType, year: int,
           reports: tuple[DepartmentYearReport, ...] = REPORTS) -> EvaluationReport:
    series = fixed.report_series(plan, year)
    return build_evaluation_report(
        plan, series, fixed.report_assessments(plan, series, year), year,
        EvaluationInput(measures=fixed.EVALUATION.measures, year_reports=reports))


def section(model: EvaluationReport) -> Section:
    measures = next(s for s in model.document().sections if s.key == "measures")
    return measures.subsections[-1]


def texts(part: Section) -> list[object]:
    return [b.text for b in part.blocks if isinstance(b, Paragraph)]


def test_the_last_subsection_of_the_measures_quotes_each_department_by_year(
        plan: Plan, fixed: ModuleType) -> None:
    midterm = report(plan, fixed, 2023)
    part = section(midterm)
    measures = next(s for s in midterm.document().sections if s.key == "measures")
    assert part.key == "year_reports" and part.number == len(measures.subsections)
    assert part.heading == Message("report.eval.year_reports")
    # 2024 is after the mid-term: left out
    assert texts(part)[0] == Message("report.eval.year_reports_summary", {
        "departments": "2", "reports": "3",
        "years": texts(part)[0].params["years"]})  # type: ignore[union-attr]
    assert [s.heading for s in part.subsections] == ["县卫生健康和体育局", "县教育局"]
    health = texts(part.subsections[0])
    assert health == [
        Message("report.eval.year_report.implementation", {"year": "2021"}), "建成孕产妇救治中心。",
        Message("report.eval.year_report.next_year", {"year": "2022"}), "扩大筛查范围。",
        Message("report.eval.year_report.implementation", {"year": "2022"}), "开展两癌筛查。",
        Message("report.eval.year_report.next_year", {"year": "2023"}), "推进妇幼保健院建设。",
        "完善转诊网络。"]
    education = texts(part.subsections[1])
    assert education[-1] == Message("report.not_given")  # no work plan written
    assert "2024年的落实情况。" not in education
    final = section(report(plan, fixed, 2025))
    assert "2024年的落实情况。" in texts(final.subsections[1])


def test_without_reports_the_subsection_says_so(plan: Plan, fixed: ModuleType) -> None:
    part = section(report(plan, fixed, 2023, ()))
    assert texts(part) == [Message("report.eval.year_reports_none")]
    assert part.subsections == ()
