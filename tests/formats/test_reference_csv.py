"""The national reference file: publications as citations, never web addresses."""

from __future__ import annotations

from pathlib import Path

import pytest

from halfsky.formats.reference_csv import COLUMNS, ReferenceFileError, read_reference_csv

HEADER = ",".join(COLUMNS)


def test_the_shipped_file_cites_a_publication_in_both_languages_for_every_row() -> None:
    figures = read_reference_csv()
    assert len(figures) == 250
    for figure in figures:
        assert figure.source and figure.source_en
        assert "http" not in figure.source + figure.source_en
    assert any("国家统计局" in f.source and "《" in f.source for f in figures)
    assert any(f.maintainer_note for f in figures)  # read, for maintainers


def test_a_row_citing_a_web_address_is_refused_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text(HEADER + "\n"
                    "全国,孕产妇死亡率,MMR,2022,15.7,1/10万,,国家卫生健康委《统计公报》,NHC bulletin,\n"
                    "全国,孕产妇死亡率,MMR,2023,15.1,1/10万,,http://example.cn/a.html,NHC,\n",
                    encoding="utf-8")
    with pytest.raises(ReferenceFileError) as error:
        read_reference_csv(path)
    assert (error.value.code, error.value.line) == ("reference_csv.web_address", 3)


def test_the_old_columns_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "figures.csv"
    path.write_text("geography,indicator_cn,indicator_en,year,value,unit,target,notes,source\n",
                    encoding="utf-8")
    with pytest.raises(ReferenceFileError) as error:
        read_reference_csv(path)
    assert error.value.code == "reference_csv.bad_columns"
