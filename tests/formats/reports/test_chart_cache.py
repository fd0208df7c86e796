"""Report charts are drawn once per content: within a report, across reports, across processes."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

from halfsky.domain.reports import AnnualReport
from halfsky.domain.reports.document import Chart, Document, Section
from halfsky.formats.reports import render_docx
from halfsky.formats.reports.chart_cache import ChartCache, chart_key


def first_chart(annual: AnnualReport) -> Chart:
    return annual.document().charts()[0]


def with_charts(*charts: Chart) -> Document:
    return Document(kind="annual", title="图表", sections=(Section("s", "图", 1, blocks=charts),))


def pictures(docx_bytes: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        return [archive.read(name) for name in archive.namelist()
                if name.startswith("word/media/")]


def test_identical_charts_of_a_report_are_drawn_once(annual: AnnualReport, zh: Mapping[str, str],
                                                     report_font: Path) -> None:
    chart = first_chart(annual)
    twin = dataclasses.replace(chart, key="again", caption="另一个图题")  # the caption is no picture
    cache = ChartCache()
    docx_bytes = render_docx(with_charts(chart, twin), zh, font_path=report_font, dpi=60,
                             chart_cache=cache)
    assert cache.drawn == 1
    assert "另一个图题".encode() in zipfile.ZipFile(io.BytesIO(docx_bytes)).read(
        "word/document.xml")
    assert all(p.startswith(b"\x89PNG") for p in pictures(docx_bytes))


def test_other_values_words_or_language_draw_again(annual: AnnualReport, zh: Mapping[str, str],
                                                   en: Mapping[str, str],
                                                   report_font: Path) -> None:
    chart = first_chart(annual)
    panel = chart.panels[0]
    changed = dataclasses.replace(chart, panels=(
        dataclasses.replace(panel, values=(*panel.values[:-1], 99.5)), *chart.panels[1:]))
    keys = {chart_key(chart, zh, report_font, 60), chart_key(changed, zh, report_font, 60),
            chart_key(chart, en, report_font, 60), chart_key(chart, zh, report_font, 100),
            chart_key(chart, zh, report_font, 60, language="en")}
    assert len(keys) == 5
    assert chart_key(dataclasses.replace(chart, caption="x"), zh, report_font, 60) == \
        chart_key(chart, zh, report_font, 60)
    cache = ChartCache()
    render_docx(with_charts(chart, changed), zh, font_path=report_font, dpi=60, chart_cache=cache)
    render_docx(with_charts(chart), en, font_path=report_font, dpi=60, chart_cache=cache)
    assert cache.drawn == 3


def test_charts_kept_on_disk_serve_another_process(annual: AnnualReport, zh: Mapping[str, str],
                                                   report_font: Path, tmp_path: Path) -> None:
    chart = first_chart(annual)
    first = ChartCache(tmp_path)
    drawn = render_docx(with_charts(chart), zh, font_path=report_font, dpi=60, chart_cache=first)
    assert first.drawn == 1 and len(list(tmp_path.glob("*.png"))) == 1
    later = ChartCache(tmp_path)  # a new process: empty memory, the same directory
    again = render_docx(with_charts(chart), zh, font_path=report_font, dpi=60, chart_cache=later)
    assert later.drawn == 0
    assert pictures(again) == pictures(drawn)


def test_the_directory_keeps_the_most_recent_charts_only(annual: AnnualReport,
                                                         zh: Mapping[str, str],
                                                         report_font: Path,
                                                         tmp_path: Path) -> None:
    charts = annual.document().charts()[:3]
    cache = ChartCache(tmp_path, disk_items=2)
    for chart in charts:
        render_docx(with_charts(chart), zh, font_path=report_font, dpi=40, chart_cache=cache)
    kept = {p.stem for p in tmp_path.glob("*.png")}
    assert len(kept) == 2
    assert chart_key(charts[-1], zh, report_font, 40) in kept
