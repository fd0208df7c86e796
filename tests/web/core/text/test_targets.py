"""Every kind of target reads naturally in Chinese and in English."""

from __future__ import annotations

import pytest
from django.utils import translation

from halfsky.domain.targets import Comparator, Target, TargetKind
from halfsky.web.core.text.targets import TARGET_SENTENCES, target_in_words

CASES = [
    (Target(TargetKind.THRESHOLD, "1/10万", 2025, Comparator.LE, 12.5),
     "2025年控制在12.5/10万以内", "at most 12.5/10万 by 2025"),
    (Target(TargetKind.THRESHOLD, "岁", 2025, Comparator.GE, 78.1),
     "2025年达到78.1岁以上", "at least 78.1岁 by 2025"),
    (Target(TargetKind.THRESHOLD, "%", 2025, Comparator.LT, 2.5),
     "2025年低于2.5%", "below 2.5% by 2025"),
    (Target(TargetKind.APPROXIMATE, "%", 2025, Comparator.APPROX, 45, tolerance=2),
     "2025年保持在45%左右（±2）", "about 45% (±2) by 2025"),
    (Target(TargetKind.MAINTAIN, "%", 2025, Comparator.GE, 99),
     "每年稳定在99%以上（至2025年）", "every year at least 99% (through 2025)"),
    (Target(TargetKind.INCREASE, "%", 2025), "逐步提高（至2025年）", "rises steadily (through 2025)"),
    (Target(TargetKind.DECREASE, "%"), "逐步下降", "falls steadily"),
    (Target(TargetKind.GAP_NARROWS, "1/10万", 2025, groups=("urban", "rural")),
     "城镇与农村差距缩小（至2025年）", "gap between urban and rural narrows (through 2025)"),
    (Target(TargetKind.GROWTH_SLOWS, "%", 2025), "上升趋势减缓（至2025年）",
     "upward trend slows (through 2025)"),
    (Target(TargetKind.FULL_COVERAGE, "%", 2025), "2025年实现全覆盖", "full coverage by 2025"),
    (Target(TargetKind.QUALITATIVE, ""), "定性目标，由评估组评定", "qualitative, rated by the evaluators"),
]


@pytest.mark.parametrize(("target", "chinese", "english"), CASES)
def test_target_in_words(target: Target, chinese: str, english: str) -> None:
    with translation.override("zh-hans"):
        assert target_in_words(target) == chinese
    with translation.override("en"):
        assert target_in_words(target) == english


def test_relative_target_names_the_indicator_compared_with() -> None:
    target = Target(TargetKind.RELATIVE, "%", 2025, relative_to="D01")
    with translation.override("zh-hans"):
        assert target_in_words(target, "女党员占党员总数比例") == "不低于女党员占党员总数比例（至2025年）"


def test_every_description_code_has_a_sentence() -> None:
    from halfsky.domain.target_checks import DESCRIBE_CODES

    assert set(DESCRIBE_CODES) <= set(TARGET_SENTENCES)
