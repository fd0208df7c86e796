"""Breakdowns as sets of dimension=value pairs: read in any order, written canonically."""

from __future__ import annotations

import pytest

from halfsky.domain import breakdowns
from halfsky.domain.breakdowns import BreakdownError


@pytest.mark.parametrize(("text", "expected"), [
    ("", ""),
    ("sex=female", "sex=female"),
    ("urban_rural=rural;sex=female", "sex=female;urban_rural=rural"),
    (" age_band=15-49 ; sex=male ", "sex=male;age_band=15-49"),
    ("age_band=65+;urban_rural=urban;sex=female", "sex=female;urban_rural=urban;age_band=65+"),
])  # fmt: skip
def test_canonical_orders_dimensions_as_the_vocabulary(text: str, expected: str) -> None:
    assert breakdowns.canonical(text) == expected


@pytest.mark.parametrize(("text", "code", "part"), [
    ("colour=red", breakdowns.UNKNOWN_DIMENSION, {"dimension": "colour"}),
    ("sex=other", breakdowns.UNKNOWN_VALUE, {"dimension": "sex", "value": "other"}),
    ("age_band=49-15", breakdowns.UNKNOWN_VALUE, {"value": "49-15"}),
    ("sex=female;sex=male", breakdowns.REPEATED_DIMENSION, {"dimension": "sex"}),
    ("sex", breakdowns.MALFORMED, {"part": "sex"}),
    ("sex=female;", breakdowns.MALFORMED, {"part": ""}),
])  # fmt: skip
def test_bad_breakdowns_are_refused_with_a_code(text: str, code: str, part: dict) -> None:
    with pytest.raises(BreakdownError) as caught:
        breakdowns.canonical(text)
    assert caught.value.code == code
    assert part.items() <= caught.value.params.items()


def test_existing_one_dimension_breakdowns_are_already_canonical() -> None:
    for text in ("", "sex=female", "sex=male", "urban_rural=urban", "urban_rural=rural",
                 "age_band=15-49"):
        assert breakdowns.is_canonical(text)
    assert not breakdowns.is_canonical("urban_rural=rural;sex=female")


def test_cells_cross_the_values_of_a_combination() -> None:
    assert breakdowns.cells(("sex",)) == ("sex=female", "sex=male")
    assert breakdowns.cells(("urban_rural", "sex")) == (
        "sex=female;urban_rural=urban", "sex=female;urban_rural=rural",
        "sex=male;urban_rural=urban", "sex=male;urban_rural=rural")
    assert breakdowns.cells(("sex", "age_band")) == ()  # age bands are free


def test_declared_and_dimensions() -> None:
    combos = [("sex",), ("sex", "urban_rural")]
    assert breakdowns.dimensions("sex=male;urban_rural=urban") == ("sex", "urban_rural")
    assert breakdowns.declared("", combos)
    assert breakdowns.declared("sex=male;urban_rural=urban", combos)
    assert not breakdowns.declared("urban_rural=urban", combos)


def test_columns_make_one_breakdown() -> None:
    assert breakdowns.of_columns({"urban_rural": "rural", "sex": "female", "age_band": ""}) == \
        "sex=female;urban_rural=rural"
    assert breakdowns.of_columns({"sex": " ", "urban_rural": ""}) == ""


def test_gap_groups_name_a_value_or_a_whole_breakdown() -> None:
    observed = {"", "urban_rural=rural", "urban_rural=urban", "sex=female;urban_rural=rural"}
    assert breakdowns.group_breakdown("rural", observed) == "urban_rural=rural"
    assert breakdowns.group_breakdown("urban_rural=rural;sex=female", observed) == \
        "sex=female;urban_rural=rural"
    assert breakdowns.group_breakdown("female", observed) is None
    assert breakdowns.group_combination("rural") == ("urban_rural",)
    assert breakdowns.group_combination("sex=male;urban_rural=rural") == ("sex", "urban_rural")
    assert breakdowns.group_combination("east") == ()
