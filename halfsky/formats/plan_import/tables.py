"""Tables of a plan: target-responsibility tables and the appendix indicator table.

A 目标责任分解书 / 任务分解表 has a column of goals and columns of the lead
(牵头单位) and supporting (配合单位) departments; rows that span the table
("一、妇女与健康") name the domain of the rows below. An appendix indicator
table has an indicator column, a baseline (2020年基期值) and a target value
(2025年/2030年目标值), and often 属性 (约束性/预期性).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from halfsky.formats.plan_import.departments import split_departments
from halfsky.formats.plan_import.lines import simplified, split_label
from halfsky.formats.plan_import.structure import Table

_LEAD = re.compile(r"牵头|责任单位|负责单位|主责单位")
_SUPPORT = re.compile(r"配合|协同|协办|参与单位")
_GOAL = re.compile(r"目标|指标|任务|内容|事项|工作")
_NUMBER = re.compile(r"序号|编号|^号$")
_DOMAIN = re.compile(r"领域")
_BASELINE = re.compile(r"基期|基线|现状|基数")
_TARGET = re.compile(r"目标值|目标$|(?:19|20)\d{2}\s*年?\s*(?:目标|值)?$")
_ATTRIBUTE = re.compile(r"属性|性质")
_UNIT = re.compile(r"^单位$|计量单位")
_YEAR = re.compile(r"((?:19|20)\d{2})")


@dataclass(frozen=True)
class ResponsibilityRow:
    line: int  # the table's first line
    domain: str  # the domain the row belongs to ("" when the table names none)
    number: int | None  # the goal's number in the table, when it has one
    goal: str
    lead: tuple[str, ...]
    supporting: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorRow:
    line: int
    domain: str
    name: str
    unit: str
    baseline: str
    baseline_year: int | None
    target: str
    target_year: int | None
    attribute: str  # 约束性, 预期性 or ""


def _column(header: tuple[str, ...], pattern: re.Pattern[str], skip: set[int]) -> int | None:
    for index, cell in enumerate(header):
        if index not in skip and pattern.search(re.sub(r"\s+", "", simplified(cell))):
            return index
    return None


def _is_section(row: tuple[str, ...]) -> str:
    """The domain a spanning row names ("一、妇女与健康"), else ""."""
    filled = {cell for cell in row if cell}
    if len(filled) != 1:
        return ""
    (cell,) = filled
    _, _, rest = split_label(cell)
    return rest.rstrip("：:。") if len(rest) <= 30 else ""


def _cell(row: tuple[str, ...], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def responsibility_rows(table: Table) -> list[ResponsibilityRow]:
    """The rows of a responsibility table; [] when the table is not one."""
    for position, header in enumerate(table.rows[:3]):
        lead = _column(header, _LEAD, set())
        if lead is None:
            continue
        support = _column(header, _SUPPORT, {lead})
        number = _column(header, _NUMBER, {lead})
        domain_column = _column(header, _DOMAIN, {lead})
        goal = _column(header, _GOAL, {i for i in (lead, support, number, domain_column) if i is not None})
        if goal is None:
            taken = {i for i in (lead, support, number, domain_column) if i is not None}
            goal = next((i for i in range(len(header)) if i not in taken), None)
        if goal is None:
            return []
        return _responsibility(table, position, goal, lead, support, number, domain_column)
    return []


def _body_rows(table: Table, position: int) -> Iterator[tuple[int, tuple[str, ...], str]]:
    """The rows below the header at ``position`` with the domain each falls under (a row
    that names a domain, such as "妇女与健康", is a section line, not a row)."""
    domain = ""
    for index, row in enumerate(table.rows[position + 1 :], start=position + 1):
        section = _is_section(row)
        if section:
            domain = section
            continue
        yield index, row, domain


def _responsibility(table: Table, position: int, goal: int, lead: int, support: int | None,
                    number: int | None, domain_column: int | None) -> list[ResponsibilityRow]:
    rows = []
    for index, row, domain in _body_rows(table, position):
        words = _cell(row, goal)
        if not words:
            continue
        label = re.sub(r"\D", "", _cell(row, number))
        item = re.match(r"^\s*(\d{1,3})\s*[.、．]\s*", words)
        if not label and item:
            label, words = item.group(1), words[item.end():]
        rows.append(ResponsibilityRow(
            line=table.row_line(index), domain=_cell(row, domain_column) or domain,
            number=int(label) if label else None, goal=words.strip(),
            lead=tuple(split_departments(_cell(row, lead))),
            supporting=tuple(split_departments(_cell(row, support))),
        ))
    return rows


def indicator_rows(table: Table) -> list[IndicatorRow]:
    """The rows of an appendix indicator table; [] when the table is not one."""
    for position, header in enumerate(table.rows[:3]):
        baseline = _column(header, _BASELINE, set())
        name = _column(header, re.compile(r"指标"), {baseline} if baseline is not None else set())
        if baseline is None or name is None:
            continue
        target = _column(header, _TARGET, {baseline, name})
        if target is None:
            continue
        attribute = _column(header, _ATTRIBUTE, {baseline, name, target})
        unit = _column(header, _UNIT, {baseline, name, target})
        return _indicators(table, position, name, baseline, target, attribute, unit)
    return []


def _indicators(table: Table, position: int, name: int, baseline: int, target: int,
                attribute: int | None, unit: int | None) -> list[IndicatorRow]:
    header = table.rows[position]
    years = [_YEAR.search(_cell(header, i)) for i in (baseline, target)]
    rows = []
    for index, row, domain in _body_rows(table, position):
        words = re.sub(r"^\s*\d{1,3}\s*[.、．]?\s*", "", _cell(row, name))
        if not words or not _cell(row, target):
            continue
        named_unit = re.search(r"[（(]([^（）()]{1,8})[)）]$", words)
        rows.append(IndicatorRow(
            line=table.row_line(index), domain=domain,
            name=words[: named_unit.start()] if named_unit else words,
            unit=_cell(row, unit) or (named_unit.group(1) if named_unit else ""),
            baseline=_cell(row, baseline), baseline_year=int(years[0].group(1)) if years[0] else None,
            target=_cell(row, target), target_year=int(years[1].group(1)) if years[1] else None,
            attribute=_cell(row, attribute),
        ))
    return rows
