"""Builds county-with-table.docx: a county plan as an office saves it from Word.

Headings in Word heading styles, bold markers, automatically numbered goals,
and a 目标责任分解书 table (goal | 牵头单位 | 配合单位) with spanning domain rows.
Run ``python tests/formats/plan_import/corpus/build_docx.py`` to rebuild it.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
ROWS = [
    ("一、妇女与健康", None, None),
    ("孕产妇死亡率控制在12/10万以下", "县卫健局", "县妇联、县医保局"),
    ("妇女健康素养水平不断提高", "县卫健局", "县妇联"),
    ("二、妇女与教育", None, None),
    ("高中阶段毛入学率达到95%以上", "县教科局", "县妇联"),
    ("女性接受职业教育的比例提高5个百分点", "县教科局", "县人社局、县巾帼志愿服务队"),
]


def build() -> bytes:
    document = docx.Document()
    document.add_heading("试点县妇女发展规划（2026—2030年）", 1)
    document.add_paragraph("为促进妇女全面发展，制定本规划。")
    document.add_heading("一、妇女与健康", 2)
    document.add_paragraph().add_run("主要目标：").bold = True
    document.add_paragraph("孕产妇死亡率控制在12/10万以下。", style="List Number")
    document.add_paragraph("妇女健康素养水平不断提高。", style="List Number")
    document.add_paragraph().add_run("策略措施：").bold = True
    document.add_paragraph("1.完善妇女健康服务体系。")
    document.add_paragraph("2.加强妇幼保健机构建设。")
    document.add_heading("二、妇女与教育", 2)
    document.add_paragraph().add_run("主要目标：").bold = True
    document.add_paragraph("1.高中阶段毛入学率达到95%以上。")
    document.add_paragraph("2.女性接受职业教育的比例提高5个百分点。")
    document.add_paragraph().add_run("策略措施：").bold = True
    document.add_paragraph("1.促进教育公平。")
    document.add_heading("附件：目标责任分解书", 2)
    table = document.add_table(rows=1, cols=3)
    for cell, words in zip(table.rows[0].cells, ("目标", "牵头单位", "配合单位"), strict=True):
        cell.text = words
    for goal, lead, supporting in ROWS:
        cells = table.add_row().cells
        if lead is None:
            merged = cells[0].merge(cells[2])
            merged.text = goal
            continue
        for cell, words in zip(cells, (goal, lead, supporting or ""), strict=True):
            cell.text = words
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


if __name__ == "__main__":
    (HERE / "county-with-table.docx").write_bytes(build())
