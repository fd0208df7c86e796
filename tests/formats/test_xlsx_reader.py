"""The upload reader on workbooks written the way Excel, WPS and LibreOffice write them."""

from __future__ import annotations

import io
import zipfile

import pytest

from halfsky.formats.uploads import UnreadableFile
from halfsky.formats.xlsx_reader import open_xlsx

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

SHARED = f"""<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="{MAIN}" count="4" uniqueCount="4">
  <si><t>指标</t></si>
  <si><r><rPr><b/></rPr><t>孕产妇</t></r><r><t xml:space="preserve">死亡率 </t></r></si>
  <si><t>吉县</t><rPh sb="0" eb="2"><t>ジケン</t></rPh></si>
  <si><t/></si>
</sst>"""

STYLES = f"""<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="{MAIN}">
  <numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts>
  <cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>
  <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="10"/></cellXfs>
</styleSheet>"""

SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="{ns}"><dimension ref="A1:F3"/><sheetData>
  <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>
    <c r="D1" t="s"><v>3</v></c><c r="E1" s="1"/></row>
  <row r="3"><c r="A3"><v>12.5</v></c><c r="B3" s="1"><v>0.941</v></c><c r="C3" s="2"><v>45720</v></c>
    <c r="D3" t="b"><v>1</v></c><c r="E3" t="e"><v>#DIV/0!</v></c>
    <c r="F3" t="str"><f>A3*2</f><v>25</v></c><c r="H3" t="inlineStr"><is><t>备注</t></is></c></row>
  <row><c><v>1</v></c><c><f t="shared" si="0"/><v>2</v></c><c t="n"><v>3</v></c></row>
</sheetData></worksheet>"""


def workbook(namespace: str = MAIN, sheet_state: str = "", shared: bool = True) -> bytes:
    state = f' state="{sheet_state}"' if sheet_state else ""
    parts = {
        "[Content_Types].xml": "<Types/>",
        "xl/workbook.xml": f'<workbook xmlns="{namespace}" xmlns:r="{REL}"><sheets>'
                           f'<sheet name="数据" sheetId="1" r:id="rId1"{state}/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PACKAGE_REL}">'
            f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="/xl/sharedStrings.xml"/>'
            f'<Relationship Id="rId3" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId9" Type="{REL}/hyperlink" Target="http://x" TargetMode="External"/>'
            "</Relationships>"),
        "xl/worksheets/sheet1.xml": SHEET.format(ns=namespace),
        "xl/styles.xml": STYLES.replace(MAIN, namespace),
    }  # fmt: skip
    if shared:
        parts["xl/sharedStrings.xml"] = SHARED.replace(MAIN, namespace)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize("namespace", [MAIN, STRICT])
def test_cells_of_every_kind(namespace: str) -> None:
    book = open_xlsx(workbook(namespace), prefix="excel")
    assert book.sheet_names == ["数据"] and book.sheet("数据").state == "visible"
    rows = {number: [(c.ref, c.value, c.kind) for c in cells] for number, cells in book.rows("数据")}
    assert rows[1] == [("A1", "指标", "text"), ("B1", "孕产妇死亡率 ", "text"),
                       ("C1", "吉县", "text"), ("D1", "", "text")]  # fmt: skip
    assert rows[3] == [("A3", 12.5, "number"), ("B3", 0.941, "number"), ("C3", 45720.0, "date"),
                       ("D3", True, "bool"), ("E3", "#DIV/0!", "error"),
                       ("F3", "=A3*2", "formula"), ("H3", "备注", "text")]  # fmt: skip
    # Rows and cells without references follow the ones before them.
    assert rows[4] == [("A4", 1.0, "number"), ("B4", "=", "formula"), ("C4", 3.0, "number")]
    assert 2 not in rows
    cell = next(cells for n, cells in book.rows("数据") if n == 3)[1]
    assert book.number_format(cell.style) == "0.0%"
    book.close()


def test_sheet_state() -> None:
    book = open_xlsx(workbook(sheet_state="veryHidden"), prefix="excel")
    assert book.sheet("数据").state == "veryHidden"


def replace_part(data: bytes, name: str, text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, text if item.filename == name else source.read(item.filename))
    return buffer.getvalue()


def test_a_broken_part_is_corrupt() -> None:
    data = replace_part(workbook(), "xl/sharedStrings.xml", f'<sst xmlns="{MAIN}"><si><t>x</si>')
    with pytest.raises(UnreadableFile) as error:
        open_xlsx(data, prefix="history")
    assert error.value.code == "history.corrupt"


def test_a_missing_sheet_part_is_corrupt() -> None:
    rels = (f'<Relationships xmlns="{PACKAGE_REL}"><Relationship Id="rId1" '
            f'Type="{REL}/worksheet" Target="worksheets/sheet9.xml"/></Relationships>')
    data = replace_part(workbook(), "xl/_rels/workbook.xml.rels", rels)
    with pytest.raises(UnreadableFile) as error:
        open_xlsx(data, prefix="excel")
    assert error.value.code == "excel.corrupt"


def test_entity_expansion_is_refused() -> None:
    """A billion laughs in a part: expat refuses the amplification."""
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + "".join(f'<!ENTITY lol{i} "{"&lol%s;" % (i - 1 if i else "") * 10}">'
                      for i in range(1, 10))
            + f']><sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>')  # fmt: skip
    data = replace_part(workbook(), "xl/sharedStrings.xml", bomb.replace("&lol0;", "&lol;"))
    with pytest.raises(UnreadableFile) as error:
        open_xlsx(data, prefix="excel")
    assert error.value.code == "excel.corrupt"
