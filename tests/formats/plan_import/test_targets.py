"""Reading targets from Chinese goal sentences: every kind, several per goal, exact spans."""

from __future__ import annotations

import pytest

from halfsky.domain.targets import Comparator, TargetKind
from halfsky.formats.plan_import.targets import read_targets, unrecognised_sentences

GE, GT, LE, LT, EQ, APPROX = (Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT,
                              Comparator.EQ, Comparator.APPROX)


def only(text: str):
    found = read_targets(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "indicator", "kind", "comparator", "value", "unit"),
    [
        ("全县妇女人均预期寿命达到80.5岁。", "全县妇女人均预期寿命", TargetKind.THRESHOLD, GE, 80.5, "岁"),
        ("新生儿死亡率控制在3‰以内。", "新生儿死亡率", TargetKind.THRESHOLD, LE, 3, "‰"),
        ("孕产妇死亡率降至10/10万以下。", "孕产妇死亡率", TargetKind.THRESHOLD, LE, 10, "1/10万"),
        ("女性就业人数超过2万人。", "女性就业人数", TargetKind.THRESHOLD, GT, 2, "万人"),
        ("妇女参加技能培训的人数不少于500人。", "妇女参加技能培训的人数", TargetKind.THRESHOLD, GE, 500, "人"),
        ("城乡居民基本养老保险参保率达到 96 ％。", "城乡居民基本养老保险参保率", TargetKind.THRESHOLD, GE, 96, "%"),
        ("每个乡镇建成妇女之家的数量为3个。", "每个乡镇建成妇女之家的数量", TargetKind.THRESHOLD, EQ, 3, "个"),
        ("劳动年龄女性平均受教育年限提高到12年。", "劳动年龄女性平均受教育年限", TargetKind.THRESHOLD, GE, 12, "年"),
        ("女性公务员比例保持在40%左右。", "女性公务员比例", TargetKind.APPROXIMATE, APPROX, 40, "%"),
        ("妇女常见病筛查率稳定在90%以上。", "妇女常见病筛查率", TargetKind.MAINTAIN, GE, 90, "%"),
        ("农村适龄妇女两癌检查覆盖率持续保持在95%以上。", "农村适龄妇女两癌检查覆盖率",
         TargetKind.MAINTAIN, GE, 95, "%"),
    ],
    ids=["threshold-ge", "within-permille", "below-per-100k", "over-10k-people", "not-less",
         "spaced-fullwidth", "equal", "years", "approximate", "maintain", "keep-at"],
)
def test_numeric_targets(text: str, indicator: str, kind: TargetKind, comparator: Comparator,
                         value: float, unit: str) -> None:
    item = only(text)
    assert item.indicator == indicator
    assert (item.target.kind, item.target.comparator, item.target.value, item.target.unit) == (
        kind, comparator, value, unit)
    assert item.target.year is None
    assert item.span.text == text[item.span.start : item.span.end] == item.target.source
    assert str(value).rstrip("0").rstrip(".") in item.span.text.replace(" ", "")


def test_approximate_targets_carry_a_tolerance() -> None:
    assert only("女性比例保持在45%左右。").target.tolerance == 1.0


@pytest.mark.parametrize(
    ("text", "indicator", "kind"),
    [
        ("农村妇女人均可支配收入逐步提高。", "农村妇女人均可支配收入", None),
        ("女性高级专业技术人员比例逐步提高。", "女性高级专业技术人员比例", TargetKind.INCREASE),
        ("提高妇女参加生育保险的人数。", "妇女参加生育保险的人数", TargetKind.INCREASE),
        ("孕产妇贫血患病率持续下降。", "孕产妇贫血患病率", TargetKind.DECREASE),
        ("降低育龄妇女人工流产率。", "育龄妇女人工流产率", TargetKind.DECREASE),
        ("青少年女性肥胖率上升趋势减缓。", "青少年女性肥胖率", TargetKind.GROWTH_SLOWS),
        ("男女两性平均受教育年限差距逐步缩小。", "男女两性平均受教育年限", TargetKind.GAP_NARROWS),
        ("农村妇女“两癌”检查实现全覆盖。", "农村妇女“两癌”检查", TargetKind.FULL_COVERAGE),
        ("女干部保持合理比例。", "女干部比例", TargetKind.QUALITATIVE),
        ("社区居委会成员中女性比例不低于本社区居民中的女性比例。", "社区居委会成员中女性比例",
         TargetKind.RELATIVE),
    ],
    ids=["unmeasurable-income-is-skipped", "increase", "increase-verb-first", "decrease",
         "decrease-verb-first", "growth-slows", "gap-sex", "full-coverage", "qualitative",
         "relative"],
)
def test_directional_and_other_kinds(text: str, indicator: str, kind: TargetKind | None) -> None:
    found = read_targets(text)
    if kind is None:  # 收入 is no measurable word the grammar knows: left to the reviewer
        assert found == ()
        return
    assert len(found) == 1
    assert (found[0].indicator, found[0].target.kind) == (indicator, kind)
    assert found[0].target.value is None or kind is TargetKind.FULL_COVERAGE


