"""Uploads opened with their format's reader; every zip through the bounded unzip."""

from __future__ import annotations

import io
import zipfile

import pytest
from docx import Document
from PIL import Image

from halfsky.formats.file_checks import check_content, check_pdf
from halfsky.formats.uploads import UnreadableFile, open_zip
from tests.bad_files import fake_pdf, fake_png, real_pdf


def pdf(pages: int = 2) -> bytes:
    return real_pdf(pages)


def docx() -> bytes:
    document = Document()
    document.add_paragraph("评估材料")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG")
    return out.getvalue()


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_real_files_pass_their_reader() -> None:
    assert check_pdf(pdf(2)) == 2
    for data, kind in ((pdf(), "pdf"), (docx(), "docx"), (png(), "png")):
        check_content(data, kind)


@pytest.mark.parametrize(("data", "kind"), [
    (fake_pdf(), "pdf"),
    (b"%PDF-1.4\n%%EOF\n", "pdf"),
    (pdf()[: len(pdf()) // 2], "pdf"),
    (fake_png(), "png"),
    (png()[:30], "png"),
    (zipped({"word/document.xml": b"<not a document"}), "docx"),
])
def test_a_file_that_only_looks_like_its_kind_is_damaged(data: bytes, kind: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        check_content(data, kind)
    assert caught.value.code == "file.damaged"


def test_a_zip_bomb_is_refused_by_its_ratio_before_it_is_unpacked() -> None:
    bomb = zipped({"a.xml": b" " * 30_000_000})  # 30 MB in about 30 KB
    with pytest.raises(UnreadableFile) as caught:
        open_zip(bomb)
    assert caught.value.code == "zip.ratio" and caught.value.params["ratio"] > 100
    with pytest.raises(UnreadableFile) as caught:
        open_zip(bomb, max_unpacked=10_000_000)
    assert caught.value.code == "zip.too_large"


def test_too_many_members_and_a_broken_zip_are_refused() -> None:
    with pytest.raises(UnreadableFile) as caught:
        open_zip(zipped({f"m{i}": b"" for i in range(30)}), max_members=20)
    assert caught.value.params == {"count": 30, "limit": 20}
    with pytest.raises(UnreadableFile) as caught:
        open_zip(b"PK\x03\x04 broken")
    assert caught.value.code == "zip.corrupt"


def test_an_ordinary_zip_opens() -> None:
    with open_zip(zipped({"a.xml": b"<a/>" * 1000})) as archive:
        assert archive.read("a.xml").startswith(b"<a/>")
