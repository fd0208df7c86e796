"""Importing plan documents: the Ji County plan as Markdown and as .docx, every style, bad input."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest

from halfsky.domain.targets import TargetKind
from halfsky.formats.plan_file import load_plan, plan_from_dict, plan_to_dict, plan_to_yaml
from halfsky.formats.plan_import import (
    MAX_DOCUMENT_BYTES,
    PlanImport,
    PlanImportError,
    import_plan,
    import_plan_file,
)

PLANS = Path(__file__).resolve().parents[3] / "halfsky" / "data" / "plans"
PLAN_MD = PLANS / "jixian-women-2021-2025.md"
NUMERIC = {TargetKind.THRESHOLD, TargetKind.APPROXIMATE, TargetKind.MAINTAIN}


def target_keys(plan, kinds=None) -> list[tuple]:
    return sorted(
        (str(i.goal), t.kind.value, t.comparator.value if t.comparator else "", t.value, t.unit,
         t.year)
        for i in plan.indicators for t in i.targets if kinds is None or t.kind in kinds
    )


@pytest.fixture(scope="module")
def shipped():
    return load_plan("jixian-women-2021-2025")


@pytest.fixture(scope="module")
def imported() -> PlanImport:
    return import_plan_file(PLAN_MD)


def structure(plan) -> list[tuple]:
    return [
        (d.code, d.number, d.name, [(g.number, g.text) for g in d.goals],
         [(m.number, m.text) for m in d.measures])
        for d in plan.domains
    ]


def test_jixian_structure_is_reproduced_exactly(imported: PlanImport, shipped) -> None:
    plan = imported.plan
    assert structure(plan) == structure(shipped)
    assert [len(d.goals) for d in plan.domains] == [10, 9, 9, 8, 9, 9, 10, 9]
    assert [len(d.measures) for d in plan.domains] == [13, 13, 13, 9, 11, 10, 13, 14]
    assert (plan.title, plan.start_year, plan.end_year, plan.baseline_year) == (
        shipped.title, 2021, 2025, 2020)
    assert plan.organisation_text == shipped.organisation_text
    assert plan.monitoring_text == shipped.monitoring_text
    assert (plan.region, imported.region_name, imported.region_known) == ("141028", "吉县", True)
    assert plan.code == "141028-women-2021-2025"


def test_jixian_quantitative_targets_are_all_found(imported: PlanImport, shipped) -> None:
    expected = target_keys(shipped, NUMERIC)
    assert len(expected) == 18
    found = target_keys(imported.plan, NUMERIC)
    assert found == expected
    gap = [k for k in target_keys(imported.plan) if k[1] == "gap_narrows" and k[0] == "health.2"]
    assert gap == [("health.2", "gap_narrows", "", None, "1/10万", 2025)]


def test_jixian_targets_keep_their_source_span(imported: PlanImport) -> None:
    plan = imported.plan
    for source in imported.sources:
        goal = plan.domain(source.goal.domain).goal(source.goal.goal)
        assert goal.text[source.span.start : source.span.end] == source.span.text
        target = plan.indicator(source.indicator).targets[source.position]
        assert target.source == source.span.text
    mortality = next(i for i in plan.indicators if i.name == "孕产妇死亡率")
    assert [t.kind for t in mortality.targets] == [TargetKind.THRESHOLD, TargetKind.GAP_NARROWS]
    assert mortality.disaggregations and mortality.per == 100000
    assert mortality.polarity.value == "lower"


def test_generated_indicators_are_unassigned_and_coded(imported: PlanImport) -> None:
    plan = imported.plan
    assert plan.departments == ()
    assert all(i.responsibility.lead is None for i in plan.indicators)
    codes = [i.code for i in plan.indicators]
    assert len(set(codes)) == len(codes)
    assert all(re.fullmatch(r"[A-Z]\d{2}", code) for code in codes)
    relative = next(t for i in plan.indicators for t in i.targets if t.kind is TargetKind.RELATIVE)
    assert plan.indicator(relative.relative_to or "").name == "本地区党员总数中的女性比例"


def test_the_plan_file_round_trips(imported: PlanImport) -> None:
    from halfsky.formats.plan_file import read_plan_data

    again = plan_from_dict(read_plan_data(plan_to_yaml(imported.plan)))
    assert plan_to_dict(again) == plan_to_dict(imported.plan)


def test_unrecognised_number_sentences_are_listed(imported: PlanImport) -> None:
    places = [(u.domain, u.section, u.number) for u in imported.unrecognised]
    assert ("health", "measure", 5) in places  # "35-45岁女性宫颈癌人群筛查率"
    assert all(u.section == "measure" for u in imported.unrecognised)  # every goal number is read


# ---------------------------------------------------------------- .docx


def markdown_to_docx(text: str) -> bytes:
    """The plan as an office would save it from Word: real headings, bold lines, paragraphs."""
    document = docx.Document()
    for block in re.split(r"\n\s*\n", text):
        lines = [line.rstrip().removesuffix("\\") for line in block.strip().splitlines()]
        if not lines or not lines[0]:
            continue
        heading = re.match(r"^(#{1,6})\s+(.*)$", lines[0])
        if heading:
            document.add_heading(heading.group(2).replace("**", ""), len(heading.group(1)))
            continue
        paragraphs: list[str] = []  # a numbered item starts a paragraph of its own
        for line in lines:
            if not paragraphs or re.match(r"^(?:- )?\d+\s*[.、．]|^（\d+）", line.strip()):
                paragraphs.append("")
            paragraphs[-1] += line.strip()
        for joined in paragraphs:
            bold = re.fullmatch(r"\*\*(.+)\*\*([：:]?)", joined)
            paragraph = document.add_paragraph()
            if bold:
                paragraph.add_run(bold.group(1) + bold.group(2)).bold = True
            else:
                paragraph.add_run(joined.replace("**", ""))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_the_same_plan_as_docx_imports_to_the_same_result(imported: PlanImport) -> None:
    data = markdown_to_docx(PLAN_MD.read_text(encoding="utf-8"))
    from_docx = import_plan(data, "jixian.docx")
    assert from_docx.format == "docx"
    assert plan_to_dict(from_docx.plan) == plan_to_dict(imported.plan)
    assert from_docx.unrecognised == imported.unrecognised


def test_docx_with_automatic_numbering_and_bold_headings() -> None:
    document = docx.Document()
    document.add_paragraph().add_run("某县妇女发展规划（2026—2030年）").bold = True
    document.add_paragraph().add_run("（一）妇女与健康").bold = True
    document.add_paragraph().add_run("主要目标：").bold = True
    document.add_paragraph("孕产妇死亡率下降到10/10万以内。", style="List Number")
    document.add_paragraph("妇女健康素养水平不断提高。", style="List Number")
    document.add_paragraph().add_run("策略措施：").bold = True
    document.add_paragraph("1.完善妇女健康保障制度。")
    out = io.BytesIO()
    document.save(out)
    result = import_plan(out.getvalue(), "plan.docx")
    (health,) = result.plan.domains
    assert [g.number for g in health.goals] == [1, 2]
    assert (result.plan.start_year, result.plan.end_year) == (2026, 2030)
    assert not result.region_known and result.plan.region == "000000"


# ---------------------------------------------------------------- HTML and PDF

GOV_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>某县人民政府</title>
<script>var nav = "主要目标";</script><style>p{}</style></head><body>
<nav><a href="/">首页</a> <a href="/zwgk">政务公开</a></nav>
<div class="TRS_Editor">
<h1>某县妇女发展“十五五”规划</h1>
<p>为促进妇女全面发展，制定本规划。</p>
<p><strong>二、发展领域、主要目标和策略措施</strong></p>
<p><strong>（一）妇女与健康</strong></p>
<p><b>主要目标：</b></p>
<p>1.妇女人均预期寿命达到&nbsp;80岁。</p>
<p>2.孕产妇死亡率下降到10/10万<br>以内，城乡差距缩小。</p>
<p><b>策略措施：</b></p>
<p>1.完善保障妇女健康的制度机制。</p>
<h3>（二）妇女与教育</h3>
<p><strong>主要目标：</strong></p>
<p>1．高中阶段毛入学率达到96%以上。</p>
</div><footer>版权所有 某县人民政府 电话 0357-1234567</footer></body></html>"""


