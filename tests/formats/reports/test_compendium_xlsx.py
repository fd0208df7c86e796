"""The statistical compendium workbook: sheets, numbers equal to the data, print set-up."""

from __future__ import annotations

import io
from collections.abc import Mapping

from openpyxl import load_workbook

from halfsky.domain.reports import Compendium, IndicatorData
from halfsky.formats.reports import render_compendium_xlsx


def test_sheets_and_headers(compendium: Compendium, zh: Mapping[str, str]) -> None:
    workbook = load_workbook(io.BytesIO(render_compendium_xlsx(compendium, zh)))
    assert workbook.sheetnames == ["说明", "妇女与健康", "妇女与教育", "妇女与经济",
                                   "妇女参与决策和管理", "妇女与社会保障", "妇女与家庭建设",
                                   "妇女与环境", "妇女与法律"]
    about = workbook["说明"]
    assert about["A1"].value == "《吉县妇女发展“十四五”规划》统计监测资料（2024年）"
    assert about["A2"].value == "示例数据（非官方统计）"
    health = workbook["妇女与健康"]
    header = [c.value for c in health[2]]
    assert header == ["指标编号", "指标名称", "单位", "分组", "2020年（基期）", "2021年", "2022年",
                      "2023年", "2024年", "目标值", "评估结果", "全国参考值", "全国参考年份",
                      "全国数据来源"]


def test_numbers_are_the_data(compendium: Compendium, zh: Mapping[str, str],
                              series: list[IndicatorData]) -> None:
    workbook = load_workbook(io.BytesIO(render_compendium_xlsx(compendium, zh)))
    health = workbook["妇女与健康"]
    rows = [[c.value for c in row] for row in health.iter_rows(min_row=3)]
    h03 = [row for row in rows if row[0] == "H03"]
    assert h03[0][3:9] == ["合计", 16.8, 15.2, 14.6, 12.3, 10.2]
    assert h03[0][9:14] == ["≤12.5/10万、城镇农村差距缩小", "已达标", 15.1, 2023,
                            "国家卫生健康委统计公报"]
    assert h03[1][3:9] == ["城镇", 12.0, None, None, None, 9.0]
    values = {d.code: d.values for d in series}
    for sheet in compendium.sheets:
        ws = workbook[sheet.name]
        for offset, row in enumerate(sheet.rows):
            if not row.is_total:
                continue
            cells = [c.value for c in ws[3 + offset]]
            assert cells[0] == row.code
            assert cells[4:9] == [values[row.code].get(y) for y in range(2020, 2025)]
    number_format = health.cell(3 + next(i for i, r in enumerate(compendium.sheets[0].rows)
                                         if r.code == "H07"), 5).number_format
    assert number_format == "0.00"


def test_print_set_up(compendium: Compendium, zh: Mapping[str, str]) -> None:
    workbook = load_workbook(io.BytesIO(render_compendium_xlsx(compendium, zh)))
    for name in workbook.sheetnames[1:]:
        sheet = workbook[name]
        assert sheet.freeze_panes == "E3"
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.print_title_rows == "$2:$2"
        assert sheet.oddFooter.center.text == "第 &P 页，共 &N 页"