def test_gap_groups_and_the_indicator_a_relative_target_is_compared_with() -> None:
    (gap,) = read_targets("男女两性平均受教育年限差距逐步缩小。")
    assert gap.target.groups == ("female", "male")
    (relative,) = read_targets("社区居委会成员中女性比例不低于本社区居民中的女性比例。")
    assert relative.target.relative_to == "本社区居民中的女性比例"
    assert relative.target.unit == "%"


def test_full_coverage_is_100_percent() -> None:
    (item,) = read_targets("每个村（社区）妇联执委中至少有1名女性致富带头人。")
    assert item.target.kind is TargetKind.FULL_COVERAGE
    assert (item.target.comparator, item.target.value, item.target.unit) == (GE, 100, "%")
    assert item.indicator == "每个村（社区）妇联执委中至少有1名女性致富带头人的比例"


def test_one_goal_carries_several_targets() -> None:
    text = "女童平等接受义务教育，小学、初中阶段净入学率均保持在99.95%以上。"
    found = read_targets(text)
    assert [f.indicator for f in found] == ["小学阶段净入学率", "初中阶段净入学率"]
    assert all(f.target.kind is TargetKind.MAINTAIN and f.target.value == 99.95 for f in found)
    assert {f.span.text for f in found} == {"小学、初中阶段净入学率均保持在99.95%以上"}
    assert text[found[0].span.start : found[0].span.end] == found[0].span.text


def test_a_gap_without_subject_belongs_to_the_indicator_before() -> None:
    text = "孕产妇死亡率下降到12.5/10万以内，城乡差距缩小。"
    threshold, gap = read_targets(text)
    assert (threshold.indicator, threshold.target.comparator, threshold.target.value) == (
        "孕产妇死亡率", LE, 12.5)
    assert gap.indicator == "" and gap.target.groups == ("urban", "rural")
    assert gap.target.unit == "1/10万"
    assert (gap.span.start, gap.span.end) == (text.index("城乡"), text.index("。"))


def test_stated_year_and_borrowed_subject() -> None:
    text = "提高农村卫生厕所普及率，2025年达到98%左右。"
    (item,) = read_targets(text)  # the numeric target replaces "提高…" (an increase)
    assert item.indicator == "农村卫生厕所普及率"
    assert (item.target.kind, item.target.value, item.target.year) == (
        TargetKind.APPROXIMATE, 98, 2025)
    assert item.span.text == "提高农村卫生厕所普及率，2025年达到98%左右"


def test_a_leading_year_applies_to_the_sentence() -> None:
    text = "到2030年，女性参加基本医疗保险的比例达到97%以上。"
    (item,) = read_targets(text)
    assert item.target.year == 2030 and item.target.value == 97
    assert unrecognised_sentences(text, (item,)) == ()


def test_numbers_inside_the_indicator_phrase_are_not_targets() -> None:
    (item,) = read_targets("每千人口拥有3岁以下婴幼儿托位数达到4.5个。")
    assert item.indicator == "每千人口拥有3岁以下婴幼儿托位数"
    assert (item.target.value, item.target.unit) == (4.5, "个")


def test_fillers_are_not_part_of_the_indicator() -> None:
    (item,) = read_targets("力争规划周期内女性村委会主任比例达到15%。")
    assert item.indicator == "女性村委会主任比例"
    assert item.span.text == "力争规划周期内女性村委会主任比例达到15%"


