"""Earlier years' values in bulk (baseline 2020 …): the import of earlier years.

The file has the columns ``indicator, area, year, breakdown, value,
numerator, denominator, source, note`` — or in Chinese 指标编码/指标, 地区代码/地区,
年份, 分组/性别, 数值, 分子, 分母, 来源, 备注 (``rows.HEADER_WORDS``) — in any
order (case and surrounding spaces ignored; other columns ignored). Only
indicator, area, year and a value (or numerator and denominator) must be
there: the other columns may be absent. Breakdown "" (or 合计) is the total;
女/男, 城镇/农村 are read as the breakdown codes (``rows.BREAKDOWN_WORDS``). ``read_history`` returns the rows and the problems; the import is
all or nothing, so a caller stores nothing when there is any problem.

- CSV: UTF-8 with or without BOM, or GB18030 (what Chinese Excel writes
  for "CSV"), recognised by the content (charset-normalizer weighs both
  readings, so GB18030 bytes that happen to be valid UTF-8 are not misread;
  the encoding chosen is ``HistoryFile.encoding``, shown in the preview); comma-separated, or tab-separated when
  the header has tabs and no commas. UTF-16 ("Unicode text") and binary
  files are ``history.bad_encoding``. Problems carry the line number.
- xlsx: the first sheet; the header is its first row with content. Problems
  carry sheet and cell. Formulas are refused, never evaluated.
- Numbers as in ``uploads`` (no "%": values are in the indicator's unit).
  Years are whole numbers from 1949 to 2100.
- The file kind is taken from its content (an xlsx is a zip), so a renamed
  file is still read right; an old .xls is ``history.not_xlsx``.
- SDMX-CSV 2.0 and SDMX-JSON 2.0 data messages for HalfSky's structure are
  read too, known by their content (``sdmx``); their problems have ``sdmx.*`` codes.

(The message codes keep their first name, ``history.*``: they are stored with
staged imports and audit records.)
"""

from __future__ import annotations

from halfsky.formats.earlier_years.rows import COLUMNS, HistoryFile, HistoryRow
from halfsky.formats.earlier_years.sdmx import read_sdmx_history, sdmx_kind
from halfsky.formats.earlier_years.table import OLE_MAGIC, decode, read_csv, read_xlsx
from halfsky.formats.uploads import MAX_BYTES, ZIP_MAGIC, FileProblem, UnreadableFile, check_size

__all__ = ["COLUMNS", "HistoryFile", "HistoryRow", "decode", "read_history"]


def read_history(data: bytes, filename: str = "", *, max_bytes: int = MAX_BYTES) -> HistoryFile:
    """Read a history file; ``filename`` only helps tell an empty upload's kind."""
    try:
        check_size(data, max_bytes, "history.too_large")
        if data.startswith(ZIP_MAGIC) or data.startswith(OLE_MAGIC):
            return read_xlsx(data)
        if not data.strip():
            return HistoryFile(problems=[FileProblem("history.empty")])
        if kind := sdmx_kind(data):
            return read_sdmx_history(data, kind)
        return read_csv(data)
    except UnreadableFile as error:
        return HistoryFile(problems=[FileProblem(error.code, params=error.params)])


# --------------------------------------------------------------------------
# CSV
