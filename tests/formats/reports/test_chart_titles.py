"""Panel titles of the report charts fit their panel: the unit is never cut off."""

from __future__ import annotations

import pytest

from halfsky.formats.reports.charts import _wrap


@pytest.mark.parametrize("name", [
    "经常参加体育锻炼的妇女（体育人口）占比",  # was drawn "…占比（%" in a four-column chart
    "村（社区）“两委”班子中至少有1名女性成员的比例",
    "国有企业董事会、监事会成员及管理层中女性比例",
    "孕产妇死亡率",
])
@pytest.mark.parametrize("width", [10, 13])
def test_a_title_is_two_lines_at_most_within_the_width_and_ends_with_the_unit(
        name: str, width: int) -> None:
    title = _wrap(name, "（%）", width)
    lines = title.split("\n")
    assert len(lines) <= 2
    assert all(len(line) <= width for line in lines), lines
    assert title.endswith("（%）")
    assert title.replace("\n", "").replace("…", "").replace("（%）", "") in name


def test_a_short_title_stays_on_one_line() -> None:
    assert _wrap("孕产妇死亡率", "（1/10万）", 13) == "孕产妇死亡率（1/10万）"
