"""The annual report model: outline, sentences as codes + parameters, counts, problems."""

from __future__ import annotations

import math
from types import ModuleType

import pytest

from halfsky.domain.plan import Plan
from halfsky.domain.reports import (
    AnnualReport,
    IndicatorAssessment,
    IndicatorData,
    Message,
    Paragraph,
    Table,
    WarningInput,
    build_annual_report,
    combined_status,
)
from halfsky.domain.reports.numbers import (
    PER_100K_POINT,
    PERCENTAGE_POINT,
    PERMILLE_POINT,
    change_unit,
    decimals_of,
    display_unit,
    format_number,
)


@pytest.fixture(scope="module")
def report(plan: Plan, series: list[IndicatorData], assessments: list[IndicatorAssessment],
           fixed: ModuleType) -> AnnualReport:
    return build_annual_report(plan, series, assessments, 2024, fixed.ANNUAL_TEXTS,
                               fixed.WARNINGS, info=fixed.INFO)


def sentence(report: AnnualReport, code: str) -> Message:
    return next(f.sentence for f in report.indicators if f.code == code)


def test_outline(report: AnnualReport) -> None:
    outline = report.document().outline()
    top = [(key, number) for level, key, number in outline if level == 1]
    assert top == [("context", 1), ("overall", 2), ("domains", 3), ("problems", 4),
                   ("suggestions", 5), ("appendix", None)]
    domains = [key for level, key, _ in outline if level == 2]
    assert domains == [f"domain.{d.code}" for d in report.plan.domains]


def test_maternal_mortality_falls_and_that_is_good(report: AnnualReport) -> None:
    message = sentence(report, "H03")
    assert message.code == "report.level_fell_good"
    params = message.params
    assert (params["year"], params["indicator"], params["value"], params["unit"]) == (
        "2024", "孕产妇死亡率", "10.2", "/10万")
    assert params["change"] == "2.1"  # 12.3 → 10.2, never 2.1000000000000014
    assert params["change_unit"] == Message(PER_100K_POINT)
    assert params["status"] == Message("report.status_clause.met")


@pytest.mark.parametrize(("code", "expected", "value", "change", "unit"), [
    ("E03", "report.level_rose_good", "94.6", "1.2", Message(PERCENTAGE_POINT)),
    ("S01", "report.count_rose_good", "5436", "206", "人"),
    ("H07", "report.level_rose_bad", "7.52", "0.14", Message(PERMILLE_POINT)),
    ("L03", "report.count_fell", "1", "2", "件"),  # neutral: no judgement
])
def test_rises_and_falls(report: AnnualReport, code: str, expected: str, value: str,
                         change: str, unit: object) -> None:
    message = sentence(report, code)
    assert message.code == expected
    assert (message.params["value"], message.params["change"]) == (value, change)
    assert message.params["change_unit"] == unit


def test_every_sentence_number_is_the_data(report: AnnualReport, series: list[IndicatorData],
                                          ) -> None:
    values = {d.code: d.values for d in series}
    for facts in report.indicators:
        params = facts.sentence.params
        own = values[facts.code]
        if 2024 in own:
            assert params["value"] == format_number(own[2024], facts.decimals)
        if 2024 in own and 2023 in own:
            change = abs(round(own[2024], facts.decimals) - round(own[2023], facts.decimals))
            assert float(str(params["change"])) == pytest.approx(change)


def test_no_value_this_year(plan: Plan, series: list[IndicatorData],
                            assessments: list[IndicatorAssessment]) -> None:
    trimmed = [IndicatorData(d.code, {y: v for y, v in d.values.items() if y < 2024}
                             if d.code == "H03" else d.values) for d in series]
    trimmed = [d if d.code != "S01" else IndicatorData("S01", {}) for d in trimmed]
    report = build_annual_report(plan, trimmed, assessments, 2024)
    h03 = sentence(report, "H03")
    assert h03.code == "report.latest_only"
    assert (h03.params["latest_year"], h03.params["value"]) == ("2023", "12.3")
    assert sentence(report, "S01").code == "report.no_data"


