"""Writing a department's reporting template; a filled template reads back the same."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from halfsky.formats.excel_layout import META_SHEET, template_checksum
from halfsky.formats.excel_template import (
    DEFAULT_LABELS,
    LABEL_KEYS,
    TemplateIdentity,
    TemplateSpec,
    read_template,
    write_template,
)

ROUND, HEALTH = "round-2025", "health"


def open_template(data: bytes) -> Any:
    return load_workbook(io.BytesIO(data))


def edit(data: bytes, change: Callable[[Any], None]) -> bytes:
    """Open a workbook with openpyxl, change it as a person would in Excel, save it."""
    workbook = open_template(data)
    change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def data_sheet(workbook: Any, name: str = "数据") -> Worksheet:
    sheet = workbook[name]
    assert isinstance(sheet, Worksheet)
    return sheet


def test_sheets_in_chinese_with_hidden_metadata(spec: TemplateSpec,
                                                zh_labels: Mapping[str, str]) -> None:  # fmt: skip
    workbook = open_template(write_template(spec, zh_labels))
    assert workbook.sheetnames == ["填报说明", "数据", META_SHEET]
    assert [sheet.sheet_state for sheet in workbook] == ["visible", "visible", "veryHidden"]
    assert workbook.security.lockStructure


def test_instructions_sheet(spec: TemplateSpec, zh_labels: Mapping[str, str]) -> None:
    sheet = open_template(write_template(spec, zh_labels))["填报说明"]
    texts = [cell.value for row in sheet.iter_rows() for cell in row if cell.value]
    assert texts[0] == "吉县妇女发展规划（2021—2025年）·县卫生健康和体育局·2025年监测数据"
    assert "县卫生健康和体育局" in texts and "2026年3月31日" in texts and "2025" in texts
    assert "比率指标请填写分子和分母，系统自动计算。" in texts
    assert sheet.protection.sheet


def test_data_sheet_layout(spec: TemplateSpec, zh_labels: Mapping[str, str]) -> None:
    sheet = data_sheet(open_template(write_template(spec, zh_labels)))
    assert [cell.value for cell in sheet[2]] == [
        "编号", "指标编号", "指标名称", "单位", "地区", "分组", "指标解释", "2022年", "2023年",
        "2024年", "目标值", "本年数值", "分子", "分母", "标注", "备注"]  # fmt: skip
    assert [cell.value for cell in sheet[3]][:11] == [
        "H03|141028|2025|", "H03", "孕产妇死亡率", "1/10万", "吉县", "合计",
        "孕产妇死亡人数/活产数×10万", 0, 21.3, 0, "≤12.5/10万"]  # fmt: skip
    # The current draft is filled in, its flag shown by its label.
    assert [cell.value for cell in sheet[5]][11:] == [94.1, 941, 1000, "初步数", "妇幼年报"]
    assert sheet.freeze_panes == "G3"
    assert sheet.column_dimensions["A"].hidden
    assert sheet.column_dimensions["C"].width == 30
    assert sheet.max_row == 7


def test_labels_locked_inputs_unlocked(spec: TemplateSpec, zh_labels: Mapping[str, str]) -> None:
    sheet = data_sheet(open_template(write_template(spec, zh_labels)))
    assert sheet.protection.sheet and not sheet.protection.password
    for row in range(3, 8):
        locked = {cell.column_letter: cell.protection.locked for cell in sheet[row]}
        assert all(locked[c] for c in "ABCDEFGHIJK"), row
        assert not locked["L"] and not locked["O"] and not locked["P"]
        is_rate = row <= 5  # H03, H03 urban, H04 are rates; S01 counts are not
        assert locked["M"] is not is_rate and locked["N"] is not is_rate
    assert all(cell.protection.locked for cell in sheet[2])


def test_data_validation(spec: TemplateSpec, zh_labels: Mapping[str, str]) -> None:
    sheet = data_sheet(open_template(write_template(spec, zh_labels)))
    checks = {(v.type, v.operator, v.formula1, v.formula2): str(v.sqref)
              for v in sheet.data_validations.dataValidation}  # fmt: skip
    assert checks == {
        ("decimal", "between", "0", "100"): "L5",  # H04 is a percentage
        ("decimal", "greaterThanOrEqual", "0", None): "L3:L4 L6:L7 M3:M5 N3:N5",
        ("list", None, '"初步数,估计数,不适用"', None): "O3:O7",
    }
    assert all(v.showErrorMessage and v.allow_blank for v in sheet.data_validations.dataValidation)


def test_metadata(spec: TemplateSpec) -> None:
    sheet = open_template(write_template(spec))[META_SHEET]
    fields = {row[0]: row[1] for row in sheet.iter_rows(max_row=11, values_only=True)}
    keys = [row.key for row in spec.rows]
    assert fields["version"] == "1" and fields["round"] == ROUND and fields["year"] == "2025"
    assert fields["department"] == HEALTH and fields["rows"] == "5"
    assert fields["checksum"] == template_checksum(1, ROUND, HEALTH, keys)
    assert [row[0] for row in sheet.iter_rows(min_row=13, values_only=True)] == keys


def test_checksum_covers_version_round_department_and_keys() -> None:
    base = template_checksum(1, "r", "d", ["a", "b"])
    assert len({base, template_checksum(2, "r", "d", ["a", "b"]),
                template_checksum(1, "q", "d", ["a", "b"]),
                template_checksum(1, "r", "e", ["a", "b"]),
                template_checksum(1, "r", "d", ["b", "a"]),
                template_checksum(1, "r", "d", ["a,b"])}) == 6  # fmt: skip


def test_english_defaults_and_label_keys(spec: TemplateSpec, zh_labels: Mapping[str, str]) -> None:
    workbook = open_template(write_template(spec))
    assert workbook.sheetnames[:2] == ["Instructions", "Data"]
    assert data_sheet(workbook, "Data")["L2"].value == "Value"
    assert set(zh_labels) == LABEL_KEYS == set(DEFAULT_LABELS)
    with pytest.raises(ValueError, match="column.valeu"):
        write_template(spec, {"column.valeu": "x"})
    with pytest.raises(ValueError, match="comma"):
        write_template(spec, {"flag.estimated": "估计,推算"})


def test_text_is_never_written_as_a_formula(spec: TemplateSpec) -> None:
    row = spec.rows[0]
    tricky = TemplateSpec(**{**spec.__dict__, "rows": [
        type(row)(**{**row.__dict__, "indicator_name": "=HYPERLINK(\"x\")", "note": "=见附件"})]})
    data = write_template(tricky)
    sheet = data_sheet(open_template(data), "Data")
    assert sheet["C3"].data_type == "s" and sheet["C3"].value == '=HYPERLINK("x")'
    assert read_template(data, TemplateIdentity(ROUND, HEALTH)).problems == []


def test_round_trip(spec: TemplateSpec, identity: TemplateIdentity,
                    zh_labels: Mapping[str, str]) -> None:  # fmt: skip
    def fill(workbook: Any) -> None:
        sheet = data_sheet(workbook)
        sheet["M3"], sheet["N3"] = 1, 2105  # maternal deaths, live births
        sheet["O3"] = "初步数"
        sheet["M4"], sheet["N4"] = "0", "１,２０５"  # numbers typed as text, full-width
        sheet["L5"] = None  # the draft value cleared: the rate comes from its counts
        sheet["O5"] = None
        sheet["L6"], sheet["P6"] = 5321, "含灵活就业人员"
        sheet["O7"] = "不适用"

    upload = read_template(edit(write_template(spec, zh_labels), fill), identity)
    assert upload.ok and upload.problems == []
    assert upload.data_sheet == "数据"
    got = {key: (r.value, r.numerator, r.denominator, r.flag, r.note)
           for key, r in upload.rows.items()}  # fmt: skip
    assert got == {
        "H03|141028|2025|": (None, 1, 2105, "provisional", ""),
        "H03|141028|2025|urban_rural=urban": (None, 0, 1205, "", ""),
        "H04|141028|2025|": (None, 941, 1000, "", "妇幼年报"),
        "S01|141028|2025|sex=female": (5321, None, None, "", "含灵活就业人员"),
        "S01|141028|2025|sex=male": (None, None, None, "not_applicable", ""),
    }
    assert upload.cell("S01|141028|2025|sex=female", "value") == "数据!L6"


def test_an_untouched_template_reads_as_its_draft(spec: TemplateSpec,
                                                   identity: TemplateIdentity) -> None:  # fmt: skip
    upload = read_template(write_template(spec), identity)
    assert upload.ok and list(upload.rows) == [row.key for row in spec.rows]
    assert upload.rows["H04|141028|2025|"].value == 94.1


def test_an_empty_task(identity: TemplateIdentity,
                       spec_with: Callable[..., TemplateSpec]) -> None:  # fmt: skip
    upload = read_template(write_template(spec_with(rows=[])), identity)
    assert upload.ok and upload.rows == {}
