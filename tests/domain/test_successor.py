"""Proposing the links of a successor plan to the old plan's series."""

from __future__ import annotations

import dataclasses

import pytest

from halfsky.domain.plan import Plan, SeriesLink
from halfsky.domain.successor import LinkReason, propose_links, with_links
from halfsky.formats.plan_file import load_plan

OLD = "jixian-women-2021-2025"


@pytest.fixture(scope="module")
def old() -> Plan:
    return load_plan(OLD)


def successor(old: Plan) -> Plan:
    """2026–2030: H02 renamed, H03 under a new code, H04 in another unit, H05 dropped."""
    indicators = []
    for indicator in old.indicators:
        if indicator.code == "H02":
            indicator = dataclasses.replace(indicator, name=indicator.name + "（新口径）")
        elif indicator.code == "H03":
            indicator = dataclasses.replace(indicator, code="H03A")
        elif indicator.code == "H04":
            indicator = dataclasses.replace(indicator, unit="‰", targets=())
        elif indicator.code == "H05":
            continue
        indicators.append(indicator)
    return dataclasses.replace(old, code="jixian-women-2026-2030", start_year=2026,
                               end_year=2030, baseline_year=2025, indicators=tuple(indicators))


def test_links_are_proposed_by_code_and_name_then_name_then_code(old: Plan) -> None:
    proposals = propose_links(old, successor(old))
    by_new = {p.new: p for p in proposals.links}
    assert by_new["H01"].old == "H01" and by_new["H01"].reason is LinkReason.SAME_CODE_AND_NAME
    assert by_new["H03A"].old == "H03" and by_new["H03A"].reason is LinkReason.SAME_NAME
    assert by_new["H02"].old == "H02" and by_new["H02"].reason is LinkReason.SAME_CODE
    assert len(proposals.links) == len(old.indicators) - 2


def test_never_across_units_and_the_ended_and_new_indicators_are_listed(old: Plan) -> None:
    proposals = propose_links(old, successor(old))
    assert "H04" not in {p.new for p in proposals.links}
    assert [i.code for i in proposals.new] == ["H04"]  # ‰ now: a new series
    assert [i.code for i in proposals.ended] == ["H04", "H05"]


def test_accepted_links_are_written_into_the_new_plan(old: Plan) -> None:
    new = successor(old)
    proposals = propose_links(old, new)
    linked = with_links(new, proposals, accepted={"H01", "H03A"})
    links = {i.code: i.same_as for i in linked.indicators if i.same_as}
    assert links == {"H01": SeriesLink(OLD, "H01"), "H03A": SeriesLink(OLD, "H03")}
    again = propose_links(old, linked)  # links already in the file are kept
    assert set(again.kept) == {"H01", "H03A"}
    assert {"H01", "H03A"}.isdisjoint(p.new for p in again.links)
    assert {"H01", "H03"}.isdisjoint(i.code for i in again.ended)
