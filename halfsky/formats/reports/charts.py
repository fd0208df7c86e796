"""A report chart as a PNG: one small panel per indicator, its values and its target.

Drawn with matplotlib's object API (no pyplot; one chart at a time per
process, behind a lock, since matplotlib's settings are global) in the font
file given — the packaged Noto Sans SC — so every Chinese glyph is
drawn. One Axes is set up per chart and drawn at each panel's place in turn
onto the one canvas (``_Panels``): the pixels of an Axes per panel
(tests/formats/reports/test_chart_drawing.py compares them), without building
59 Axes and their ticks. The PNG is RGB (the figure is opaque) at zlib level 3.
A glyph the font lacks would be a box: matplotlib's warning about it becomes
``ChartFontError`` (code ``report.glyph_missing``), so a chart with a box is never
returned.
"""

from __future__ import annotations

import io
import math
import threading
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

from matplotlib import rc_context
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager
from matplotlib.gridspec import GridSpec
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator
from PIL import Image

from halfsky.domain.errors import CodedError
from halfsky.domain.reports.document import Chart, ChartPanel
from halfsky.domain.reports.numbers import format_number
from halfsky.formats.reports.phrases import fill

WIDTH_INCHES = 156 / 25.4  # the width of the 版心
VALUE_COLOUR = "#1f4e79"
TARGET_COLOUR = "#c00000"
_registered: set[str] = set()
# matplotlib's settings (rc_context) and font cache are process-wide: one chart at a time.
_LOCK = threading.Lock()


class ChartFontError(CodedError):
    """The chart cannot be drawn without boxes: ``code`` is ``report.font_missing`` (no
    font file) or ``report.glyph_missing`` (``detail`` names the glyph)."""

    def __init__(self, code: str, detail: str = "") -> None:
        super().__init__(code, {"detail": detail} if detail else None)
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.code}: {self.detail}" if self.detail else self.code


def font_family(font_path: Path) -> str:
    """Register the font file with matplotlib (once) and return its family name."""
    if not font_path.is_file():
        raise ChartFontError("report.font_missing", str(font_path))
    key = str(font_path.resolve())
    if key not in _registered:
        fontManager.addfont(key)
        _registered.add(key)
    return str(FontProperties(fname=key).get_name())


def _wrap(name: str, suffix: str, width: int) -> str:
    """A panel title in at most two lines of at most ``width`` characters: the name broken
    every ``width`` characters, the unit part ``suffix`` ("（%）") kept whole on the last
    line — the name is cut with "…" to make room, never the unit (it was drawn "占比（%")."""
    suffix = suffix[:width]
    text = name + suffix
    if len(text) <= width:
        return text
    if len(text) <= 2 * width:
        first = name[:width]
        return first + "\n" + name[width:] + suffix
    room = 2 * width - len(suffix) - 1  # the name's characters that fit with "…" and the unit
    cut = name[:room] + "…"
    return cut[:width] + "\n" + cut[width:] + suffix


def _layout(count: int) -> tuple[int, int, float]:
    """Columns, rows and the height of a row in inches."""
    columns = 2 if count <= 2 else 3 if count <= 9 else 4
    return columns, math.ceil(count / columns), 1.75 if columns <= 3 else 1.6


def _place(figure: Figure, columns: int, rows: int, row_height: float) -> None:
    """Fixed margins in inches (a layout engine would cost half the drawing time): room
    for two-line panel titles above, tick labels beside and below, the legend at the foot."""
    width, height = figure.get_size_inches()
    left, right, top, legend = 0.38, 0.08, 0.36, 0.42
    gap_x, gap_y = 0.42, 0.62
    axes_width = (width - left - right - gap_x * (columns - 1)) / columns
    axes_height = (height - top - legend - gap_y * (rows - 1)) / rows
    figure.subplots_adjust(left=left / width, right=1 - right / width, top=1 - top / height,
                           bottom=legend / height, wspace=gap_x / axes_width,
                           hspace=gap_y / axes_height)


def y_limits(values: Sequence[float], target: float | None) -> tuple[float, float]:
    """The panel's value axis: every value and the target inside it, with room for the label
    above the last value; from 0 when nothing shown is negative (a rate drawn from 0 is
    never cut off, a value of 0 sits on the axis)."""
    shown = [v for v in (*values, *([] if target is None else [target])) if math.isfinite(v)]
    if not shown:
        return 0.0, 1.0
    low, high = min(shown), max(shown)
    span = high - low or abs(high) or 1.0
    bottom = 0.0 if low >= 0 else low - 0.1 * span
    return bottom, high + 0.25 * span


def _title(panel: ChartPanel, phrases: Mapping[str, str], wrap: int) -> str:
    template = phrases["chart.panel_title"]
    head, _, tail = template.partition("{name}")
    suffix = fill(tail, {"unit": panel.unit}) if panel.unit else ""
    return fill(head, {"unit": panel.unit}) + _wrap(panel.name, suffix, wrap)


