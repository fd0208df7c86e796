"""The plan file's ``same_as``: an indicator declared the same series as another plan's."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from halfsky.domain.plan import SeriesLink
from halfsky.formats.plan_file import (
    PlanFileError,
    load_plan,
    plan_from_dict,
    plan_to_dict,
    read_plan_data,
)


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return plan_to_dict(load_plan("jixian-women-2021-2025"))


def with_link(document: dict[str, Any], link: object) -> dict[str, Any]:
    data = copy.deepcopy(document)
    data["plan"]["code"] = "jixian-women-2026-2030"
    data["indicators"][2]["same_as"] = link
    return data


def test_a_link_is_read_and_written_back(document: dict[str, Any]) -> None:
    plan = plan_from_dict(with_link(document, {"plan": "jixian-women-2021-2025", "indicator": "H03"}))
    assert plan.indicators[2].same_as == SeriesLink("jixian-women-2021-2025", "H03")
    assert plan_to_dict(plan)["indicators"][2]["same_as"] == {
        "plan": "jixian-women-2021-2025", "indicator": "H03"}
    assert "same_as" not in plan_to_dict(plan)["indicators"][1]


def test_a_link_to_the_plan_itself_is_refused(document: dict[str, Any]) -> None:
    data = with_link(document, {"plan": "jixian-women-2026-2030", "indicator": "H01"})
    with pytest.raises(PlanFileError) as refused:
        plan_from_dict(data)
    assert refused.value.code == "plan_file.bad_series_link"
    assert refused.value.location == "indicators[2].same_as.plan"


@pytest.mark.parametrize("link", [{"plan": "x"}, {"indicator": "H03"}, "H03",
                                  {"plan": "x", "indicator": "H03", "factor": 2}])
def test_an_incomplete_link_is_refused(document: dict[str, Any], link: object) -> None:
    with pytest.raises(PlanFileError):
        plan_from_dict(with_link(document, link))


def test_the_yaml_flow_form_reads(document: dict[str, Any]) -> None:
    text = "same_as: {plan: jixian-women-2021-2025, indicator: H03}"
    assert read_plan_data(text) == {"same_as": {"plan": "jixian-women-2021-2025", "indicator": "H03"}}
