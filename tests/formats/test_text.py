"""Text helpers of the plan import: cleaning, Chinese numerals."""

from __future__ import annotations

import pytest

from halfsky.formats.text import clean_text, cn_to_int


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("达到 78.1 岁", "达到78.1岁"),
        ("**主要目标：**", "主要目标："),
        ("心理问题,重点关注", "心理问题，重点关注"),
        ("文明实践中心(所、站)等", "文明实践中心（所、站）等"),
        ("运用 Internet of Things 技术", "运用Internet of Things技术"),
    ],
)
def test_clean_text(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean


def test_cn_numerals() -> None:
    assert [cn_to_int(n) for n in ("一", "八", "十", "十二", "二十", "二十三", "一百零五")] == [
        1,
        8,
        10,
        12,
        20,
        23,
        105,
    ]
