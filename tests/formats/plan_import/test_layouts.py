"""The corpus of published layouts: each imports with the right domains, goals and measures.

The documents under ``corpus/`` are short texts written in the style of
real plans (national and provincial outlines, city and county plans, web
pages, PDFs, Word files with a responsibility table); none is a copy.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from halfsky.domain.targets import TargetKind
from halfsky.formats.plan_import import PlanImport, import_plan

CORPUS = Path(__file__).resolve().parent / "corpus"
CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def imported(name: str) -> PlanImport:
    return import_plan((CORPUS / name).read_bytes(), name)


def shape(result: PlanImport) -> list[tuple[str, list[int], list[int]]]:
    return [(d.name, [g.number for g in d.goals], [m.number for m in d.measures])
            for d in result.plan.domains]


def targets(result: PlanImport) -> dict[str, tuple]:
    return {
        i.name: (t.kind.value, t.comparator.value if t.comparator else "", t.value, t.unit)
        for i in result.plan.indicators for t in i.targets
    }


def duty(result: PlanImport, domain: int, goal: int) -> tuple[str | None, tuple[str, ...]]:
    plan = result.plan
    names = {d.code: d.name for d in plan.departments}
    responsibility = plan.domains[domain].goals[goal].responsibility
    return (names.get(responsibility.lead or ""),
            tuple(names[c] for c in responsibility.supporting))


def test_national_outline_with_closing_full_stop_inline_marker_and_sub_items() -> None:
    result = imported("national-outline.txt")
    plan = result.plan
    assert plan.title == "某省妇女发展纲要（2021—2030年）"  # the title's period on its own line
    assert (plan.start_year, plan.end_year) == (2021, 2030)
    assert shape(result) == [("妇女与健康", [1, 2, 3, 4, 5, 6, 7, 8], [1, 2]),
                             ("妇女与教育", [1, 2], [1])]
    health = plan.domains[0]
    assert health.goals[7].text == "0-6个月婴儿纯母乳喂养率达到50%以上。"  # goal 8, not 8.0
    assert "（1）加强妇幼健康服务体系建设。（2）提升妇幼健康服务能力。" in health.measures[0].text
    assert "——省、市、县三级均有1所政府举办的妇幼保健机构；——每个乡镇" in health.measures[1].text
    assert plan.domains[1].goals[0].text.startswith("女童平等接受义务教育")  # "主要目标：1.…"
    assert ("health", "measure", "各地要把妇女健康放在优先发展的战略位置，以下措施同步推进。") in (
        result.section_texts)
    assert targets(result)["0-6个月婴儿纯母乳喂养率"] == ("threshold", "ge", 50.0, "%")
    assert targets(result)["艾滋病母婴传播率"] == ("threshold", "le", 2.0, "%")
    assert plan.organisation_text == "1.坚持党的全面领导。"
    assert plan.monitoring_text == "1.加强监测评估制度建设。"
    assert result.problems == ()


def test_chapters_with_bracketed_markers_and_circled_numbers() -> None:
    result = imported("chapters-brackets.txt")
    assert shape(result) == [("妇女与健康", [1, 2, 3], [1, 2]), ("妇女与经济", [1, 2], [1])]
    found = targets(result)
    assert found["婴儿死亡率"] == ("threshold", "le", 5.0, "‰")
    assert found["5岁以下儿童死亡率"] == ("threshold", "le", 6.0, "‰")
    assert found["孕产妇死亡率"][0] == "decrease"


def test_numbered_markers_and_part_headings() -> None:
    result = imported("numbered-markers.txt")
    assert shape(result) == [("妇女与健康", [1, 2, 3], [1, 2]), ("妇女参与决策和管理", [1], [1])]
    assert [d.code for d in result.plan.domains] == ["health", "decision"]
    assert (result.plan.start_year, result.plan.end_year) == (2026, 2030)


def test_nfkc_copy_with_damaged_number_restart_and_problems() -> None:
    result = imported("nfkc-copy.txt")
    plan = result.plan
    assert (plan.start_year, plan.end_year) == (2026, 2030)  # "十五五"
    # "2•" is goal 2; the list that starts again at 1 is the measures.
    assert shape(result) == [("妇女与健康", [1, 2, 3], [1, 2]), ("妇女与教育", [1, 2], [])]
    assert plan.domains[0].goals[1].text == "孕产妇死亡率下降到10/10万以内。妇女健康素养水平不断提高。"
    problems = [(p.code, p.line, p.number) for p in result.problems]
    assert problems == [("duplicate_number", 11, 2), ("year_outside_period", 13, 3)]
    coverage = next(t for i in plan.indicators for t in i.targets
                    if t.kind is TargetKind.FULL_COVERAGE)
    assert coverage.year == 2030  # the year outside the period is not imported


def test_traditional_headings_and_markers() -> None:
    result = imported("traditional.txt")
    assert shape(result) == [("婦女與健康", [1, 2], [1]), ("婦女與教育", [1], [1])]
    assert [d.code for d in result.plan.domains] == ["health", "education"]


def test_web_page_clutter_is_left_out_and_listed() -> None:
    result = imported("city-site.html")
    assert shape(result) == [("妇女与健康", [1, 2], [1]), ("妇女与经济", [1, 2], [1])]
    left_out = [(item.text, item.reason) for item in result.left_out]
    assert ("手机版", "furniture") in left_out
    assert ("首页 > 政务公开 > 政策文件", "furniture") in left_out
    assert ("编辑：王某 监审：李某", "furniture") in left_out
    assert ("— 3 —", "page_number") in left_out
    assert all("主要目标" not in text and "孕产妇" not in text for text, _ in left_out)
    assert duty(result, 0, 0) == ("市卫健委", ("市妇联", "市医保局"))
    assert duty(result, 1, 0) == ("市人社局", ("市统计局", "市女企业家协会"))
    assert [(p.code, p.params["name"]) for p in result.problems] == [
        ("unknown_department", "市女企业家协会")]


def test_word_file_with_a_responsibility_table() -> None:
    result = imported("county-with-table.docx")
    assert result.format == "docx"
    assert shape(result) == [("妇女与健康", [1, 2], [1, 2]), ("妇女与教育", [1, 2], [1])]
    assert duty(result, 0, 0) == ("县卫健局", ("县妇联", "县医保局"))
    assert duty(result, 1, 1) == ("县教科局", ("县人社局", "县巾帼志愿服务队"))
    mortality = next(i for i in result.plan.indicators if i.name == "孕产妇死亡率")
    assert mortality.responsibility.lead == "health"
    codes = {d.code: d.name for d in result.plan.departments}
    assert codes["health"] == "县卫健局" and codes["education"] == "县教科局"


def test_a_responsibility_table_alone_gives_the_goals() -> None:
    result = imported("province-responsibility.html")
    assert shape(result) == [("妇女与健康", [1, 2], []), ("妇女与教育", [1], [])]
    assert duty(result, 0, 1) == ("省卫生健康委", ("省医保局", "省妇联"))
    assert targets(result)["高中阶段毛入学率"] == ("threshold", "ge", 92.0, "%")


def test_appendix_indicator_table_gives_baselines_and_targets() -> None:
    result = imported("indicator-appendix.md")
    found = targets(result)
    assert found["妇女人均预期寿命"] == ("threshold", "ge", 78.5, "岁")
    assert found["妇女经常参加体育锻炼的比例"] == ("threshold", "ge", 40.0, "%")
    baselines = {(b.name, b.baseline, b.baseline_year, b.attribute) for b in result.baselines}
    assert ("孕产妇死亡率", "15.2", 2020, "约束性") in baselines
    assert ("妇女人均预期寿命", "77.9", 2020, "预期性") in baselines


@pytest.mark.skipif(not CJK_FONT.exists(), reason="fonts-noto-cjk is not installed")
def test_pdf_with_running_header_page_numbers_and_a_text_table() -> None:
    from fpdf import FPDF

    pages = [
        ["某市妇女发展规划（2021—2025年）", "一、妇女与健康", "主要目标：",
         "1．孕产妇死亡率控制在12/10万以下。", "2．适龄妇女宫颈癌人群筛查率达到", "70%以上。"],
        ["策略措施：", "1．完善妇女健康服务体系。", "二、妇女与经济", "主要目标：",
         "1．女性就业人数达到5万人。", "策略措施：", "1．促进妇女平等就业。"],
        ["附件", "序号 目标 牵头单位 配合单位",
         "1 孕产妇死亡率控制在12/10万以下 市卫健委 市妇联、市医保局",
         "2 适龄妇女宫颈癌人群筛查率达到", "70%以上 市卫健委 市妇联",
         "3 女性就业人数达到5万人 市人社局 市总工会"],
    ]
    pdf = FPDF()
    pdf.add_font("noto", fname=str(CJK_FONT), collection_font_number=2)
    pdf.set_font("noto", size=11)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.cell(0, 8, "某市妇女儿童工作委员会文件", align="C", new_x="LMARGIN", new_y="NEXT")
        for line in lines:
            pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.cell(0, 8, f"— {number} —", align="C")
    result = import_plan(bytes(pdf.output()), "plan.pdf")
    assert shape(result) == [("妇女与健康", [1, 2], [1]), ("妇女与经济", [1], [1])]
    assert result.plan.domains[1].measures[0].text == "促进妇女平等就业。"  # 附件 is no measure
    assert result.plan.domains[0].goals[1].text == "适龄妇女宫颈癌人群筛查率达到70%以上。"
    reasons = [(item.text, item.reason) for item in result.left_out]
    assert reasons.count(("某市妇女儿童工作委员会文件", "running_header")) == 3
    assert ("— 2 —", "page_number") in reasons
    assert duty(result, 0, 1) == ("市卫健委", ("市妇联",))
    assert duty(result, 1, 0) == ("市人社局", ("市总工会",))


def test_an_unreadable_target_and_a_duplicate_number_do_not_sink_the_plan() -> None:
    text = ("某县妇女发展规划（2026—2030年）\n\n一、妇女与健康\n\n主要目标：\n\n"
            "1.孕产妇死亡率控制在10/10万以下。\n\n2.妇女每周参加3次体育锻炼。\n\n"
            "2.妇女健康素养水平不断提高。\n\n策略措施：\n\n1.完善制度。\n")
    result = import_plan(text.encode(), "plan.txt")
    assert [(p.code, p.line, p.number) for p in result.problems] == [
        ("unreadable_target", 9, 2), ("duplicate_number", 11, 2)]
    assert shape(result) == [("妇女与健康", [1, 2], [1])]
    assert targets(result)["孕产妇死亡率"] == ("threshold", "le", 10.0, "1/10万")


def test_a_target_the_plan_file_refuses_is_left_out_as_a_problem() -> None:
    from dataclasses import replace

    from halfsky.domain.targets import Target
    from halfsky.formats.plan_import import _valid_plan
    from halfsky.formats.plan_import.structure import read_structure

    text = (CORPUS / "traditional.txt").read_text(encoding="utf-8")
    plan = imported("traditional.txt").plan
    broken = Target(TargetKind.THRESHOLD, "%", 2025, source="高中阶段毛入学率达到95%以上")  # no value
    indicators = [replace(i, targets=(broken,)) if i.code == "E01" else i for i in plan.indicators]
    valid, problems = _valid_plan(replace(plan, indicators=tuple(indicators)), read_structure(text))
    assert [i.code for i in valid.indicators] == ["H01", "H02"]
    assert [(p.code, p.line, p.domain, p.number, p.text) for p in problems] == [
        ("invalid_target", 19, "婦女與教育", 1, "高中阶段毛入学率达到95%以上")]


def test_half_width_sub_items_stay_inside_their_measure() -> None:
    text = ("某县妇女发展规划(2021-2025年)\n\n(一)妇女与健康\n\n主要目标:\n\n(1)妇女人均预期寿命达到80岁。\n\n"
            "策略措施:\n\n(1)完善服务体系。\n1.建设妇幼保健机构;\n2.配备妇幼保健人员。\n--每个乡镇有1名专职人员;\n\n"
            "(2)加强健康教育。\n")
    result = import_plan(text.encode(), "plan.txt")
    assert shape(result) == [("妇女与健康", [1], [1, 2])]
    measure = result.plan.domains[0].measures[0].text
    assert measure.startswith("完善服务体系。") and "--每个乡镇有1名专职人员" in measure
    assert "1.建设妇幼保健机构" in measure and "2.配备妇幼保健人员" in measure
