"""The plan-document parser: the Ji County plan, and each heading and numbering style."""

from __future__ import annotations

from pathlib import Path

import pytest

from halfsky.formats.plan_document import (
    PlanDocument,
    PlanDocumentError,
    parse_plan_document,
    read_plan_document,
)
from halfsky.formats.text import clean_text, cn_to_int, ends_sentence

PLAN_MD = (
    Path(__file__).resolve().parents[2] / "halfsky" / "data" / "plans" / "jixian-women-2021-2025.md"
)

GOALS = [10, 9, 9, 8, 9, 9, 10, 9]
MEASURES = [13, 13, 13, 9, 11, 10, 13, 14]
NAMES = [
    "妇女与健康",
    "妇女与教育",
    "妇女与经济",
    "妇女参与决策和管理",
    "妇女与社会保障",
    "妇女与家庭建设",
    "妇女与环境",
    "妇女与法律",
]


@pytest.fixture(scope="module")
def jixian() -> PlanDocument:
    return read_plan_document(PLAN_MD)


def test_title(jixian: PlanDocument) -> None:
    assert jixian.title == "吉县妇女发展“十四五”规划"


def test_domains_goals_and_measures_per_domain(jixian: PlanDocument) -> None:
    assert [d.name for d in jixian.domains] == NAMES
    assert [d.number for d in jixian.domains] == list(range(1, 9))
    assert [len(d.goals) for d in jixian.domains] == GOALS
    assert [len(d.measures) for d in jixian.domains] == MEASURES
    assert sum(GOALS) == 73 and sum(MEASURES) == 96
    for domain in jixian.domains:
        assert [g.number for g in domain.goals] == list(range(1, len(domain.goals) + 1))
        assert [m.number for m in domain.measures] == list(range(1, len(domain.measures) + 1))


def test_texts_broken_by_the_conversion_are_rejoined(jixian: PlanDocument) -> None:
    health = jixian.domains[0]
    # a blank line between "患病率" and "上升趋势减缓。"
    assert health.goals[5].text == "妇女心理健康意识提升。妇女焦虑症、抑郁症患病率上升趋势减缓。"
    # Markdown hard breaks inside "提  \n供"
    assert "提供全方位的健康管理服务" in health.measures[2].text
    # page break in "预防抑郁和焦虑等\n\n心理问题"
    assert "预防抑郁和焦虑等心理问题，重点关注" in health.measures[7].text
    # a numbered item continued over a page break
    assert health.measures[10].text.endswith("提高妇幼健康服务机构达标率。")
    assert jixian.domains[4].goals[7].text.endswith("失能妇女的照护服务水平不断提高。")
    assert (
        jixian.domains[7]
        .goals[7]
        .text.startswith("保障妇女在家庭关系中的财产所有权、继承权，保障妇女对")
    )


def test_spaces_around_numbers_are_removed(jixian: PlanDocument) -> None:
    health = jixian.domains[0]
    assert "妇女人均预期寿命达到78.1岁；" in health.goals[0].text
    assert health.goals[1].text == "孕产妇死亡率下降到12.5/10万以内，城乡差距缩小。"
    assert "艾滋病母婴传播率下降到2.5%以下。" in health.goals[4].text
    assert "35-45岁女性宫颈癌人群筛查率" in health.measures[4].text


def test_no_text_keeps_conversion_debris(jixian: PlanDocument) -> None:
    for domain in jixian.domains:
        for item in (*domain.goals, *domain.measures):
            assert "\n" not in item.text
            assert "  " not in item.text
            assert "**" not in item.text
            assert " " not in item.text  # the plan's texts are all Chinese
            assert ends_sentence(item.text), item.text


