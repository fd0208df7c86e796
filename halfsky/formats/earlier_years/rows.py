"""The rows an import of earlier years reads, whatever the file's format."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from halfsky.formats.uploads import FileProblem

COLUMNS = ("indicator", "area", "year", "breakdown", "value", "numerator", "denominator",
           "source", "note")  # fmt: skip
NUMBER_COLUMNS = ("value", "numerator", "denominator")
REQUIRED_FIELDS = ("indicator", "area", "year")
# The columns a file must have: the others may be absent (a five-column file works). A file
# without ``value`` needs ``numerator`` and ``denominator`` (the rate is computed from them).
REQUIRED_COLUMNS = ("indicator", "area", "year")
# Header words → column: the English names and the words a Chinese office writes. A code or a
# name may be given for the indicator (指标编码 / 指标) and the area (地区代码 / 地区).
HEADER_WORDS = {
    **{column: column for column in COLUMNS},
    "指标编码": "indicator", "指标代码": "indicator", "指标": "indicator", "指标名称": "indicator",
    "地区代码": "area", "区划代码": "area", "地区": "area", "地区名称": "area",
    "年份": "year", "年度": "year", "年": "year",
    "分组": "breakdown", "性别": "breakdown",
    "数值": "value", "值": "value", "指标值": "value",
    "分子": "numerator", "分母": "denominator",
    "来源": "source", "数据来源": "source",
    "备注": "note", "说明": "note",
}  # fmt: skip
# Words for a breakdown (the 分组 / 性别 column) → its code; "" is the total.
BREAKDOWN_WORDS = {
    "女": "sex=female", "女性": "sex=female", "男": "sex=male", "男性": "sex=male",
    "城镇": "urban_rural=urban", "农村": "urban_rural=rural", "乡村": "urban_rural=rural",
    "合计": "", "总计": "", "全部": "", "总体": "",
}  # fmt: skip
FIRST_YEAR, LAST_YEAR = 1949, 2100


class HistoryRow(NamedTuple):
    """One earlier value; ``line`` is the CSV line or the sheet row. A plain (named) tuple:
    an import of 10,000 rows builds 10,000 of them (``HistoryRow._make`` from the staged
    lists), at a fraction of a frozen dataclass's cost."""

    line: int
    indicator: str
    area: str
    year: int
    breakdown: str = ""
    value: float | None = None
    numerator: float | None = None
    denominator: float | None = None
    source: str = ""
    note: str = ""
    flag: str = ""  # provisional, estimated, not_applicable: given by SDMX files only


@dataclass(frozen=True)
class HistoryFile:
    rows: Sequence[HistoryRow] = ()
    problems: Sequence[FileProblem] = ()
    sheet: str = ""  # the sheet read, for an xlsx file
    encoding: str = ""  # a CSV's encoding as recognised from its content: utf-8 or gb18030

    @property
    def ok(self) -> bool:
        return not self.problems
