"""Evaluation reports, the compendium and the engine helper, as models."""

from __future__ import annotations

from types import ModuleType

import pytest

from halfsky.domain.plan import Plan
from halfsky.domain.reports import (
    EvaluationInput,
    EvaluationReport,
    GoalRating,
    IndicatorAssessment,
    IndicatorData,
    MeasureEvaluation,
    Message,
    NationalFigure,
    Paragraph,
    Table,
    build_compendium,
    build_evaluation_report,
    goal_verdict,
)
from halfsky.domain.reports.compendium import nearest_figure


@pytest.fixture(scope="module")
def midterm(plan: Plan, fixed: ModuleType) -> EvaluationReport:
    series = fixed.report_series(plan, 2023)
    assessments = fixed.report_assessments(plan, series, 2023)
    return build_evaluation_report(plan, series, assessments, 2023, fixed.EVALUATION,
                                   info=fixed.INFO)


def test_kind_follows_the_year(plan: Plan, series: list[IndicatorData],
                               assessments: list[IndicatorAssessment],
                               midterm: EvaluationReport) -> None:
    assert midterm.kind == "midterm"
    final = build_evaluation_report(plan, series, assessments, 2025)
    assert final.kind == "final"
    assert final.document().title == Message("report.final.title", {
        "plan": plan.title, "year": "2025", "region": ""})
    with pytest.raises(ValueError):
        build_evaluation_report(plan, series, assessments, 2023, kind="annual")


def test_outline(midterm: EvaluationReport) -> None:
    outline = midterm.document().outline()
    assert [(key, n) for level, key, n in outline if level == 1] == [
        ("summary", 1), ("process", 2), ("progress", 3), ("goals", 4), ("measures", 5),
        ("problems", 6), ("suggestions", 7), ("appendix", None)]
    assert [key for level, key, _ in outline if level == 2][:2] == ["goals.health",
                                                                   "goals.education"]


def test_every_goal_is_judged(midterm: EvaluationReport, plan: Plan) -> None:
    assert len(midterm.goals) == sum(1 for _ in plan.goals()) == 73
    rated = {(g.domain.code, g.goal.number): g for g in midterm.goals}
    assert rated[("health", 4)].verdict == "met" and rated[("health", 4)].by_rating
    assert rated[("health", 4)].comment == "人工流产综合干预措施落实到位"
    assert rated[("education", 1)].verdict == "partly_met"
    assert rated[("law", 1)].verdict == "not_rated"  # qualitative, no rating given
    health2 = rated[("health", 2)]  # H03 and H04: judged by data
    assert not health2.by_rating
    assert [f.code for f in health2.indicators] == ["H03", "H04"]
    assert health2.verdict == goal_verdict([f.status for f in health2.indicators],
                                           final=False)


def test_goal_verdict_rules() -> None:
    assert goal_verdict(["met", "met"], final=False) == "met"
    assert goal_verdict(["met", "expected_to_meet"], final=False) == "expected_to_meet"
    assert goal_verdict(["met", "expected_to_meet"], final=True) == "expected_to_meet"
    assert goal_verdict(["expected_to_meet"], final=True) == "expected_to_meet"
    assert goal_verdict(["expected_to_meet", "at_risk"], final=True) == "partly_met"
    assert goal_verdict(["at_risk", "moving_away"], final=False) == "at_risk"
    assert goal_verdict(["at_risk"], final=True) == "not_met"
    assert goal_verdict(["no_data"], final=True) == "no_data"
    assert goal_verdict(["no_data", "met"], final=True) == "met"


def test_measures_from_self_evaluations(midterm: EvaluationReport, plan: Plan) -> None:
    assert len(midterm.measures) == sum(1 for _ in plan.measures())
    first, second, third = midterm.measures[:3]
    assert (first.verdict, second.verdict, third.verdict) == (
        "implemented", "partly_implemented", "not_reported")
    assert first.lead == "县卫生健康和体育局"
    with pytest.raises(ValueError):
        build_evaluation_report(plan, [], [], 2023, EvaluationInput(measures=(
            MeasureEvaluation("health", 1, "x", "done"),)))
    with pytest.raises(ValueError):
        build_evaluation_report(plan, [], [], 2023, EvaluationInput(goal_ratings=(
            GoalRating("health", 1, "excellent"),)))


