"""Fixed report data for the tests: the Ji County plan, demo values with a few series set by
hand, editable texts, warnings, an evaluation's inputs and national figures.

The series set by hand check the wording of rises, falls and units exactly:
maternal mortality falls (good, 个十万分点), a percentage rises (个百分点), a
count rises (人), a ‰ rate rises (bad, 个千分点), a neutral count falls (件).
Loaded by path from the conftests of tests/domain/reports and
tests/formats/reports, ``docs/reports/make_pages.py`` and
``benchmarks/annual_report.py``.

The engine's results come from ``assess_plan`` here, without a database (the
application reads the results it stored: ``halfsky.web.assessments``): method
``china``, one series per indicator × target on the county total — a
``gap_narrows`` target on its two groups' values, a ``relative`` target
against the reference indicator's totals, a qualitative target by the
evaluators' rating. An indicator without targets is judged by its good
direction.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from halfsky.domain.assessment import Assessment, Observations, assess, settings_from_targets
from halfsky.domain.plan import Indicator, Plan
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
)
from halfsky.domain.reports.common import index_series
from halfsky.domain.targets import Target, TargetKind
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


def _number(value: float) -> float | None:
    return value if math.isfinite(value) else None


def assess_plan(plan: Plan, series: Iterable[IndicatorData] | Mapping[str, IndicatorData],
                year: int, ratings: Mapping[str, str] | None = None,
                ) -> list[IndicatorAssessment]:
    """The ``china`` results of every indicator × target of ``plan`` as of ``year``."""
    data = index_series(series)
    ratings = ratings or {}
    by_code = {i.code: i for i in plan.indicators}
    rows: list[dict[str, Any]] = []  # one per series: its values and settings
    kept: list[tuple[int, str, int | None]] = []  # (row, indicator, target position)

    def add(values: Mapping[int, float], indicator: Indicator, target: Target | None,
            partner: int = -1, rating: str | None = None) -> int:
        if target is not None and target.year is None:
            target = dataclasses.replace(target, year=plan.end_year)
        rows.append({"values": values, "target": target, "polarity": indicator.polarity,
                     "per": indicator.per, "partner": partner, "rating": rating})
        return len(rows) - 1

    for indicator in plan.indicators:
        own = data.get(indicator.code)
        totals = own.values if own else {}
        targets: list[tuple[int | None, Target | None]] = list(enumerate(indicator.targets))
        for position, target in targets or [(None, None)]:
            if target is not None and target.kind is TargetKind.GAP_NARROWS and target.groups:
                first, second = (own.group(g) if own else None for g in target.groups)
                other = add(second.values if second else {}, indicator, None)
                row = add(first.values if first else {}, indicator, target, partner=other)
            elif target is not None and target.kind is TargetKind.RELATIVE:
                compared = data.get(target.relative_to or "")
                carrier = by_code.get(target.relative_to or "", indicator)
                other = add(compared.values if compared else {}, carrier, None)
                row = add(totals, indicator, target, partner=other)
            elif target is not None and target.kind is TargetKind.QUALITATIVE:
                row = add({}, indicator, target, rating=ratings.get(indicator.code))
            else:
                row = add(totals, indicator, target)
            kept.append((row, indicator.code, position))
    result = _run(rows, plan.baseline_year, year)
    out = []
    for row, code, position in kept:
        r = result.row(row)
        out.append(IndicatorAssessment(
            indicator=code, status=r.status, target_position=position,
            achievement=_number(r.achievement), time_elapsed=_number(r.time_elapsed),
            progress=_number(r.progress), forecast=_number(r.forecast), warnings=r.warnings))
    return out


def _run(rows: list[dict[str, Any]], base_year: int, year: int) -> Assessment:
    series, years, values = [], [], []
    for index, row in enumerate(rows):
        for y, v in sorted(row["values"].items()):
            if y <= year and math.isfinite(v):
                series.append(index)
                years.append(y)
                values.append(float(v))
    observations = Observations(series=np.asarray(series, dtype=np.int64),
                                year=np.asarray(years, dtype=np.int64),
                                value=np.asarray(values, dtype=np.float64))
    settings = settings_from_targets(
        [r["target"] for r in rows], [r["polarity"] for r in rows], base_year=base_year,
        per=[r["per"] for r in rows], partner=[r["partner"] for r in rows],
        rating=[r["rating"] for r in rows])
    return assess(observations, settings, as_of=year)


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
