"""Ji County (吉县) reporting templates for the Excel tests: a spec, its identity, Chinese labels."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest

from halfsky.formats.excel_template import TemplateIdentity, TemplateRow, TemplateSpec

ZH_LABELS: Mapping[str, str] = {
    "sheet.instructions": "填报说明",
    "sheet.data": "数据",
    "title": "{plan_title}·{department}·{year}年监测数据",
    "info.plan": "规划",
    "info.department": "填报单位",
    "info.year": "数据年度",
    "info.deadline": "报送截止",
    "instructions": "请在黄色单元格中填写本年度数据。\n比率指标请填写分子和分母，系统自动计算。\n"
                    "请勿增删、移动行列或工作表。",
    "column.key": "编号",
    "column.code": "指标编号",
    "column.indicator": "指标名称",
    "column.unit": "单位",
    "column.area": "地区",
    "column.breakdown": "分组",
    "column.definition": "指标解释",
    "column.previous": "{year}年",
    "column.target": "目标值",
    "column.value": "本年数值",
    "column.numerator": "分子",
    "column.denominator": "分母",
    "column.flag": "标注",
    "column.note": "备注",
    "breakdown.total": "合计",
    "flag.provisional": "初步数",
    "flag.estimated": "估计数",
    "flag.not_applicable": "不适用",
    "validation.title": "请检查",
    "validation.number": "请填写不小于0的数字。",
    "validation.percent": "请填写0到100之间的数字。",
    "validation.flag": "请从列表中选择，或留空。",
}

HEALTH = "health"
ROUND = "round-2025"


def rows() -> list[TemplateRow]:
    previous = {2022: 0.0, 2023: 21.3, 2024: 0.0}
    return [
        TemplateRow("H03|141028|2025|", "H03", "孕产妇死亡率", "1/10万", "孕产妇死亡人数/活产数×10万",
                    "吉县", "", True, 100_000, previous, "≤12.5/10万"),
        TemplateRow("H03|141028|2025|urban_rural=urban", "H03", "孕产妇死亡率", "1/10万", "",
                    "吉县", "城镇", True, 100_000),
        TemplateRow("H04|141028|2025|", "H04", "孕产妇系统管理率", "%", "接受系统管理的产妇数/活产数",
                    "吉县", "", True, 100, {2024: 93.5}, "≥90%", value=94.1, numerator=941,
                    denominator=1000, flag="provisional", note="妇幼年报"),
        TemplateRow("S01|141028|2025|sex=female", "S01", "生育保险参保人数", "人", "", "吉县", "女性",
                    previous={2023: 5120.0, 2024: 5230.0}),
        TemplateRow("S01|141028|2025|sex=male", "S01", "生育保险参保人数", "人", "", "吉县", "男性"),
    ]  # fmt: skip


def make_spec(**changes: Any) -> TemplateSpec:
    fields: dict[str, Any] = {
        "round_id": ROUND, "data_year": 2025, "department_code": HEALTH,
        "department_name": "县卫生健康和体育局", "plan_title": "吉县妇女发展规划（2021—2025年）",
        "deadline": "2026年3月31日", "rows": rows(),
    }  # fmt: skip
    fields.update(changes)
    return TemplateSpec(**fields)


@pytest.fixture
def spec() -> TemplateSpec:
    return make_spec()


@pytest.fixture
def identity() -> TemplateIdentity:
    return TemplateIdentity(ROUND, HEALTH)


@pytest.fixture
def zh_labels() -> Mapping[str, str]:
    return ZH_LABELS


@pytest.fixture
def spec_with() -> Callable[..., TemplateSpec]:
    """``spec_with(department_code="education")``: the spec with fields changed."""
    return make_spec