def test_organisational_sections(jixian: PlanDocument) -> None:
    organisation = jixian.organisation_text.split("\n")
    monitoring = jixian.monitoring_text.split("\n")
    assert len(organisation) == 9
    assert organisation[0].startswith("（一）坚持党的全面领导。坚持以习近平")
    assert "县政府将实施规划所需经费纳入财政预算" in organisation[5]
    assert monitoring[0].startswith("（一）加强监测评估制度建设。对规划实施实行年度监测")
    assert "统计局牵头组织开展年度监测" in monitoring[0]
    assert monitoring[-1].endswith("高质量推进。")
    assert "**" not in jixian.organisation_text + jixian.monitoring_text


# ---------------------------------------------------------------- styles

HASH_HEADINGS = """
# 某县妇女发展规划

## 二、发展领域

### （一）妇女与健康

#### 主要目标：

1. 孕产妇死亡率下降到 12.5/10 万以内。

2. 妇女健康素养水平不断提高。

#### 策略措施：

1. 完善保障妇女健康的制度机制。坚持预防为主。

##### （二）妇女与教育

###### 主要目标:

1.女童平等接受义务教育。

## 策略措施

1.保障女童平等接受义务教育的权利。
2.提高女性接受普通高中教育的比例。

## 三、组织实施

（一）坚持党的全面领导。

## 四、监测评估

统计局牵头组织开展年度监测。
"""

BOLD_HEADINGS = """
**某县妇女发展规划**

**（一）妇女与健康**

**主要目标**：

1、孕产妇死亡率下降。

2、妇女健康素养水平不断提高。

**策略措施：**

1、完善制度机制。

**（二）妇女与教育**

**主要目标：**

1、女童平等接受义务教育。
"""

CHAPTERS = """
某县妇女发展规划

第一章 总则

本规划依据有关法律制定。

第二章 妇女与健康

主要目标

（1）孕产妇死亡率下降到12.5/10万以内。
（2）妇女健康素养水平不断提高。

策略措施

（1）完善保障妇女健康的制度机制。
（2）加强妇幼健康服务体系建设。

第三章 妇女与教育

主要目标

（1）女童平等接受义务教育。

第四章 组织实施

坚持党的全面领导。
"""

PLAIN_TEXT = """
某县妇女发展规划

二、发展领域

(一) 妇女与健康

主要目标：
1．孕产妇死亡率下降到12.5/10万
以内，城乡差距缩小。
2．妇女健康素养水平

不断提高。

策略措施：
1．完善保障妇女健康的制度机制。
(二)妇女与教育
主要目标:
1．女童平等接受义务教育。
"""

LIST_ITEMS = """
# 某县妇女发展规划

### (八) 妇女与法律

### **主要目标：**

- 1.完善保障妇女权益、促进男女平等的法规政策。
- 2.保障

妇女对共同财产享有知情权。

### **策略措施：**

- 1.推动完善法规政策体系。
"""


@pytest.mark.parametrize(
    ("text", "names", "goals", "measures"),
    [
        (HASH_HEADINGS, ["妇女与健康", "妇女与教育"], [2, 1], [1, 2]),
        (BOLD_HEADINGS, ["妇女与健康", "妇女与教育"], [2, 1], [1, 0]),
        (CHAPTERS, ["妇女与健康", "妇女与教育"], [2, 1], [2, 0]),
        (PLAIN_TEXT, ["妇女与健康", "妇女与教育"], [2, 1], [1, 0]),
        (LIST_ITEMS, ["妇女与法律"], [2], [1]),
    ],
    ids=["hash-headings", "bold-lines", "chapters", "plain-text", "list-items"],
)
def test_heading_and_numbering_styles(
    text: str, names: list[str], goals: list[int], measures: list[int]
) -> None:
    document = parse_plan_document(text)
    assert document.title == "某县妇女发展规划"
    assert [d.name for d in document.domains] == names
    assert [len(d.goals) for d in document.domains] == goals
    assert [len(d.measures) for d in document.domains] == measures