def test_values_after_the_year_are_ignored(plan: Plan, series: list[IndicatorData],
                                           assessments: list[IndicatorAssessment]) -> None:
    report = build_annual_report(plan, series, assessments, 2023)
    assert sentence(report, "H03").params["value"] == "12.3"
    assert report.years == (2020, 2021, 2022, 2023)
    with pytest.raises(ValueError):
        build_annual_report(plan, series, assessments, 2019)


def test_combined_status() -> None:
    assert combined_status([]) == "no_data"
    assert combined_status(["no_data", "met"]) == "met"
    assert combined_status(["met", "expected_to_meet"]) == "expected_to_meet"
    assert combined_status(["at_risk", "moving_away", "met"]) == "moving_away"
    with pytest.raises(ValueError):
        combined_status(["target_met"])


def test_overall_counts_and_rates(report: AnnualReport) -> None:
    summary = report.overall
    assert summary.total == len(report.plan.indicators) == 59
    assert sum(summary.counts.values()) == summary.total
    assert summary.met == summary.counts["met"]
    assert summary.rate_all == pytest.approx(summary.met / summary.total)
    assert summary.monitored == summary.total - summary.counts["no_data"]
    table = next(b for b in report.document().sections[1].blocks if isinstance(b, Table))
    total_row = table.rows[-1]
    assert total_row[1] == "59" and total_row[2] == str(summary.met)
    assert total_row[-1] == format_number(summary.rate_all * 100, 1)
    per_domain = [int(str(row[1])) for row in table.rows[:-1]]
    assert sum(per_domain) == 59


def test_problems_come_from_warnings_in_plan_order(report: AnnualReport) -> None:
    codes = [p.text.code for p in report.problems if isinstance(p.text, Message)]
    # H07 (health) before E03 (education); each followed by the department's response
    assert codes == ["report.problem", "report.response", "report.problem", "report.no_response"]
    first = report.problems[0].text
    assert isinstance(first, Message)
    assert first.params["indicator"] == "育龄妇女人工流产率"
    assert first.params["value"] == "7.52" and first.params["unit"] == "‰"
    with pytest.raises(ValueError):
        build_annual_report(report.plan, [], [], 2024, warnings=[WarningInput("H03", ("odd",))])


def test_editable_texts_and_placeholders(plan: Plan) -> None:
    report = build_annual_report(plan, [], [], 2024)
    sections = {s.key: s for s in report.document().sections}
    first = sections["context"].blocks[0]
    assert isinstance(first, Paragraph) and first.text == Message("report.text_missing")
    problems = sections["problems"].blocks
    assert [b.text for b in problems if isinstance(b, Paragraph)] == [
        Message("report.no_problems")]
    assert report.overall.counts["no_data"] == 59 and math.isnan(report.overall.rate_monitored)
    assert all(part.chart is None for part in report.domains)


def test_appendix_has_every_indicator_and_year(report: AnnualReport,
                                               series: list[IndicatorData]) -> None:
    appendix = report.document().sections[-1]
    table = appendix.blocks[0]
    assert isinstance(table, Table)
    assert len(table.rows) == 59 and len(table.header) == 3 + 5 + 2
    values = {d.code: d.values for d in series}
    for facts, row in zip(report.indicators, table.rows, strict=True):
        assert row[1] == facts.indicator.name and row[2] == facts.indicator.unit
        for offset, year in enumerate(range(2020, 2025)):
            value = values[facts.code].get(year)
            expected = format_number(value, facts.decimals) if value is not None else "—"
            assert row[3 + offset] == expected
        assert row[-1] == Message(f"status.{facts.status}")


def test_numbers_and_units(plan: Plan) -> None:
    assert decimals_of(12.5) == 1 and decimals_of(99.95) == 2 and decimals_of(5200.0) == 0
    assert decimals_of(0.1 + 0.2) == 1
    assert format_number(-0.0, 1) == "0.0" and format_number(2.05, 1) in ("2.0", "2.1")
    assert display_unit("1/10万") == "/10万" and display_unit("%") == "%"
    units = {i.code: change_unit(i) for i in plan.indicators}
    assert units["H03"] == Message(PER_100K_POINT)
    assert units["H07"] == Message(PERMILLE_POINT)
    assert units["E03"] == Message(PERCENTAGE_POINT)
    assert units["H01"] == "岁" and units["S01"] == "人" and units["F02"] == "个"
    assert units["F01"] == "分钟"
