"""Report fixtures: the Chinese phrases of the official documents, reports from fixed data.

``ZH_PHRASES`` is what the web layer will fill from its translations; the
tests use it to check the real Chinese wording. The data (``data``, from
tests/domain/reports/report_data.py) are the deterministic demo values of
the Ji County plan with a few series set by hand. ``docs/reports/make_pages.py``
and ``benchmarks/annual_report.py`` load this module for the same phrases
and data.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import warnings
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pytest

from halfsky.domain.plan import Plan
from halfsky.domain.reports import (
    AnnualReport,
    Compendium,
    EvaluationReport,
    IndicatorData,
    build_annual_report,
    build_compendium,
    build_evaluation_report,
)
from halfsky.formats.reports import render_docx
from halfsky.formats.reports.fonts import packaged_font


def _report_data() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "domain" / "reports" / "report_data.py"
    if "report_data" not in sys.modules:
        spec = importlib.util.spec_from_file_location("report_data", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules["report_data"] = module
        spec.loader.exec_module(module)
    return sys.modules["report_data"]


data = _report_data()

_CLAUSE = "{year}年，{indicator}为{value}{unit}，"

ZH_PHRASES: Mapping[str, str] = {
    "report.annual.title": "《{plan}》{year}年度监测报告",
    "report.midterm.title": "《{plan}》中期评估报告",
    "report.final.title": "《{plan}》终期评估报告",
    "report.compendium.title": "《{plan}》统计监测资料（{year}年）",
    "report.sample_notice": "示例数据（非官方统计）",
    "report.annual.context": "基本情况",
    "report.annual.overall": "总体情况",
    "report.annual.domains": "分领域情况",
    "report.annual.problems": "存在的问题",
    "report.annual.suggestions": "对策建议",
    "report.appendix": "附表",
    "report.text_missing": "（本部分待填写。）",
    "heading.1": "{cn}、{title}",
    "heading.2": "（{cn}）{title}",
    "heading.3": "{n}．{title}",
    "footer.page": "— {page} —",
    "list.separator": "，",
    "list.enumeration": "、",
    "report.plan_scope": "《{plan}》确定了{domains}个发展领域的{goals}项主要目标、{measures}项策略措施"
                         "和{indicators}项监测指标。本报告依据各成员单位报送并经审核的{year}年监测数据编写。",
    "report.overall": "{year}年，规划确定的{total}项监测指标中，{counts}。",
    "report.count": "{status}{count}项",
    "report.attainment": "按全部{total}项指标计算，已达标{met}项，达标率为{rate_all}%；"
                         "按有监测数据的{monitored}项指标计算，达标率为{rate_monitored}%。",
    "report.attainment_none": "本年度尚无监测数据，无法计算达标率。",
    "report.domain_summary": "{domain}领域共有监测指标{total}项，其中{counts}，达标率为{rate_all}%。",
    "report.chart_caption": "图{number}　{domain}领域监测指标变化情况",
    "report.table.domains": "表{number}　{year}年分领域监测指标达标情况",
    "report.table.appendix": "附表{number}　{year}年监测指标情况一览",
    "report.table.progress": "表{number}　监测指标实现程度与时间进度对照",
    "report.level_rose_good": _CLAUSE + "比上年提高{change}{change_unit}，{status}。",
    "report.level_rose_bad": _CLAUSE + "比上年上升{change}{change_unit}，{status}。",
    "report.level_rose": _CLAUSE + "比上年上升{change}{change_unit}，{status}。",
    "report.level_fell_good": _CLAUSE + "比上年下降{change}{change_unit}，{status}。",
    "report.level_fell_bad": _CLAUSE + "比上年下降{change}{change_unit}，{status}。",
    "report.level_fell": _CLAUSE + "比上年下降{change}{change_unit}，{status}。",
    "report.level_unchanged": _CLAUSE + "与上年持平，{status}。",
    "report.count_rose_good": _CLAUSE + "比上年增加{change}{change_unit}，{status}。",
    "report.count_rose_bad": _CLAUSE + "比上年增加{change}{change_unit}，{status}。",
    "report.count_rose": _CLAUSE + "比上年增加{change}{change_unit}，{status}。",
    "report.count_fell_good": _CLAUSE + "比上年减少{change}{change_unit}，{status}。",
    "report.count_fell_bad": _CLAUSE + "比上年减少{change}{change_unit}，{status}。",
    "report.count_fell": _CLAUSE + "比上年减少{change}{change_unit}，{status}。",
    "report.count_unchanged": _CLAUSE + "与上年持平，{status}。",
    "report.value_only": "{year}年，{indicator}为{value}{unit}，{status}。",
    "report.latest_only": "{indicator}暂无{year}年数据，{latest_year}年为{value}{unit}，{status}。",
    "report.no_data": "{indicator}暂无{year}年监测数据。",
    "report.status_clause.met": "已达到规划目标",
    "report.status_clause.expected_to_meet": "按目前进度预计可如期实现规划目标",
    "report.status_clause.at_risk": "按目前进度实现规划目标存在困难",
    "report.status_clause.moving_away": "变化方向与规划目标相反",
    "report.status_clause.insufficient_evidence": "受样本量较小影响，尚难判断能否实现规划目标",
    "report.status_clause.no_data": "尚无法评估",
    "status.met": "已达标",
    "status.expected_to_meet": "预计可达标",
    "status.at_risk": "预计达标困难",
    "status.moving_away": "逆向变化",
    "status.insufficient_evidence": "证据不足",
    "status.no_data": "无数据",
    "unit.percentage_point": "个百分点",
    "unit.permille_point": "个千分点",
    "unit.per_10k_point": "个万分点",
    "unit.per_100k_point": "个十万分点",
    "group.total": "合计",
    "group.female": "女性",
    "group.male": "男性",
    "group.urban": "城镇",
    "group.rural": "农村",
    "target.threshold.ge": "≥{quantity}",
    "target.threshold.gt": ">{quantity}",
    "target.threshold.le": "≤{quantity}",
    "target.threshold.lt": "<{quantity}",
    "target.threshold.eq": "{quantity}",
    "target.approximate": "{quantity}左右",
    "target.maintain.ge": "稳定在{quantity}以上",
    "target.maintain.gt": "稳定在{quantity}以上",
    "target.maintain.le": "稳定在{quantity}以下",
    "target.maintain.lt": "稳定在{quantity}以下",
    "target.maintain.eq": "稳定在{quantity}",
    "target.maintain.approx": "稳定在{quantity}左右",
    "target.increase": "逐步提高",
    "target.decrease": "逐步下降",
    "target.gap_narrows": "{group_a}{group_b}差距缩小",
    "target.growth_slows": "上升趋势减缓",
    "target.full_coverage": "实现全覆盖",
    "target.relative": "不低于{reference}",
    "target.qualitative": "定性目标",
    "report.no_target": "—",
    "warning.forecast_miss": "按目前趋势预计到{target_year}年难以实现规划目标（{target}）",
    "warning.moving_away": "变化方向与规划目标相反",
    "warning.volatile": "年度间波动较大",
    "warning.small_numbers": "受样本量较小影响，变化尚难判断",
    "warning.missing": "缺少{year}年数据",
    "report.problem": "{number}．{indicator}。{year}年为{value}{unit}，{findings}。",
    "report.problem_no_value": "{number}．{indicator}。{findings}。",
    "report.response": "{department}分析原因：{cause}；整改措施：{action}。",
    "report.no_response": "{department}尚未反馈原因分析和整改措施。",
    "report.not_given": "未填写",
    "report.department_unknown": "责任单位",
    "report.no_problems": "本年度监测未发现需要预警的指标。",
    "report.eval.summary": "总体评价",
    "report.eval.process": "评估工作开展情况",
    "report.eval.progress": "监测指标实现程度",
    "report.eval.goals": "主要目标实现情况",
    "report.eval.measures": "策略措施落实情况",
    "report.eval.problems": "存在的问题及原因",
    "report.eval.suggestions": "对策建议",
    "report.eval.goals_summary": "规划确定的{total}项主要目标中，{counts}。",
    "report.eval.measures_summary": "规划确定的{total}项策略措施中，{counts}。",
    "report.verdict_count": "{verdict}{count}项",
    "report.eval.process_counts": "{departments}个成员单位报送了{reports}份自评材料，涉及{measures}项策略措施。",
    "report.eval.progress_summary": "截至{year}年，{total}项有量化目标的监测指标中，{ahead}项实现程度"
                                    "达到或超过时间进度，{behind}项落后于时间进度。",
    "report.eval.progress_behind": "实现程度落后于时间进度的指标有：{indicators}。",
    "report.eval.progress_none": "暂无可计算实现程度的监测指标。",
    "report.eval.goal": "{number}．{text}评估结论：{verdict}（{basis}）。",
    "report.eval.basis_rating": "依据评估组评定",
    "report.eval.basis_indicators": "依据监测指标：{indicators}",
    "report.eval.indicator_status": "{indicator}{status}",
    "report.eval.comment": "评估组意见：{comment}",
    "report.eval.measure": "{number}．{title}。牵头单位：{lead}；落实情况：{verdict}。",
    "report.eval.no_self_evaluation": "牵头单位尚未报送自评材料。",
    "report.eval.self_evaluation": "{department}自评为{rating}：{text}",
    "report.eval.self_evaluation_reviewed": "{department}自评为{rating}，评估组评定为{review}：{text}",
    "report.eval.causes": "原因分析",
    "report.eval.year_reports": "各成员单位年度落实情况",
    "report.eval.year_reports_summary": "{departments}个成员单位报送了{reports}份规划落实情况和下一年工作安排报告（{years}年度）。",
    "report.eval.year_reports_none": "评估期内尚未收到成员单位报送的规划落实情况和下一年工作安排报告。",
    "report.eval.year_report.implementation": "{year}年规划落实情况",
    "report.eval.year_report.next_year": "{year}年工作安排",
    "goal_verdict.met": "已实现",
    "goal_verdict.expected_to_meet": "预计可实现",
    "goal_verdict.partly_met": "部分实现",
    "goal_verdict.at_risk": "实现有难度",
    "goal_verdict.not_met": "未实现",
    "goal_verdict.no_data": "缺少数据",
    "goal_verdict.not_rated": "尚未评定",
    "measure_verdict.implemented": "已落实",
    "measure_verdict.partly_implemented": "部分落实",
    "measure_verdict.not_implemented": "未落实",
    "measure_verdict.not_reported": "未报送自评",
    "table.domain": "领域",
    "table.indicators": "指标数",
    "table.rate": "达标率（%）",
    "table.rate_note": "注：达标率按全部监测指标（含无数据指标）计算。",
    "table.total": "合计",
    "table.number": "序号",
    "table.indicator": "指标名称",
    "table.unit": "单位",
    "table.year": "{year}年",
    "table.baseline_year": "{year}年（基期）",
    "table.target": "目标值",
    "table.status": "评估结果",
    "table.missing_note": "注：“—”表示无数据。",
    "table.baseline": "基期值",
    "table.current": "最新值",
    "table.achievement": "实现程度（%）",
    "table.time_elapsed": "时间进度（%）",
    "table.progress_note": "注：实现程度＝（最新值－基期值）÷（目标值－基期值）；"
                           "时间进度＝（最新年份－基期年份）÷（目标年份－基期年份）。",
    "chart.value": "监测值",
    "chart.target": "目标值",
    "chart.panel_title": "{name}（{unit}）",
    "compendium.sheet.about": "说明",
    "compendium.about": "本资料按领域汇总规划各项监测指标的历年数据、分组数据、目标值、评估结果和全国参考值。\n"
                        "全国参考值摘自国家统计局和有关部委公开发布的报告，仅供对照，不属于本地区数据。",
    "compendium.info.plan": "规划",
    "compendium.info.region": "地区",
    "compendium.info.years": "年份",
    "compendium.info.issuer": "编制单位",
    "compendium.info.date": "编制日期",
    "compendium.column.code": "指标编号",
    "compendium.column.indicator": "指标名称",
    "compendium.column.unit": "单位",
    "compendium.column.group": "分组",
    "compendium.column.national": "全国参考值",
    "compendium.column.national_year": "全国参考年份",
    "compendium.column.national_source": "全国数据来源",
    "compendium.footer": "第 {page} 页，共 {pages} 页",
}

@pytest.fixture(scope="session")
def zh() -> Mapping[str, str]:
    return ZH_PHRASES


@pytest.fixture(scope="session")
def plan() -> Plan:
    return data.report_plan()


@pytest.fixture(scope="session")
def series(plan: Plan) -> list[IndicatorData]:
    return data.report_series(plan)


@pytest.fixture(scope="session")
def annual(plan: Plan, series: list[IndicatorData]) -> AnnualReport:
    assessments = data.report_assessments(plan, series, 2024)
    return build_annual_report(plan, series, assessments, 2024, data.ANNUAL_TEXTS,
                               data.WARNINGS, info=data.INFO)


@pytest.fixture(scope="session")
def midterm(plan: Plan) -> EvaluationReport:
    series = data.report_series(plan, 2023)
    assessments = data.report_assessments(plan, series, 2023)
    return build_evaluation_report(plan, series, assessments, 2023, data.EVALUATION,
                                   info=data.INFO)


@pytest.fixture(scope="session")
def compendium(plan: Plan, series: list[IndicatorData]) -> Compendium:
    assessments = data.report_assessments(plan, series, 2024)
    return build_compendium(plan, series, assessments, 2024, data.NATIONAL, info=data.INFO)


@pytest.fixture(scope="session")
def report_font() -> Path:
    """The packaged CJK font (``make assets``); mandatory under CI."""
    font = packaged_font()
    if font is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the packaged CJK font is missing: run `make assets`")
        pytest.skip("the packaged CJK font is missing: run `make assets`")
    return font


@pytest.fixture(scope="session")
def annual_docx(annual: AnnualReport, report_font: Path) -> bytes:
    """The annual report as .docx in Chinese, its charts drawn with matplotlib warnings as
    errors (a missing glyph fails the test run)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return render_docx(annual, ZH_PHRASES, font_path=report_font, dpi=100)
