"""Regenerate the page images of the annual monitoring report in this folder.

    .venv/bin/python docs/reports/make_pages.py

Builds the 2024 annual report of the Ji County plan from the sample data of
the report tests (tests/domain/reports/report_data.py: demo values, a few
series set by hand — 示例数据, not official statistics) with the Chinese
phrases of tests/formats/reports/conftest.py, renders it to Word, converts
it to PDF with LibreOffice and writes a few pages as PNG: the first page,
the overview table, the first chart, the problems and suggestions, and the
first page of the appendix. Needs ``make assets`` (the font), LibreOffice
and pdftoppm (poppler-utils).
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from PIL import Image

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
RESOLUTION = 96  # dots per inch: 794 × 1123 pixels for an A4 page

# (file name, a text that identifies the page)
PAGES = (
    ("annual-1-title.png", "一、基本情况"),
    ("annual-2-overview.png", "表1"),
    ("annual-3-chart.png", "图1"),
    ("annual-4-problems.png", "四、存在的问题"),
    ("annual-5-appendix.png", "附表1"),
)


def load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    return [re.sub(r"\s+", "", page) for page in text.split("\f")]


def main() -> None:
    from halfsky.domain.reports import build_annual_report
    from halfsky.formats.reports import convert_to_pdf, packaged_font, render_docx

    data = load(ROOT / "tests" / "domain" / "reports" / "report_data.py", "report_data")
    phrases = load(ROOT / "tests" / "formats" / "reports" / "conftest.py", "report_conftest")
    font = packaged_font()
    if font is None:
        raise SystemExit("the packaged font is missing: run `make assets`")
    plan = data.report_plan()
    series = data.report_series(plan)
    assessments = data.report_assessments(plan, series, 2024)
    report = build_annual_report(plan, series, assessments, 2024, data.ANNUAL_TEXTS,
                                 data.WARNINGS, info=data.INFO)
    pdf_bytes = convert_to_pdf(render_docx(report, phrases.ZH_PHRASES, font_path=font))
    with tempfile.TemporaryDirectory() as work:
        pdf = Path(work) / "annual.pdf"
        pdf.write_bytes(pdf_bytes)
        texts = page_texts(pdf)
        for name, marker in PAGES:
            number = next(i for i, text in enumerate(texts, start=1) if marker in text)
            stem = Path(work) / "page"
            subprocess.run(["pdftoppm", "-png", "-r", str(RESOLUTION), "-f", str(number),
                            "-l", str(number), "-singlefile", str(pdf), str(stem)], check=True)
            image = Image.open(stem.with_suffix(".png")).convert("RGB")
            image.quantize(colors=64).save(HERE / name, optimize=True)
            print(f"{name}: page {number}")


if __name__ == "__main__":
    main()
