"""The words of the target grammar: numbers, units, verbs, suffixes and patterns.

以上、以下、以内 include the number (刑法第九十九条; 民法典第一千二百五十九条):
"下降到2.5%以下" is ≤ 2.5 %, "控制在12.5/10万以内" is ≤ 12.5.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from halfsky.domain.targets import Comparator
from halfsky.domain.units import WRITTEN_FORMS

DIGIT = r"[0-9０-９]"
NUMBER = rf"{DIGIT}+(?:[.．]{DIGIT}+)?"
UNIT_NAMES = WRITTEN_FORMS
VERBS: dict[str, tuple[Comparator, bool]] = {}  # verb → (default comparator, maintain?)
for _words, _comparator, _maintain in (
    ("提高到 提升到 增加到 增长到 上升到 扩大到 达到 不低于 不少于 至少 达", Comparator.GE, False),
    ("超过 高于 大于 多于", Comparator.GT, False),
    ("下降到 下降至 降低到 降低至 降到 降至 减少到 减少至 控制在 控制到 不高于 不超过 不多于 不大于",
     Comparator.LE, False),
    ("低于 少于 小于", Comparator.LT, False),
    ("持续保持在 保持在 稳定在 维持在 巩固在 保持 稳定 维持", Comparator.GE, True),
):  # fmt: skip
    for _word in _words.split():
        VERBS[_word] = (_comparator, _maintain)
SUFFIXES = {
    "及以上": Comparator.GE, "以上": Comparator.GE, "及以下": Comparator.LE,
    "以下": Comparator.LE, "以内": Comparator.LE, "之内": Comparator.LE, "左右": Comparator.APPROX,
}  # fmt: skip


def alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


QUANTITY = re.compile(
    rf"(?P<verb>{alternatives(VERBS)})?\s*(?P<value>{NUMBER})\s*"
    rf"(?P<unit>{alternatives(UNIT_NAMES)})?\s*(?P<suffix>{alternatives(SUFFIXES)})?"
)
CHANGE_VERBS = {"下降": "decrease", "降低": "decrease", "减少": "decrease", "减轻": "decrease",
                 "提高": "increase", "提升": "increase", "增加": "increase", "增长": "increase",
                 "上升": "increase"}
RELATIVE_CHANGE = re.compile(
    rf"(?:(?:比|较)(?P<base>(?:19|20){DIGIT}{{2}})\s*年(?:底|末)?(?:的?水平)?"
    rf"|以(?P<base2>(?:19|20){DIGIT}{{2}})\s*年为基数[，,]?)?"
    rf"(?P<adverb>再|分别|平均|累计|至少)?(?P<verb>{alternatives(CHANGE_VERBS)})\s*"
    rf"(?P<amount>{DIGIT}+\s*/\s*{DIGIT}+(?![0-9０-９]*万|千)|{NUMBER}|[一二三四五六七八九十]+分之[一二三四五六七八九十]+)"
    rf"\s*(?P<unit>个百分点|%|％)?(?:以上|左右)?$"
)
RESPECTIVELY = re.compile(
    rf"^(?P<subjects>.+?)分别(?P<verb>{alternatives(VERBS)})?\s*"
    rf"(?P<values>{NUMBER}\s*(?:{alternatives(UNIT_NAMES)})?(?:\s*[、和及与]\s*{NUMBER}\s*"
    rf"(?:{alternatives(UNIT_NAMES)})?)+)\s*(?P<suffix>{alternatives(SUFFIXES)})?$"
)
VALUE_UNIT = re.compile(rf"(?P<value>{NUMBER})\s*(?P<unit>{alternatives(UNIT_NAMES)})?")
YEAR = re.compile(rf"(?:到|至|于|在)?(?P<year>(?:19|20){DIGIT}{{2}})\s*年(?:底|末|前|内)?(?!{DIGIT})")
ADVERB = r"(?:逐步|逐年|不断|持续|显著|明显|稳步|进一步|大幅|有所|稳定|较快|全面|大力|有效|适当|努力|积极)*"
MEASURABLE = re.compile(r"(?:率|比例|比重|占比|人数|数量|数|水平|寿命|年限|时间|指数|覆盖面)$")
INCREASE_WORDS = "提高|提升|增加|增多|增长|上升|扩大"
DECREASE_WORDS = "下降|降低|减少|减轻"
END_INCREASE = re.compile(rf"{ADVERB}(?:{INCREASE_WORDS})$")
END_DECREASE = re.compile(rf"{ADVERB}(?:{DECREASE_WORDS})$")
START_DIRECTION = re.compile(rf"^{ADVERB}(?P<verb>{INCREASE_WORDS}|{DECREASE_WORDS})(?P<subject>.+)$")
GROWTH_SLOWS = re.compile(r"(?:上升|增长|增加|升高)(?:的)?(?:趋势|势头|幅度|速度)?(?:得到)?(?:减缓|放缓|趋缓|遏制)$")
GAP = re.compile(rf"(?:之间)?(?:的)?差距{ADVERB}(?:缩小|缩减|减小)$")
GROUPS = (
    (re.compile(r"城乡"), ("urban", "rural")),
    (re.compile(r"男女两性|男女|两性|性别"), ("female", "male")),
)
FULL_COVERAGE = re.compile(r"(?:实现|基本实现|达到)?全覆盖$|应登尽登$|应保尽保$|应检尽检$")
AT_LEAST_ONE = re.compile(r"(?P<head>.+?)(?:中|里)?至少有\s*(?:1|１|一)\s*名(?P<who>[^，。；]+?)$")
RELATIVE = re.compile(r"(?:一般)?不(?:少|低)于(?P<relative_to>[^0-9０-９，。；]+?(?:比例|比重|占比|水平))$")
QUALITATIVE = re.compile(r"保持合理(?:比例|水平|区间)$|(?:达到|符合)国家(?:规定的?)?(?:标准|要求)$")
NATIONAL_QUOTA = re.compile(r"^(?:确保|力争)?完成(?:国家|省|市|上级)下达的(?P<subject>.+?)指标$")
FILLERS = re.compile(
    r"^(?:力争|确保|争取|努力使|努力|规划周期内|规划期内|规划期末|其中|同时|并且|并|使)+"
)
TRAILING = re.compile(r"(?:均|都|分别|要|应|能|将|可|的|为|是|达到并|并)+$")
SENTENCE_END = re.compile(r"[。；！？;!?]")
CLAUSE_END = re.compile(r"[。；！？;!?，,：:]")