class _Panels:
    """One Axes drawn once per panel, each time at the panel's place with the panel's data,
    onto one canvas: building an Axes and its ticks cost more than drawing it."""

    def __init__(self, figure: Figure, grid: GridSpec) -> None:
        self.grid = grid
        self.axes = axes = figure.add_subplot(grid[0])
        self.years: tuple[int, ...] = ()
        axes.tick_params(axis="y", labelsize=6)
        axes.yaxis.set_major_locator(MaxNLocator(nbins=4))
        axes.grid(axis="y", linewidth=0.4, alpha=0.5)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        for axis in (axes.xaxis, axes.yaxis):  # no axis labels: their place is not measured
            axis.set_label_coords(0.5, 0.5)
        # in the order a panel of its own adds them (the order they are drawn in)
        self.line, = axes.plot([], [], color=VALUE_COLOUR, marker="o", markersize=3,
                               linewidth=1.3, clip_on=False)  # a value of 0 on the axis is whole
        self.label = axes.annotate("", (0, 0), textcoords="offset points", xytext=(0, 4),
                                   ha="center", fontsize=6.5, color=VALUE_COLOUR)
        self.target = axes.axhline(0, color=TARGET_COLOUR, linestyle="--", linewidth=1.0)

    def draw(self, renderer: RendererAgg, index: int, panel: ChartPanel, title: str) -> None:
        axes = self.axes
        axes.set_subplotspec(self.grid[index])
        points = [(y, v) for y, v in zip(panel.years, panel.values, strict=True) if v is not None]
        # y given: the title stays at the top of the axes, as matplotlib would place it over
        # a chart without top ticks, without measuring every tick label first
        axes.set_title(title, fontsize=7.5, loc="left", y=1.0)
        self.line.set_visible(bool(points))
        self.label.set_visible(bool(points))
        if points:
            years, values = zip(*points, strict=True)
            self.line.set_data(years, values)
            last_year, last_value = points[-1]
            self.label.set_text(format_number(last_value, panel.decimals))
            self.label.xy = (last_year, last_value)
        self.target.set_visible(panel.target is not None)
        if panel.target is not None:
            self.target.set_ydata([panel.target, panel.target])
        if panel.years != self.years:
            axes.set_xticks(list(panel.years))
            axes.set_xticklabels([str(y) for y in panel.years], fontsize=6)
            self.years = panel.years
        axes.set_xlim(panel.years[0] - 0.4, panel.years[-1] + 0.4)
        axes.set_ylim(*y_limits([v for _, v in points], panel.target))
        axes.draw(renderer)


def render_chart_png(chart: Chart, phrases: Mapping[str, str], font_path: Path,
                     *, dpi: int = 170) -> bytes:
    """The chart as PNG bytes, 156 mm wide (the 版心) at ``dpi``."""
    family = font_family(font_path)
    columns, rows, row_height = _layout(len(chart.panels))
    wrap = 13 if columns <= 3 else 10
    with _LOCK, rc_context({"font.family": [family], "font.size": 7}), \
            warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = Figure(figsize=(WIDTH_INCHES, rows * row_height + 0.35), dpi=dpi)
        canvas = FigureCanvasAgg(figure)
        _place(figure, columns, rows, row_height)
        panels = _Panels(figure, GridSpec(rows, columns, figure=figure))
        handles = [Line2D([], [], color=VALUE_COLOUR, marker="o", markersize=3)]
        labels = [phrases["chart.value"]]
        if any(panel.target is not None for panel in chart.panels):
            handles.append(Line2D([], [], color=TARGET_COLOUR, linestyle="--"))
            labels.append(phrases["chart.target"])
        legend = figure.legend(handles, labels, loc="lower center", ncols=len(labels),
                               fontsize=7, frameon=False)
        renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
        renderer.clear()
        figure.patch.draw(renderer)
        for index, panel in enumerate(chart.panels):
            panels.draw(renderer, index, panel, _title(panel, phrases, wrap))
        legend.draw(renderer)
        png = _png(canvas, dpi)
    for warning in caught:
        message = str(warning.message)
        if "missing from" in message and "font" in message:
            raise ChartFontError("report.glyph_missing", message)
    for warning in caught:  # others go on to the caller's filters
        warnings.warn_explicit(warning.message, warning.category, warning.filename,
                               warning.lineno)
    return png


def _png(canvas: FigureCanvasAgg, dpi: int) -> bytes:
    """The canvas as an RGB PNG: the figure is opaque (its alpha is 255 everywhere), so
    the same pixels as matplotlib's RGBA file, smaller; zlib level 3 compresses these
    charts better and faster than the default 6."""
    width, height = canvas.get_width_height()
    rgba = Image.frombuffer("RGBA", (width, height), bytes(canvas.buffer_rgba()),  # type: ignore[no-untyped-call]
                            "raw", "RGBA", 0, 1)
    buffer = io.BytesIO()
    rgba.convert("RGB").save(buffer, format="png", compress_level=3, dpi=(dpi, dpi))
    return buffer.getvalue()
