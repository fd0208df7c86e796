"""Fixed report data for the tests: the Ji County plan, demo values with a few series set by
hand, editable texts, warnings, an evaluation's inputs and national figures.

The series set by hand check the wording of rises, falls and units exactly:
maternal mortality falls (good, 个十万分点), a percentage rises (个百分点), a
count rises (人), a ‰ rate rises (bad, 个千分点), a neutral count falls (件).
Loaded by path from the conftests of tests/domain/reports and
tests/formats/reports, ``docs/reports/make_pages.py`` and
``benchmarks/annual_report.py``.
"""

from __future__ import annotations

from collections.abc import Mapping

from halfsky.domain.plan import Plan
from halfsky.domain.reports import (
    AnnualTexts,
    EvaluationInput,
    EvaluationTexts,
    GoalRating,
    GroupValues,
    IndicatorAssessment,
    IndicatorData,
    MeasureEvaluation,
    NationalFigure,
    ReportInfo,
    WarningInput,
    assess_plan,
)
from halfsky.formats.plan_file import load_plan
from tests.domain.reports.demo import demo_report_data

PLAN_CODE = "jixian-women-2021-2025"
INFO = ReportInfo(region_name="吉县", issuer="吉县妇女儿童工作委员会办公室", date="2025年3月")

FIXED: Mapping[str, Mapping[int, float]] = {
    "H03": {2020: 16.8, 2021: 15.2, 2022: 14.6, 2023: 12.3, 2024: 10.2},  # 1/10万, lower
    "E03": {2020: 90.5, 2021: 91.2, 2022: 92.0, 2023: 93.4, 2024: 94.6},  # %, higher
    "S01": {2020: 5012, 2021: 5120, 2022: 5188, 2023: 5230, 2024: 5436},  # 人, higher
    "H07": {2020: 8.12, 2021: 7.95, 2022: 7.61, 2023: 7.38, 2024: 7.52},  # ‰, lower
    "L03": {2020: 3, 2021: 2, 2022: 4, 2023: 3, 2024: 1},  # 件, neutral
}


def report_plan() -> Plan:
    return load_plan(PLAN_CODE)


def report_series(plan: Plan, last_year: int = 2024) -> list[IndicatorData]:
    series, _ratings = demo_report_data(plan, range(2020, last_year + 1))
    fixed = []
    for data in series:
        values = FIXED.get(data.code)
        if values is None:
            fixed.append(data)
            continue
        kept = {y: v for y, v in values.items() if y <= last_year}
        fixed.append(IndicatorData(data.code, kept, (), sample=True))
    h03 = next(d for d in fixed if d.code == "H03")
    fixed[fixed.index(h03)] = IndicatorData("H03", h03.values, (
        GroupValues("urban_rural=urban", {2020: 12.0, 2024: 9.0}),
        GroupValues("urban_rural=rural", {2020: 19.5, 2024: 11.0})), sample=True)
    return fixed


def report_ratings(plan: Plan, last_year: int = 2024) -> dict[str, str]:
    return demo_report_data(plan, range(2020, last_year + 1))[1]


def report_assessments(plan: Plan, series: list[IndicatorData],
                       year: int) -> list[IndicatorAssessment]:
    return assess_plan(plan, series, year, report_ratings(plan, year))


ANNUAL_TEXTS = AnnualTexts(
    context="吉县位于山西省西南部、临汾市西部，全县常住人口约9.5万人，其中女性约4.6万人。\n"
            "2024年，县妇儿工委各成员单位认真落实规划各项任务，妇女发展环境持续改善。",
    problems="部分指标统计口径与上级规划不完全一致，个别部门数据报送不够及时。",
    suggestions="一是加强部门协作，压实成员单位责任。\n二是完善分性别统计制度，提高数据质量。\n"
                "三是对预警指标开展专项督导，确保规划目标如期实现。",
)

WARNINGS = (
    WarningInput("H07", ("moving_away",), "县卫生健康和体育局", cause="育龄妇女避孕节育知识普及不足",
                 action="加强婚前和孕前保健宣传，推广避孕节育服务"),
    WarningInput("E03", ("forecast_miss", "volatile"), "县教育科技局"),
)

EVALUATION = EvaluationInput(
    texts=EvaluationTexts(
        summary="规划实施以来，全县妇女发展各领域取得积极进展。",
        process="县妇儿工委办公室组织成员单位开展自评，评估组审核材料并实地核查。",
        problems="妇女参与决策和管理的比例仍然偏低。",
        causes="基层女干部培养选拔机制有待完善。",
        suggestions="加大女干部培养选拔力度。"),
    goal_ratings=(GoalRating("health", 4, "met", "人工流产综合干预措施落实到位"),
                  GoalRating("education", 1, "partly_met")),
    measures=(MeasureEvaluation("health", 1, "县卫生健康和体育局", "implemented",
                                "建成县乡村三级妇幼健康服务网络。", review_rating="implemented"),
              MeasureEvaluation("health", 2, "县卫生健康和体育局", "partly_implemented",
                                "孕产妇保健服务覆盖全部乡镇，个别村服务频次不足。")),
    warnings=WARNINGS,
)

NATIONAL = (
    NationalFigure("孕产妇死亡率", 2023, 15.1, "1/10万", "国家卫生健康委统计公报"),
    NationalFigure("孕产妇死亡率", 2022, 15.7, "1/10万", "国家卫生健康委统计公报"),
    NationalFigure("高中阶段毛入学率", 2023, 91.8, "%", "教育部统计公报"),
)
