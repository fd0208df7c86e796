"""The report charts drawn fast are the charts a panel per Axes draws: every chart in the
report, at its size and resolution, the same pixels; the same chart is the same PNG bytes
(the chart cache keeps PNGs by content and relies on it)."""

from __future__ import annotations

import dataclasses
import io
import math
from collections.abc import Mapping
from pathlib import Path

import docx
import numpy as np
import pytest
from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator
from PIL import Image

from halfsky.domain.reports import AnnualReport
from halfsky.domain.reports.document import Chart, ChartPanel, Document, Section
from halfsky.domain.reports.numbers import format_number
from halfsky.formats.reports import render_chart_png, render_docx
from halfsky.formats.reports.chart_cache import ChartCache
from halfsky.formats.reports.charts import (
    TARGET_COLOUR,
    VALUE_COLOUR,
    WIDTH_INCHES,
    _layout,
    _place,
    _title,
    font_family,
    y_limits,
)


def reference_png(chart: Chart, phrases: Mapping[str, str], font_path: Path, dpi: int) -> bytes:
    """The chart as drawn before (DRAWING_VERSION 1): an Axes of its own for every panel."""
    columns, rows, row_height = _layout(len(chart.panels))
    with rc_context({"font.family": [font_family(font_path)], "font.size": 7}):
        figure = Figure(figsize=(WIDTH_INCHES, rows * row_height + 0.35), dpi=dpi)
        FigureCanvasAgg(figure)
        _place(figure, columns, rows, row_height)
        for index, panel in enumerate(chart.panels, start=1):
            axes = figure.add_subplot(rows, columns, index)
            points = [(y, v) for y, v in zip(panel.years, panel.values, strict=True)
                      if v is not None]
            axes.set_title(_title(panel, phrases, 13 if columns <= 3 else 10), fontsize=7.5,
                           loc="left", y=1.0)
            if points:
                years, values = zip(*points, strict=True)
                axes.plot(years, values, color=VALUE_COLOUR, marker="o", markersize=3,
                          linewidth=1.3, clip_on=False)
                axes.annotate(format_number(points[-1][1], panel.decimals), points[-1],
                              textcoords="offset points", xytext=(0, 4), ha="center",
                              fontsize=6.5, color=VALUE_COLOUR)
            if panel.target is not None:
                axes.axhline(panel.target, color=TARGET_COLOUR, linestyle="--", linewidth=1.0)
            axes.set_xticks(list(panel.years))
            axes.set_xticklabels([str(y) for y in panel.years], fontsize=6)
            axes.tick_params(axis="y", labelsize=6)
            axes.yaxis.set_major_locator(MaxNLocator(nbins=4))
            axes.set_xlim(panel.years[0] - 0.4, panel.years[-1] + 0.4)
            axes.set_ylim(*y_limits([v for _, v in points], panel.target))
            axes.grid(axis="y", linewidth=0.4, alpha=0.5)
            for side in ("top", "right"):
                axes.spines[side].set_visible(False)
        handles = [Line2D([], [], color=VALUE_COLOUR, marker="o", markersize=3)]
        labels = [phrases["chart.value"]]
        if any(panel.target is not None for panel in chart.panels):
            handles.append(Line2D([], [], color=TARGET_COLOUR, linestyle="--"))
            labels.append(phrases["chart.target"])
        figure.legend(handles, labels, loc="lower center", ncols=len(labels), fontsize=7,
                      frameon=False)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def odd_panels(panel: ChartPanel) -> tuple[ChartPanel, ...]:
    """Panels unlike the report's, each after one unlike it: negative values, no values,
    values that matplotlib writes with an offset ("1e6"), zeros under a target, fewer years."""
    blank = tuple(None for _ in panel.values)
    count = len(panel.years)
    return (
        dataclasses.replace(panel, values=(-3.0, 1.0, None, 2.0, -0.5)[:count], target=None),
        dataclasses.replace(panel, values=blank, target=None),
        dataclasses.replace(panel, values=blank),
        dataclasses.replace(panel, values=tuple(1234567.0 + i for i in range(count)),
                            target=1234570.0),
        dataclasses.replace(panel, values=(0.0,) * count, target=2.5, unit=""),
        dataclasses.replace(panel, years=(2022, 2023, 2024), values=(1.0, 2.0, 3.0)),
    )


def test_charts_have_the_pixels_of_a_panel_per_axes(annual: AnnualReport,
                                                    zh: Mapping[str, str],
                                                    en: Mapping[str, str],
                                                    report_font: Path) -> None:
    charts = annual.document().charts()
    odd = dataclasses.replace(charts[0], panels=odd_panels(charts[0].panels[0]))
    pair = dataclasses.replace(charts[0], panels=charts[0].panels[-2:])
    # four, three and two columns; English words
    for chart, phrases in [(charts[0], zh), (charts[1], en), (odd, zh), (pair, zh)]:
        drawn = pixels(render_chart_png(chart, phrases, report_font, dpi=60))
        expected = pixels(reference_png(chart, phrases, report_font, 60))
        assert drawn.shape == expected.shape
        assert np.array_equal(drawn, expected), chart.key


def test_the_report_holds_every_chart_at_its_size_and_resolution(
        annual_docx: bytes, annual: AnnualReport) -> None:
    document = docx.Document(io.BytesIO(annual_docx))  # drawn at 100 dpi
    charts = annual.document().charts()
    assert len(document.inline_shapes) == len(charts) == 8
    for shape, chart in zip(document.inline_shapes, charts, strict=True):
        blip = shape._inline.graphic.graphicData.pic.blipFill.blip
        png = document.part.related_parts[blip.embed].blob
        image = Image.open(io.BytesIO(png))
        _, rows, row_height = _layout(len(chart.panels))
        assert image.size == (round(WIDTH_INCHES * 100), round((rows * row_height + 0.35) * 100))
        assert image.info["dpi"] == pytest.approx((100, 100), abs=0.01)
        assert image.mode == "RGB"
        assert (pixels(png) < 200).any(axis=2).mean() > 0.01  # drawn, not blank


def test_the_same_chart_is_the_same_png_bytes(annual: AnnualReport, zh: Mapping[str, str],
                                              report_font: Path) -> None:
    first, second = annual.document().charts()[:2]
    once = render_chart_png(first, zh, report_font, dpi=60)
    render_chart_png(second, zh, report_font, dpi=60)  # nothing of it stays for the next
    assert render_chart_png(first, zh, report_font, dpi=60) == once
    two = Document(kind="annual", title="图表", sections=(
        Section("s", "图", 1, blocks=(first, second)),))
    a, b = (render_docx(two, zh, font_path=report_font, dpi=60, chart_cache=ChartCache())
            for _ in range(2))
    assert _media(a) == _media(b)
    assert _media(a)[0] == once


def _media(docx_bytes: bytes) -> list[bytes]:
    document = docx.Document(io.BytesIO(docx_bytes))
    return [document.part.related_parts[shape._inline.graphic.graphicData.pic.blipFill.blip.embed]
            .blob for shape in document.inline_shapes]


def test_the_default_resolution_is_170_dpi(annual: AnnualReport, zh: Mapping[str, str],
                                           report_font: Path) -> None:
    chart = annual.document().charts()[2]
    image = Image.open(io.BytesIO(render_chart_png(chart, zh, report_font)))
    _, rows, row_height = _layout(len(chart.panels))
    assert image.size == (round(WIDTH_INCHES * 170), round((rows * row_height + 0.35) * 170))
    assert math.isclose(image.info["dpi"][0], 170, abs_tol=0.01)
