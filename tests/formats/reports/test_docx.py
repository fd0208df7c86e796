"""The Word reports: outline, numbers equal to the data, fonts and page set-up (GB/T 9704)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

import docx
import pytest
from docx.document import Document as DocxDocument

from halfsky.domain.reports import AnnualReport, Chart, EvaluationReport, IndicatorData
from halfsky.domain.reports.numbers import format_number
from halfsky.formats.reports import (
    ChartFontError,
    render_chart_png,
    render_docx,
    render_text,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def open_docx(data: bytes) -> DocxDocument:
    return docx.Document(io.BytesIO(data))


def part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name).decode("utf-8")


def headings(document: DocxDocument) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs
            if p.style is not None and p.style.name.startswith(("Heading", "Title"))]


def test_outline(annual_docx: bytes) -> None:
    found = headings(open_docx(annual_docx))
    assert found[0] == ("Title", "《吉县妇女发展“十四五”规划》2024年度监测报告")
    assert [text for style, text in found if style == "Heading 1"] == [
        "一、基本情况", "二、总体情况", "三、分领域情况", "四、存在的问题", "五、对策建议", "附表"]
    assert [text for style, text in found if style == "Heading 2"] == [
        "（一）妇女与健康", "（二）妇女与教育", "（三）妇女与经济", "（四）妇女参与决策和管理",
        "（五）妇女与社会保障", "（六）妇女与家庭建设", "（七）妇女与环境", "（八）妇女与法律"]


def test_text_is_the_data(annual_docx: bytes, annual: AnnualReport,
                          zh: Mapping[str, str]) -> None:
    document = open_docx(annual_docx)
    body = [p.text for p in document.paragraphs]
    phrases = zh
    for facts in annual.indicators:  # every indicator's sentence, exactly
        assert render_text(facts.sentence, phrases) in body
    assert "示例数据（非官方统计）" in body and "吉县妇女儿童工作委员会办公室" in body
    assert "2024年，孕产妇死亡率为10.2/10万，比上年下降2.1个十万分点，已达到规划目标。" in body
    assert not any("{" in text for text in body)


def test_tables_are_the_data(annual_docx: bytes, annual: AnnualReport,
                             series: list[IndicatorData]) -> None:
    document = open_docx(annual_docx)
    domains, appendix = document.tables
    assert [c.text for c in domains.rows[0].cells][:3] == ["领域", "指标数", "已达标"]
    total = [c.text for c in domains.rows[-1].cells]
    assert total[:3] == ["合计", "59", str(annual.overall.met)]
    assert total[-1] == format_number(annual.overall.rate_all * 100, 1)
    assert [c.text for c in appendix.rows[0].cells] == [
        "序号", "指标名称", "单位", "2020年（基期）", "2021年", "2022年", "2023年", "2024年",
        "目标值", "评估结果"]
    values = {d.code: d.values for d in series}
    assert len(appendix.rows) == 60
    for facts, row in zip(annual.indicators, appendix.rows[1:], strict=True):
        cells = [c.text for c in row.cells]
        assert cells[1] == facts.indicator.name
        for offset, year in enumerate(range(2020, 2025)):
            value = values[facts.code].get(year)
            assert cells[3 + offset] == (format_number(value, facts.decimals)
                                         if value is not None else "—")
    h03 = next(row for row in appendix.rows if row.cells[1].text == "孕产妇死亡率")
    assert [c.text for c in h03.cells][3:] == [
        "16.8", "15.2", "14.6", "12.3", "10.2", "≤12.5/10万、城镇农村差距缩小", "已达标"]


def test_fonts_and_page_set_up(annual_docx: bytes) -> None:
    styles = part(annual_docx, "word/styles.xml")

    def style(style_id: str) -> str:
        found = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.S)
        assert found is not None, style_id
        return found.group(0)

    for style_id, font, size in (("Title", "方正小标宋简体", 44), ("Heading1", "黑体", 32),
                                 ("Heading2", "楷体_GB2312", 32), ("Normal", "仿宋_GB2312", 32)):
        xml = style(style_id)
        assert f'w:eastAsia="{font}"' in xml
        assert f'<w:sz w:val="{size}"/>' in xml
        assert "eastAsiaTheme" not in xml and "asciiTheme" not in xml
    normal = style("Normal")
    assert 'w:line="579"' in normal and 'w:lineRule="exact"' in normal  # 28.95 pt
    assert 'w:firstLine="640"' in normal  # two characters of 16 pt
    fonts = part(annual_docx, "word/fontTable.xml")
    assert 'w:name="仿宋_GB2312"' in fonts and '<w:altName w:val="仿宋"/>' in fonts
    body = part(annual_docx, "word/document.xml")
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in body  # A4
    margins = re.search(r"<w:pgMar [^>]*/>", body)
    assert margins is not None
    for side, twips in (("top", 2098), ("bottom", 1984), ("left", 1587), ("right", 1474)):
        value = re.search(rf'w:{side}="(\d+)"', margins.group(0))
        assert value is not None and abs(int(value.group(1)) - twips) <= 1  # 37/35/28/26 mm
    footers = [part(annual_docx, name) for name in ("word/footer1.xml", "word/footer2.xml")]
    for footer in footers:
        assert "PAGE" in footer and "—" in footer and 'w:eastAsia="宋体"' in footer
    assert "w:evenAndOddHeaders" in part(annual_docx, "word/settings.xml")


def test_tables_fit_the_page(annual_docx: bytes) -> None:
    body = part(annual_docx, "word/document.xml")
    text_width = round((210 - 28 - 26) / 25.4 * 1440)
    for table in re.findall(r"<w:tbl>.*?</w:tbl>", body, re.S):
        width = re.search(r'<w:tblW w:type="dxa" w:w="(\d+)"/>', table)
        assert width is not None and text_width - 20 <= int(width.group(1)) <= text_width
        assert '<w:tblLayout w:type="fixed"/>' in table
        columns = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', table)]
        assert sum(columns) <= text_width
        assert "<w:tblHeader/>" in table


def test_one_chart_per_domain(annual_docx: bytes, annual: AnnualReport) -> None:
    document = open_docx(annual_docx)
    assert len(document.inline_shapes) == len(annual.document().charts()) == 8
    text_width = (210 - 28 - 26) * 36000  # EMU
    assert all(abs(shape.width - text_width) < 36000 for shape in document.inline_shapes)
    captions = [p.text for p in document.paragraphs if p.text.startswith("图")]
    assert captions[0] == "图1　妇女与健康领域监测指标变化情况" and len(captions) == 8


def test_evaluation_report(midterm: EvaluationReport, zh: Mapping[str, str],
                           report_font: Path) -> None:
    data = render_docx(midterm, zh, font_path=report_font, dpi=100)
    document = open_docx(data)  # the evaluation carries a chart per domain, as the annual does
    assert len(document.inline_shapes) == len(midterm.document().charts()) == 8
    assert [p.text for p in document.paragraphs if p.text.startswith("图")][0] == \
        "图1　妇女与健康领域监测指标变化情况"
    found = headings(open_docx(data))
    assert found[0] == ("Title", "《吉县妇女发展“十四五”规划》中期评估报告")
    assert [text for style, text in found if style == "Heading 1"] == [
        "一、总体评价", "二、评估工作开展情况", "三、监测指标实现程度", "四、主要目标实现情况",
        "五、策略措施落实情况", "六、存在的问题及原因", "七、对策建议", "附表"]
    body = [p.text for p in open_docx(data).paragraphs]
    assert any(t.startswith("1．完善保障妇女健康的制度机制。牵头单位：县卫生健康和体育局；落实情况：已落实。")
               for t in body)
    assert "县卫生健康和体育局自评为已落实，评估组评定为已落实：建成县乡村三级妇幼健康服务网络。" in body
    progress = open_docx(data).tables[0]
    h03 = next(row for row in progress.rows if row.cells[1].text == "孕产妇死亡率")
    assert [c.text for c in h03.cells][3:8] == ["16.8", "12.3", "≤12.5/10万、城镇农村差距缩小",
                                               "已达标", "60.0"]


def test_charts_need_the_font(annual: AnnualReport, en: Mapping[str, str], tmp_path: Path) -> None:
    with pytest.raises(ChartFontError) as error:
        render_docx(annual, en)
    assert error.value.code == "report.font_missing"
    chart = annual.document().charts()[0]
    with pytest.raises(ChartFontError):
        render_chart_png(chart, en, tmp_path / "none.ttf")


def test_a_font_without_chinese_glyphs_is_refused(annual: AnnualReport,
                                                  en: Mapping[str, str]) -> None:
    import matplotlib

    latin = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    chart: Chart = annual.document().charts()[-1]
    with pytest.raises(ChartFontError) as error:
        render_chart_png(chart, en, latin)  # English titles are Latin, the names are not
    assert error.value.code == "report.glyph_missing"