def test_hash_headings_texts_and_sections() -> None:
    document = parse_plan_document(HASH_HEADINGS)
    assert document.domains[0].goals[0].text == "孕产妇死亡率下降到12.5/10万以内。"
    assert document.domains[1].measures[1].text == "提高女性接受普通高中教育的比例。"
    assert document.organisation_text == "（一）坚持党的全面领导。"
    assert document.monitoring_text == "统计局牵头组织开展年度监测。"


def test_plain_text_lines_are_rejoined() -> None:
    health = parse_plan_document(PLAIN_TEXT).domains[0]
    assert health.goals[0].text == "孕产妇死亡率下降到12.5/10万以内，城乡差距缩小。"
    assert health.goals[1].text == "妇女健康素养水平不断提高。"


def test_list_items_continue_over_a_page_break() -> None:
    law = parse_plan_document(LIST_ITEMS).domains[0]
    assert law.goals[1].text == "保障妇女对共同财产享有知情权。"


def test_a_plain_title_does_not_swallow_the_preamble() -> None:
    document = parse_plan_document("某县妇女发展规划\n\n妇女是人类文明的开创者\n\n" + PLAIN_TEXT)
    assert document.title == "某县妇女发展规划"
    assert [d.name for d in document.domains] == ["妇女与健康", "妇女与教育"]


def test_chapter_without_goals_is_not_a_domain() -> None:
    document = parse_plan_document(CHAPTERS)
    assert document.domains[0].goals[0].text == "孕产妇死亡率下降到12.5/10万以内。"
    assert document.organisation_text == "坚持党的全面领导。"


def test_sub_items_in_another_style_stay_in_their_item() -> None:
    text = "# 规划\n\n## 一、妇女与健康\n\n### 主要目标\n\n1. 目标一：\n\n（1）甲；\n\n（2）乙。\n\n2. 目标二。\n"
    goals = parse_plan_document(text).domains[0].goals
    assert [(g.number, g.text) for g in goals] == [
        (1, "目标一：（1）甲；（2）乙。"),
        (2, "目标二。"),
    ]
    text = "# 规划\n\n## 一、妇女与健康\n\n### 主要目标\n\n（1）目标一：\n1) 甲；\n2) 乙。\n（2）目标二。\n"
    goals = parse_plan_document(text).domains[0].goals
    assert [(g.number, g.text) for g in goals] == [(1, "目标一：1）甲；2）乙。"), (2, "目标二。")]


def test_numbered_items_in_an_organisational_section_keep_their_numbers() -> None:
    text = HASH_HEADINGS.replace("（一）坚持党的全面领导。", "1、坚持党的全面领导。\n2、落实责任。")
    assert parse_plan_document(text).organisation_text == "1、坚持党的全面领导。\n2、落实责任。"


# ---------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "plan_document.empty"),
        (
            "# 会议通知\n\n请各单位于3月1日前报送材料。\n\n1. 报送年度总结。\n",
            "plan_document.no_domains",
        ),
        (
            "# 规划\n\n## （一）妇女与健康\n\n### 策略措施\n\n1. 加强服务。\n",
            "plan_document.no_goals",
        ),
        (
            "# 规划\n\n## （一）妇女与健康\n\n### 主要目标\n\n1. 甲。\n\n1. 乙。\n",
            "plan_document.duplicate_number",
        ),
    ],
    ids=["empty", "not-a-plan", "no-goals", "duplicate-number"],
)
def test_documents_that_are_not_plans_raise_a_coded_error(text: str, code: str) -> None:
    with pytest.raises(PlanDocumentError) as caught:
        parse_plan_document(text)
    assert caught.value.code == code


def test_error_carries_parameters() -> None:
    with pytest.raises(PlanDocumentError) as caught:
        parse_plan_document("# 规划\n\n## （一）妇女与健康\n\n### 策略措施\n\n1. 加强服务。\n")
    assert caught.value.params == {"domain": "妇女与健康"}


# ---------------------------------------------------------------- text helpers


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