def test_number_bearing_sentences_without_a_target_are_reported() -> None:
    text = "巩固义务教育成果。建成12个妇女儿童之家示范点；妇女健康素养水平不断提高。"
    found = read_targets(text)
    assert [f.target.kind for f in found] == [TargetKind.INCREASE]
    assert [s.text for s in unrecognised_sentences(text, found)] == ["建成12个妇女儿童之家示范点"]


def test_text_without_targets() -> None:
    assert read_targets("全面普及生殖健康和避孕节育知识，减少非意愿妊娠。") == ()


# ---------------------------------------------------------------- 以上、以下、以内 and relative forms


@pytest.mark.parametrize(
    ("text", "comparator", "value", "unit"),
    [
        ("孕产妇死亡率控制在12.5/10万以下。", LE, 12.5, "1/10万"),
        ("艾滋病母婴传播率下降到2.5%以下。", LE, 2.5, "%"),
        ("新生儿死亡率控制在3‰以内。", LE, 3, "‰"),
        ("高中阶段毛入学率达到95%以上。", GE, 95, "%"),
        ("女性就业人数达到5万人以上。", GE, 5, "万人"),
        ("孕产妇死亡率低于10/10万。", LT, 10, "1/10万"),
    ],
    ids=["below-includes", "below-percent", "within", "above-includes", "ten-thousand", "lower-than"],
)
def test_yishang_yixia_yinei_include_the_number(text: str, comparator: Comparator, value: float,
                                                 unit: str) -> None:
    target = only(text).target
    assert (target.comparator, target.value, target.unit) == (comparator, value, unit)


@pytest.mark.parametrize(
    ("text", "indicator", "kind", "amount", "measure", "base_year"),
    [
        ("孕产妇死亡率比2020年下降1/2。", "孕产妇死亡率", TargetKind.DECREASE, 0.5, "fraction", 2020),
        ("以2010年为基数，新生儿破伤风发病率下降1/2。", "新生儿破伤风发病率", TargetKind.DECREASE,
         0.5, "fraction", 2010),
        ("妇女贫血患病率下降3%。", "妇女贫血患病率", TargetKind.DECREASE, 3, "percent", None),
        ("城镇调查失业率降低10个百分点。", "城镇调查失业率", TargetKind.DECREASE, 10, "points", None),
        ("女性参保率提高5个百分点。", "女性参保率", TargetKind.INCREASE, 5, "points", None),
        ("儿童肥胖率比2020年降低二分之一。", "儿童肥胖率", TargetKind.DECREASE, 0.5, "fraction", 2020),
    ],
    ids=["base-year-half", "base-clause", "percent", "points-down", "points-up", "chinese-fraction"],
)
def test_relative_targets_keep_base_year_and_percent_apart_from_points(
        text: str, indicator: str, kind: TargetKind, amount: float, measure: str,
        base_year: int | None) -> None:
    item = only(text)
    assert (item.indicator, item.target.kind, item.target.value) == (indicator, kind, None)
    assert item.change is not None
    assert (item.change.amount, item.change.measure, item.change.base_year) == (
        amount, measure, base_year)
    assert unrecognised_sentences(text, (item,)) == ()


def test_respectively_gives_one_target_per_named_indicator() -> None:
    found = read_targets("新生儿死亡率和婴儿死亡率分别控制在10‰和13‰。")
    assert [(f.indicator, f.target.comparator, f.target.value, f.target.unit) for f in found] == [
        ("新生儿死亡率", LE, 10, "‰"), ("婴儿死亡率", LE, 13, "‰")]
    found = read_targets("婴儿、5岁以下儿童死亡率分别控制在5‰和6‰以下。")
    assert [(f.indicator, f.target.value) for f in found] == [("婴儿死亡率", 5), ("5岁以下儿童死亡率", 6)]


def test_the_target_year_comes_from_the_sentence() -> None:
    (item,) = read_targets("到2025年，孕产妇死亡率控制在12/10万以下。")
    assert item.target.year == 2025
    assert only("孕产妇死亡率控制在12/10万以下。").target.year is None  # the plan's end year later
