"""PDF by LibreOffice headless: two conversions at once, CJK fonts embedded, no missing glyph.

Needs ``soffice`` (Debian: libreoffice-writer-nogui) and poppler-utils
(``pdffonts``, ``pdftotext``, ``pdftoppm``); skipped without them, except
under CI, where they are installed by ``.ci/run``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from matplotlib.ft2font import FT2Font
from PIL import Image

from halfsky.domain.reports import AnnualReport, EvaluationReport
from halfsky.formats.reports import (
    PdfConversionError,
    convert_to_pdf,
    find_soffice,
    render_docx,
    render_text,
)
from halfsky.formats.reports.pdf import ProfilePool

TOOLS = ("pdffonts", "pdftotext", "pdftoppm")


def needed(*tools: str) -> None:
    missing = [tool for tool in tools if shutil.which(tool) is None]
    if missing:
        reason = f"not installed: {', '.join(missing)} (libreoffice-writer-nogui, poppler-utils)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def pdfs(annual_docx: bytes, midterm: EvaluationReport, zh: Mapping[str, str],
         report_font: Path) -> list[bytes]:
    """The annual report and the mid-term evaluation converted at the same time."""
    needed("soffice", *TOOLS)
    small = render_docx(midterm, zh, font_path=report_font, dpi=100)
    with ThreadPoolExecutor(max_workers=2) as pool:
        return list(pool.map(convert_to_pdf, [annual_docx, small]))


def poppler(tool: str, pdf: bytes, tmp_path: Path, *args: str) -> str:
    source = tmp_path / "report.pdf"
    source.write_bytes(pdf)
    done = subprocess.run([tool, *args, str(source), *(["-"] if tool == "pdftotext" else [])],
                          capture_output=True, check=True, timeout=60)
    return done.stdout.decode("utf-8")


def test_two_conversions_at_once(pdfs: list[bytes], tmp_path: Path) -> None:
    annual, midterm = pdfs
    assert annual.startswith(b"%PDF") and midterm.startswith(b"%PDF")
    text = re.sub(r"\s+", "", poppler("pdftotext", midterm, tmp_path))
    assert "中期评估报告" in text


def test_the_pdf_says_what_the_report_says(pdfs: list[bytes], annual: AnnualReport,
                                           zh: Mapping[str, str], tmp_path: Path) -> None:
    text = re.sub(r"\s+", "", poppler("pdftotext", pdfs[0], tmp_path))
    assert "《吉县妇女发展“十四五”规划》2024年度监测报告" in text
    phrases = zh
    for facts in annual.indicators:
        assert re.sub(r"\s+", "", render_text(facts.sentence, phrases)) in text
    assert "\ufffd" not in text
    assert "—1—" in text  # the page number


def test_fonts_are_embedded_cjk_fonts(pdfs: list[bytes], tmp_path: Path) -> None:
    listing = poppler("pdffonts", pdfs[0], tmp_path).splitlines()[2:]
    assert listing
    names = [line.split()[0] for line in listing]
    assert all(" yes " in f" {line} " for line in listing)  # embedded
    assert any(re.search(r"CJK|NotoSansSC|NotoSerifSC", name) for name in names), names


def test_no_glyph_is_missing(annual: AnnualReport, zh: Mapping[str, str],
                             report_font: Path) -> None:
    """Every character of the report is in the packaged font, to which every font name of
    the document falls back (see ``fonts.fontconfig_file``)."""
    phrases = zh
    document = annual.document()
    characters = {ch for code in document.codes() if code in phrases for ch in phrases[code]}
    for facts in annual.indicators:
        characters |= set(render_text(facts.sentence, phrases))
    characters |= set(render_text(document.title, phrases))
    charmap = FT2Font(str(report_font)).get_charmap()
    missing = sorted(ch for ch in characters if not ch.isspace() and ord(ch) not in charmap)
    assert missing == []


def test_page_image(pdfs: list[bytes], tmp_path: Path) -> None:
    needed("pdftoppm")
    source = tmp_path / "report.pdf"
    source.write_bytes(pdfs[0])
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile",
                    str(source), str(tmp_path / "page")], check=True, timeout=60)
    image = Image.open(tmp_path / "page.png").convert("L")
    width, height = image.size
    assert abs(width / height - 210 / 297) < 0.01  # A4
    dark = sum(image.histogram()[:128])
    assert dark > 1000  # text was drawn


def test_without_libreoffice() -> None:
    with pytest.raises(PdfConversionError) as error:
        convert_to_pdf(b"PK", soffice="halfsky-no-such-soffice")
    assert error.value.code == "pdf.soffice_missing"
    assert find_soffice("halfsky-no-such-soffice") is None


def test_conversions_one_after_another_reuse_the_profile_set_up_ahead(annual_docx: bytes,
                                                              tmp_path: Path) -> None:
    needed("soffice", "pdftotext")
    pool = ProfilePool()
    assert pool.warm()  # as the worker does when it starts
    first = convert_to_pdf(annual_docx, profiles=pool)
    second = convert_to_pdf(annual_docx, profiles=pool)
    assert pool.created == 1  # both conversions found the profile set up ahead
    for pdf in (first, second):
        text = re.sub(r"\s+", "", poppler("pdftotext", pdf, tmp_path))
        assert "2024年度监测报告" in text
    with ThreadPoolExecutor(max_workers=2) as threads:  # two at once never share one
        both = list(threads.map(lambda d: convert_to_pdf(d, profiles=pool),
                                [annual_docx, annual_docx]))
    assert pool.created == 2 and all(p.startswith(b"%PDF") for p in both)
    root = pool._root
    pool.close()
    assert root is not None and not root.exists()  # nothing left behind in the temp directory


def test_a_failed_conversion_throws_its_profile_away(tmp_path: Path) -> None:
    fake = tmp_path / "soffice"  # a "LibreOffice" that sets up its profile and writes no PDF
    fake.write_text('#!/bin/sh\nmkdir -p "${1#-env:UserInstallation=file://}"\nexit 1\n')
    fake.chmod(0o755)
    pool = ProfilePool()
    with pytest.raises(PdfConversionError) as error:
        convert_to_pdf(b"PK", soffice=str(fake), profiles=pool)
    assert error.value.code == "pdf.failed"
    assert pool.created == 1 and not pool._idle
    assert pool._root is not None and not any(pool._root.iterdir())  # removed, not kept
