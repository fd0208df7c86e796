"""Report files: Word (.docx, in the official look), PDF (LibreOffice), the Excel compendium.

Renderers take a report model of ``halfsky.domain.reports`` and the
caller's ``phrases`` (from the web layer's ``report_phrases()``)::

    docx_bytes = render_docx(report, phrases, font_path=packaged_font())
    pdf_bytes = convert_to_pdf(docx_bytes)            # PdfConversionError when no soffice
    xlsx_bytes = render_compendium_xlsx(compendium, phrases)
"""

from halfsky.formats.reports.chart_cache import ChartCache
from halfsky.formats.reports.charts import ChartFontError, render_chart_png
from halfsky.formats.reports.compendium_xlsx import render_compendium_xlsx
from halfsky.formats.reports.docx_render import render_docx
from halfsky.formats.reports.fonts import packaged_font
from halfsky.formats.reports.pdf import PdfConversionError, convert_to_pdf, find_soffice
from halfsky.formats.reports.phrases import PhraseError, render_text

__all__ = [
    "ChartCache",
    "ChartFontError",
    "PdfConversionError",
    "PhraseError",
    "convert_to_pdf",
    "find_soffice",
    "packaged_font",
    "render_chart_png",
    "render_compendium_xlsx",
    "render_docx",
    "render_text",
]