def test_html_saved_from_a_government_site() -> None:
    result = import_plan(GOV_PAGE.encode("utf-8"), "zhengce.htm")
    plan = result.plan
    assert result.format == "html"
    assert plan.title == "某县妇女发展“十五五”规划"
    assert (plan.start_year, plan.end_year) == (2026, 2030)
    assert [d.name for d in plan.domains] == ["妇女与健康", "妇女与教育"]
    assert plan.domains[0].goals[1].text == "孕产妇死亡率下降到10/10万以内，城乡差距缩小。"
    assert ("health.1", "threshold", "ge", 80.0, "岁", 2030) in target_keys(plan)
    assert ("education.1", "threshold", "ge", 96.0, "%", 2030) in target_keys(plan)
    assert "var nav" not in result.source_text and "版权所有" not in result.source_text


def test_html_in_gb18030_is_decoded() -> None:
    result = import_plan(GOV_PAGE.replace("utf-8", "gb2312").encode("gb18030"), "page.html")
    assert result.plan.domains[0].name == "妇女与健康"


CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


@pytest.mark.skipif(not CJK_FONT.exists(), reason="fonts-noto-cjk is not installed")
def test_pdf_with_a_text_layer() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("noto", fname=str(CJK_FONT), collection_font_number=2)
    pdf.set_font("noto", size=12)
    lines = ["某县妇女发展规划（2021—2025年）", "（一）妇女与健康", "主要目标：",
             "1．妇女人均预期寿命达到78.1岁；妇女人均健康预期寿命显著提高。孕产妇死亡率下降到12.5/10万以内，城乡差距缩小。",
             "2．艾滋病母婴传播率下降到2.5%以下。", "策略措施：", "1．完善保障妇女健康的制度机制。",
             "（二）妇女与教育", "主要目标：", "1．高中阶段毛入学率达到95%以上。"]
    pdf.add_page()
    for index, line in enumerate(lines):
        if index == 7:  # a page break with a page number in the footer
            pdf.cell(0, 8, "— 1 —", align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.add_page()
        pdf.multi_cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    result = import_plan(bytes(pdf.output()), "plan.pdf")
    plan = result.plan
    assert result.format == "pdf"
    assert [d.name for d in plan.domains] == ["妇女与健康", "妇女与教育"]
    assert plan.domains[0].goals[0].text == lines[3][2:]  # re-joined across the PDF's line wraps
    keys = target_keys(plan)
    assert ("health.1", "threshold", "le", 12.5, "1/10万", 2025) in keys
    assert ("health.2", "threshold", "le", 2.5, "%", 2025) in keys
    assert ("education.1", "threshold", "ge", 95.0, "%", 2025) in keys


# ---------------------------------------------------------------- styles

STYLES = {
    "hash": "# 某县妇女发展规划（2021—2025年）\n\n## （一）妇女与健康\n\n### 主要目标\n\n"
            "1. 妇女人均预期寿命达到80岁。\n\n### 策略措施\n\n1. 完善制度。\n",
    "bold": "**某县妇女发展规划（2021—2025年）**\n\n**一、妇女与健康**\n\n**主要目标：**\n\n"
            "1、妇女人均预期寿命达到80岁。\n\n**策略措施：**\n\n1、完善制度。\n",
    "chapter": "某县妇女发展规划（2021—2025年）\n\n第一章 妇女与健康\n\n主要目标\n\n"
               "（1）妇女人均预期寿命达到80岁。\n\n策略措施\n\n（1）完善制度。\n",
    "paren-cn": "某县妇女发展规划（2021—2025年）\n\n（一）妇女与健康\n主要目标：\n"
                "1．妇女人均预期寿命达到80岁。\n策略措施：\n1．完善制度。\n",
    "enum-cn": "某县妇女发展规划（2021—2025年）\n\n一、妇女与健康\n\n主要目标：\n\n"
               "1.妇女人均预期寿命\n达到80岁。\n\n策略措施：\n\n1.完善制度。\n",
}


@pytest.mark.parametrize("style", list(STYLES))
def test_each_heading_and_numbering_style_imports(style: str) -> None:
    plan = import_plan(STYLES[style].encode("utf-8"), "plan.txt").plan
    assert plan.title == "某县妇女发展规划（2021—2025年）"
    assert [d.name for d in plan.domains] == ["妇女与健康"]
    assert plan.domains[0].goals[0].text == "妇女人均预期寿命达到80岁。"
    assert plan.domains[0].measures[0].text == "完善制度。"
    assert target_keys(plan) == [("health.1", "threshold", "ge", 80.0, "岁", 2025)]
    assert plan.indicators[0].code == "H01"


def test_options_override_code_region_and_period() -> None:
    result = import_plan(STYLES["hash"].encode(), "p.md", code="x-2026", region="141028",
                         period=(2026, 2030))
    assert (result.plan.code, result.plan.region, result.plan.end_year) == ("x-2026", "141028", 2030)
    assert result.plan.indicators[0].targets[0].year == 2030


def test_the_period_comes_from_the_five_year_plan_number() -> None:
    text = STYLES["hash"].replace("规划（2021—2025年）", "“十五五”规划")
    assert import_plan(text.encode(), "p.md").plan.start_year == 2026


# ---------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("data", "name", "code"),
    [
        (b"", "empty.md", "plan_import.empty"),
        (b"  \n\n ", "blank.txt", "plan_import.empty"),
        ("# 会议通知\n\n请各单位于3月1日前报送材料。\n".encode(), "notice.md", "plan_import.not_a_plan"),
        (bytes(range(256)) * 40, "image.png", "plan_import.binary"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "old.doc", "plan_import.unsupported_format"),
        (b"PK\x03\x04garbage", "broken.docx", "plan_import.unreadable"),
        (b"%PDF-1.4\n%garbage", "broken.pdf", "plan_import.unreadable"),
        ("某县妇女发展规划\n\n（一）妇女与健康\n\n主要目标\n\n1. 甲。\n".encode(), "p.md",
         "plan_import.no_period"),
    ],
    ids=["empty", "blank", "arbitrary", "binary", "word-97", "broken-docx", "broken-pdf", "no-period"],
)
def test_bad_input_raises_a_coded_error(data: bytes, name: str, code: str) -> None:
    with pytest.raises(PlanImportError) as caught:
        import_plan(data, name)
    assert caught.value.code == code


def test_a_docx_that_unpacks_to_gigabytes_is_refused(monkeypatch) -> None:
    import zipfile

    from halfsky.formats.plan_import import readers

    monkeypatch.setattr(readers, "MAX_UNPACKED_BYTES", 1024 * 1024)  # 200 MB in real use
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (2 * 1024 * 1024))
    with pytest.raises(PlanImportError) as caught:
        import_plan(out.getvalue(), "bomb.docx")
    assert caught.value.code == "plan_import.too_large"


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path, monkeypatch) -> None:
    big = tmp_path / "big.pdf"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024)  # sparse: no 50 MB written to disk
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(PlanImportError) as caught:
        import_plan_file(big)
    assert caught.value.code == "plan_import.too_large"
    assert caught.value.params == {"size": 50 * 1024 * 1024, "limit": MAX_DOCUMENT_BYTES}