def test_progress_table(midterm: EvaluationReport) -> None:
    section = next(s for s in midterm.document().sections if s.key == "progress")
    table = next(b for b in section.blocks if isinstance(b, Table))
    by_name = {row[1]: row for row in table.rows}
    assert "孕产妇死亡率" in by_name
    row = by_name["孕产妇死亡率"]  # 16.8 (2020) → 12.3 (2023), target ≤ 12.5
    assert (row[3], row[4]) == ("16.8", "12.3")
    assert row[6] == Message("status.met")  # met: 已达标, not "104.7" (README: 实现程度)
    behind = next(r for r in table.rows if r[8] != Message("status.met"))
    assert isinstance(behind[6], str) and float(behind[6])  # a level still to reach: a number
    assert row[7] == "60.0"  # (2023 − 2020) / (2025 − 2020)
    # targets met at the baseline have no distance to cover: not in the table
    assert "艾滋病母婴传播率" not in by_name and "小学女童净入学率" not in by_name
    summary = section.blocks[0]
    assert isinstance(summary, Paragraph) and isinstance(summary.text, Message)
    assert summary.text.params["total"] == str(len(table.rows))


def test_compendium(plan: Plan, series: list[IndicatorData],
                    assessments: list[IndicatorAssessment], fixed: ModuleType) -> None:
    model = build_compendium(plan, series, assessments, 2024, fixed.NATIONAL, info=fixed.INFO)
    assert [s.key for s in model.sheets] == [d.code for d in plan.domains]
    health = model.sheets[0]
    h03 = [r for r in health.rows if r.code == "H03"]
    assert [r.is_total for r in h03] == [True, False, False]
    assert h03[0].values == (16.8, 15.2, 14.6, 12.3, 10.2)
    assert h03[1].group == Message("group.urban") and h03[1].values[0] == 12.0
    assert h03[1].values[1] is None
    assert (h03[0].national, h03[0].national_year) == (15.1, 2023)
    assert h03[0].status == Message(f"status.{[a for a in assessments if a.indicator == 'H03'][0].status}")
    totals = sum(1 for s in model.sheets for r in s.rows if r.is_total)
    assert totals == 59


def test_nearest_national_figure() -> None:
    figures = [NationalFigure("x", 2019, 1.0), NationalFigure("x", 2022, 2.0),
               NationalFigure("x", 2026, 3.0), NationalFigure("y", 2024, 9.0)]
    found = nearest_figure(figures, "x", 2024)
    assert found is not None and found.value == 2.0  # never a later year when an earlier exists
    found = nearest_figure(figures, "x", 2018)
    assert found is not None and found.value == 1.0
    assert nearest_figure(figures, "", 2024) is None


def test_the_fixed_data_are_judged_as_the_report_tests_expect(
        plan: Plan, series: list[IndicatorData], fixed: ModuleType) -> None:
    results = fixed.report_assessments(plan, series, 2024)
    h03 = [r for r in results if r.indicator == "H03"]
    assert [(r.target_position, r.status) for r in h03] == [(0, "met"), (1, "met")]
    e03 = next(r for r in results if r.indicator == "E03")
    assert e03.status == "expected_to_meet"
    assert e03.achievement == pytest.approx((94.6 - 90.5) / (95 - 90.5))
    assert e03.time_elapsed == pytest.approx(0.8)
    d01 = next(r for r in results if r.indicator == "D01")  # qualitative: by the rating
    assert d01.status in ("met", "at_risk")
    assert len({r.indicator for r in results}) == 59


def test_a_rating_that_differs_from_the_data_says_so_and_why(
        plan: Plan, fixed: ModuleType) -> None:
    from halfsky.domain.reports.document import Paragraph

    series = fixed.report_series(plan, 2023)
    assessments = fixed.report_assessments(plan, series, 2023)
    plain = build_evaluation_report(plan, series, assessments, 2023)
    judged = next(g for g in plain.goals if (g.domain.code, g.goal.number) == ("health", 2))
    other = "not_met" if judged.verdict != "not_met" else "met"
    rated = build_evaluation_report(plan, series, assessments, 2023, EvaluationInput(
        goal_ratings=(GoalRating("health", 2, other, "数据口径调整"),)))
    goal = next(g for g in rated.goals if (g.domain.code, g.goal.number) == ("health", 2))
    assert goal.verdict == judged.verdict and goal.rating == other  # the data judge the goal
    section = next(s for s in rated.document().sections if s.key == "goals")
    texts = [b.text for s in section.subsections for b in s.blocks if isinstance(b, Paragraph)]
    assert Message("report.eval.rating_differs", {
        "rating": Message(f"goal_verdict.{other}"), "reason": "数据口径调整"}) in texts
