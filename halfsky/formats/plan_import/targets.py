"""Read targets from the Chinese wording of a goal.

"孕产妇死亡率下降到12.5/10万以内，城乡差距缩小。" becomes two targets: a
threshold (≤ 12.5 1/10万) for 孕产妇死亡率, and a gap between urban and
rural that narrows, for the same indicator. Each found target keeps the
indicator phrase it names and the exact span of the goal text it was read
from (offsets into the goal text), so a reviewer can check it.

The grammar is the wording of Chinese development plans: a subject (the
indicator phrase) and a predicate — a comparator verb and a number with a
unit ("达到95%以上", "保持在45%左右", "稳定在99%以上"), a direction
("逐步提高", "持续下降", "上升趋势减缓"), a gap ("城乡差距缩小"), full
coverage ("实现全覆盖", "至少有1名女性成员"), a relation to another
indicator ("不少于本地区党员总数中的女性比例") or a judgement
("保持合理比例"). Sentences with numbers that yield no target are reported
by :func:`unrecognised_sentences`, so that nothing is silently dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from halfsky.domain.target_compare import DEFAULT_TOLERANCE, FULL_COVERAGE_VALUE
from halfsky.domain.targets import Comparator, Target, TargetKind
from halfsky.formats.text import cn_to_int


@dataclass(frozen=True)
class Span:
    """A stretch of a text: ``text == whole[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class RelativeChange:
    """A change from a base year: "比2020年下降1/2", "降低10个百分点", "下降3%".

    ``measure`` keeps percent and percentage points apart: ``fraction`` (1/2
    → 0.5 of the base value), ``percent`` (3 → 3 % of the base value) or
    ``points`` (10 → 10 percentage points).
    """

    direction: str  # "increase" or "decrease"
    amount: float
    measure: str  # "fraction", "percent", "points"
    base_year: int | None = None


@dataclass(frozen=True)
class FoundTarget:
    """A target read from a goal.

    ``indicator`` is the indicator phrase ("孕产妇死亡率"); it is empty when
    the wording names none ("城乡差距缩小" after a threshold), in which case
    the target belongs to the indicator of the target before it. The
    target's ``source`` is the span's text; ``year`` is set only where the
    text states one.
    """

    indicator: str
    target: Target
    span: Span
    change: RelativeChange | None = None  # for an increase or decrease by a stated amount


# --------------------------------------------------------------------------
# Vocabulary

_DIGIT = r"[0-9０-９]"
_NUMBER = rf"{_DIGIT}+(?:[.．]{_DIGIT}+)?"
_UNITS = (
    ("个百分点", "个百分点"), ("/10万", "1/10万"), ("/十万", "1/10万"), ("/万", "1/万"),
    ("/千", "‰"), ("%", "%"), ("％", "%"), ("‰", "‰"), ("万人", "万人"), ("万元", "万元"),
    ("岁", "岁"), ("年", "年"), ("个", "个"), ("人", "人"), ("名", "人"), ("所", "所"),
    ("家", "家"), ("张", "张"), ("次", "次"), ("天", "天"), ("小时", "小时"),
    ("分钟", "分钟"), ("元", "元"), ("倍", "倍"),
)  # fmt: skip
_UNIT_NAMES = dict(_UNITS)
_VERBS: dict[str, tuple[Comparator, bool]] = {}  # verb → (default comparator, maintain?)
for _words, _comparator, _maintain in (
    ("提高到 提升到 增加到 增长到 上升到 扩大到 达到 不低于 不少于 至少 达", Comparator.GE, False),
    ("超过 高于 大于 多于", Comparator.GT, False),
    ("下降到 下降至 降低到 降低至 降到 降至 减少到 减少至 控制在 控制到 不高于 不超过 不多于 不大于",
     Comparator.LE, False),
    ("低于 少于 小于", Comparator.LT, False),
    ("持续保持在 保持在 稳定在 维持在 巩固在 保持 稳定 维持", Comparator.GE, True),
):  # fmt: skip
    for _word in _words.split():
        _VERBS[_word] = (_comparator, _maintain)
_SUFFIXES = {
    "及以上": Comparator.GE, "以上": Comparator.GE, "及以下": Comparator.LE,
    "以下": Comparator.LE, "以内": Comparator.LE, "之内": Comparator.LE, "左右": Comparator.APPROX,
}  # fmt: skip


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_QUANTITY = re.compile(
    rf"(?P<verb>{_alternatives(_VERBS)})?\s*(?P<value>{_NUMBER})\s*"
    rf"(?P<unit>{_alternatives(_UNIT_NAMES)})?\s*(?P<suffix>{_alternatives(_SUFFIXES)})?"
)
# 以上、以下、以内 include the number (刑法第九十九条; 民法典第一千二百五十九条).
_CHANGE_VERBS = {"下降": "decrease", "降低": "decrease", "减少": "decrease", "减轻": "decrease",
                 "提高": "increase", "提升": "increase", "增加": "increase", "增长": "increase",
                 "上升": "increase"}
_RELATIVE_CHANGE = re.compile(
    rf"(?:(?:比|较)(?P<base>(?:19|20){_DIGIT}{{2}})\s*年(?:底|末)?(?:的?水平)?"
    rf"|以(?P<base2>(?:19|20){_DIGIT}{{2}})\s*年为基数[，,]?)?"
    rf"(?P<adverb>再|分别|平均|累计|至少)?(?P<verb>{_alternatives(_CHANGE_VERBS)})\s*"
    rf"(?P<amount>{_DIGIT}+\s*/\s*{_DIGIT}+(?![0-9０-９]*万|千)|{_NUMBER}|[一二三四五六七八九十]+分之[一二三四五六七八九十]+)"
    rf"\s*(?P<unit>个百分点|%|％)?(?:以上|左右)?$"
)
_RESPECTIVELY = re.compile(
    rf"^(?P<subjects>.+?)分别(?P<verb>{_alternatives(_VERBS)})?\s*"
    rf"(?P<values>{_NUMBER}\s*(?:{_alternatives(_UNIT_NAMES)})?(?:\s*[、和及与]\s*{_NUMBER}\s*"
    rf"(?:{_alternatives(_UNIT_NAMES)})?)+)\s*(?P<suffix>{_alternatives(_SUFFIXES)})?$"
)
_VALUE_UNIT = re.compile(rf"(?P<value>{_NUMBER})\s*(?P<unit>{_alternatives(_UNIT_NAMES)})?")
_YEAR = re.compile(rf"(?:到|至|于|在)?(?P<year>(?:19|20){_DIGIT}{{2}})\s*年(?:底|末|前|内)?(?!{_DIGIT})")
_ADVERB = r"(?:逐步|逐年|不断|持续|显著|明显|稳步|进一步|大幅|有所|稳定|较快|全面|大力|有效|适当|努力|积极)*"
_MEASURABLE = re.compile(r"(?:率|比例|比重|占比|人数|数量|数|水平|寿命|年限|时间|指数|覆盖面)$")
_INCREASE_WORDS = "提高|提升|增加|增多|增长|上升|扩大"
_DECREASE_WORDS = "下降|降低|减少|减轻"
_END_INCREASE = re.compile(rf"{_ADVERB}(?:{_INCREASE_WORDS})$")
_END_DECREASE = re.compile(rf"{_ADVERB}(?:{_DECREASE_WORDS})$")
_START_DIRECTION = re.compile(rf"^{_ADVERB}(?P<verb>{_INCREASE_WORDS}|{_DECREASE_WORDS})(?P<subject>.+)$")
_GROWTH_SLOWS = re.compile(r"(?:上升|增长|增加|升高)(?:的)?(?:趋势|势头|幅度|速度)?(?:得到)?(?:减缓|放缓|趋缓|遏制)$")
_GAP = re.compile(rf"(?:之间)?(?:的)?差距{_ADVERB}(?:缩小|缩减|减小)$")
_GROUPS = (
    (re.compile(r"城乡"), ("urban", "rural")),
    (re.compile(r"男女两性|男女|两性|性别"), ("female", "male")),
)
_FULL_COVERAGE = re.compile(r"(?:实现|基本实现|达到)?全覆盖$|应登尽登$|应保尽保$|应检尽检$")
_AT_LEAST_ONE = re.compile(r"(?P<head>.+?)(?:中|里)?至少有\s*(?:1|１|一)\s*名(?P<who>[^，。；]+?)$")
_RELATIVE = re.compile(r"(?:一般)?不(?:少|低)于(?P<reference>[^0-9０-９，。；]+?(?:比例|比重|占比|水平))$")
_QUALITATIVE = re.compile(r"保持合理(?:比例|水平|区间)$|(?:达到|符合)国家(?:规定的?)?(?:标准|要求)$")
_NATIONAL_QUOTA = re.compile(r"^(?:确保|力争)?完成(?:国家|省|市|上级)下达的(?P<subject>.+?)指标$")
_FILLERS = re.compile(
    r"^(?:力争|确保|争取|努力使|努力|规划周期内|规划期内|规划期末|其中|同时|并且|并|使)+"
)
_TRAILING = re.compile(r"(?:均|都|分别|要|应|能|将|可|的|为|是|达到并|并)+$")
_SENTENCE_END = re.compile(r"[。；！？;!?]")
_CLAUSE_END = re.compile(r"[。；！？;!?，,：:]")


def _number(text: str) -> float:
    return float(unicodedata.normalize("NFKC", text).replace("．", "."))


def _parts(text: str, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> list[Span]:
    """Cut ``text[start:end]`` at ``pattern``, trimming spaces; offsets stay absolute."""
    end = len(text) if end is None else end
    spans, begin = [], start
    for match in pattern.finditer(text, start, end):
        spans.append((begin, match.start()))
        begin = match.end()
    spans.append((begin, end))
    result = []
    for first, last in spans:
        while first < last and text[first].isspace():
            first += 1
        while last > first and text[last - 1].isspace():
            last -= 1
        if first < last:
            result.append(Span(first, last, text[first:last]))
    return result


def sentences(text: str) -> list[Span]:
    """The sentences of a text (cut at 。；！？), without their final mark."""
    return _parts(text, _SENTENCE_END)


# --------------------------------------------------------------------------
# Reading one clause


@dataclass
class _Subject:
    phrase: str
    start: int  # where the clause naming it starts
    directional: int | None = None  # index of a verb-first direction target it came from


@dataclass
class _SentenceState:
    subject: _Subject | None = None
    year: int | None = None
    base_year: int | None = None  # "以2010年为基数，…"


_BASE_CLAUSE = re.compile(rf"^以(?P<year>(?:19|20){_DIGIT}{{2}})\s*年为基数$")


def _subject_phrase(text: str) -> str:
    text = _YEAR.sub("", text)
    text = _FILLERS.sub("", text.strip())
    return _TRAILING.sub("", text).strip()


def _split_subject(phrase: str, both: bool) -> list[str]:
    """"小学、初中阶段净入学率" with 均 → 小学阶段净入学率, 初中阶段净入学率."""
    items = phrase.split("、")
    if not both or len(items) < 2 or any(not item for item in items):
        return [phrase]
    head, last = items[0], items[-1]
    if len(last) <= len(head):
        return [phrase]
    shared = last[len(head) :]
    return [item + shared for item in items[:-1]] + [last]


def _year(text: str) -> int | None:
    years = [int(_number(m.group("year"))) for m in _YEAR.finditer(text)]
    return years[-1] if years else None


def _amount(raw: str, unit: str | None) -> tuple[float, str]:
    """(amount, measure) of a relative change: 1/2 and 二分之一 are fractions."""
    chinese = re.fullmatch(r"(?P<whole>[一二三四五六七八九十]+)分之(?P<part>[一二三四五六七八九十]+)", raw)
    if chinese:
        return cn_to_int(chinese.group("part")) / cn_to_int(chinese.group("whole")), "fraction"
    if "/" in raw:
        part, whole = (_number(piece.strip()) for piece in raw.split("/"))
        return part / whole, "fraction"
    return _number(raw), "points" if unit == "个百分点" else "percent"


def _is_year(match: re.Match[str]) -> bool:
    value = match.group("value")
    return (
        match.group("unit") == "年"
        and not match.group("verb")
        and not match.group("suffix")
        and re.fullmatch(rf"(?:19|20){_DIGIT}{{2}}", value) is not None
    )


def _unit_for(phrase: str) -> str:
    """A likely unit for a directional target, from the indicator's name."""
    if re.search(r"(?:率|比例|比重|占比|覆盖面)$", phrase):
        return "%"
    for ending, unit in (("人数", "人"), ("寿命", "岁"), ("年限", "年")):
        if phrase.endswith(ending):
            return unit
    return ""


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.found: list[FoundTarget | None] = []

    def add(self, indicator: str, target: Target, start: int, end: int,
            change: RelativeChange | None = None) -> int:
        span = Span(start, end, self.text[start:end])
        self.found.append(FoundTarget(indicator, replace(target, source=span.text), span, change))
        return len(self.found) - 1

    def relative_change(self, clause: Span, state: _SentenceState) -> bool:
        """"比2020年下降1/2", "以2010年为基数下降1/2", "降低10个百分点", "下降3%"."""
        text = clause.text
        match = _RELATIVE_CHANGE.search(text)
        if match is None:
            return False
        phrase, start = _subject_phrase(text[: match.start()]), clause.start
        if not phrase and state.subject is not None:
            phrase, start = state.subject.phrase, state.subject.start
        if not phrase or not _MEASURABLE.search(phrase):
            return False
        amount, measure = _amount(match.group("amount"), match.group("unit"))
        base = match.group("base") or match.group("base2") or (
            str(state.base_year) if state.base_year else None)
        direction = _CHANGE_VERBS[match.group("verb")]
        kind = TargetKind.INCREASE if direction == "increase" else TargetKind.DECREASE
        year = _year(text[: match.start()]) or state.year
        change = RelativeChange(direction, amount, measure, int(_number(base)) if base else None)
        target = Target(kind=kind, unit=_unit_for(phrase), year=year)
        self.add(phrase, target, start, clause.start + match.end(), change)
        state.subject = _Subject(phrase, start)
        return True

    def respectively(self, clause: Span, state: _SentenceState) -> bool:
        """"婴儿、5岁以下儿童死亡率分别控制在5‰和6‰以下": one target per indicator."""
        match = _RESPECTIVELY.match(clause.text)
        if match is None:
            return False
        names = re.split(r"[、和及与]", _subject_phrase(match.group("subjects")))
        ending = re.search(r"[\u4e00-\u9fff]{2}(?:率|比例|比重|人数|数量)$", names[-1])
        names = [name if _MEASURABLE.search(name) or ending is None else name + ending.group()
                 for name in names if name]
        values = list(_VALUE_UNIT.finditer(match.group("values")))
        if len(names) != len(values) or len(names) < 2:
            return False
        verb, suffix = match.group("verb"), match.group("suffix")
        comparator, maintain = _VERBS.get(verb or "", (Comparator.EQ, False))
        if suffix:
            comparator = _SUFFIXES[suffix]
        kind = TargetKind.MAINTAIN if maintain and comparator is not Comparator.EQ else TargetKind.THRESHOLD
        if comparator is Comparator.APPROX:
            kind = TargetKind.APPROXIMATE
        units = [_UNIT_NAMES.get(v.group("unit") or "", "") for v in values]
        shared = next((unit for unit in reversed(units) if unit), "")
        year = _year(clause.text) or state.year
        for name, value, unit in zip(names, values, units, strict=True):
            target = Target(kind=kind, unit=unit or shared, year=year, comparator=comparator,
                            value=_number(value.group("value")),
                            tolerance=DEFAULT_TOLERANCE if kind is TargetKind.APPROXIMATE else None)
            self.add(name, target, clause.start, clause.end)
        return True

    def quantities(self, clause: Span, state: _SentenceState) -> bool:
        text = clause.text
        matches = []
        for match in _QUANTITY.finditer(text):
            if _is_year(match):
                continue
            at_end = match.end() == len(text)
            if match.group("verb") or at_end:
                matches.append(match)
        if len(matches) != 1:
            return False
        match = matches[0]
        verb, suffix = match.group("verb"), match.group("suffix")
        comparator, maintain = _VERBS.get(verb or "", (Comparator.GE, False))
        if suffix:
            comparator = _SUFFIXES[suffix]
        elif not verb:
            comparator = Comparator.EQ
        kind = TargetKind.THRESHOLD
        tolerance = None
        if comparator is Comparator.APPROX:
            kind, tolerance = TargetKind.APPROXIMATE, DEFAULT_TOLERANCE
        elif maintain:
            kind = TargetKind.MAINTAIN if comparator is not Comparator.EQ else TargetKind.THRESHOLD
        unit = _UNIT_NAMES.get(match.group("unit") or "", "")
        year = _year(text) or state.year
        target = Target(kind=kind, unit=unit, year=year, comparator=comparator,
                        value=_number(match.group("value")), tolerance=tolerance)
        head = text[: match.start()]
        phrase = _subject_phrase(head)
        start = clause.start
        if not phrase and state.subject is not None:
            phrase, start = state.subject.phrase, state.subject.start
            if state.subject.directional is not None:  # "提高X，2025年达到98%左右"
                self.found[state.subject.directional] = None
        end = clause.start + match.end()
        both = bool(re.search(r"(?:均|都)$", head.strip()))
        for name in _split_subject(phrase, both):
            self.add(name, target, start, end)
        if phrase:
            state.subject = _Subject(phrase, start)
        return True

    def other(self, clause: Span, state: _SentenceState) -> bool:
        text, start, end = clause.text, clause.start, clause.end
        year = _year(text) or state.year
        one = _AT_LEAST_ONE.search(text)
        if one:
            phrase = _subject_phrase(one.group("head")) + "中至少有1名" + one.group("who") + "的比例"
            self.add(phrase, self._full(year), start, end)
            return True
        makers: tuple[tuple[re.Pattern[str], Callable[[], Target]], ...] = (
            (_FULL_COVERAGE, lambda: self._full(year)),
            (_QUALITATIVE, lambda: Target(kind=TargetKind.QUALITATIVE, year=year)),
        )
        for pattern, make in makers:
            match = pattern.search(text)
            if match:
                phrase = _subject_phrase(text[: match.start()])
                if phrase and match.group().endswith("比例") and not _MEASURABLE.search(phrase):
                    phrase += "比例"  # "女党员保持合理比例" → 女党员比例
                self.add(phrase, make(), start, end)
                if phrase:
                    state.subject = _Subject(phrase, start)
                return True
        quota = _NATIONAL_QUOTA.search(_FILLERS.sub("", text))
        if quota:
            self.add(quota.group("subject"), Target(kind=TargetKind.QUALITATIVE, year=year),
                     start, end)
            return True
        relative = _RELATIVE.search(text)
        if relative:
            phrase = _subject_phrase(text[: relative.start()])
            target = Target(kind=TargetKind.RELATIVE, unit=_unit_for(phrase), year=year,
                            reference=relative.group("reference"))
            self.add(phrase, target, start, end)
            return True
        return self.movement(clause, state, year)

    def _full(self, year: int | None) -> Target:
        return Target(kind=TargetKind.FULL_COVERAGE, unit="%", year=year,
                      comparator=Comparator.GE, value=FULL_COVERAGE_VALUE)

    def movement(self, clause: Span, state: _SentenceState, year: int | None) -> bool:
        text, start, end = clause.text, clause.start, clause.end
        gap = _GAP.search(text)
        if gap:
            head = text[: gap.start()]
            groups = next((g for pattern, g in _GROUPS if pattern.search(head)), None)
            if groups is None:
                return False
            bare = _subject_phrase(re.sub(r"城乡|男女两性|男女|两性|性别|之间", "", head))
            phrase = _subject_phrase(head) if bare else ""
            if not phrase and state.subject is None:
                return False
            self.add(phrase, Target(kind=TargetKind.GAP_NARROWS, year=year, groups=groups),
                     start, end)
            return True
        for pattern, kind in (
            (_GROWTH_SLOWS, TargetKind.GROWTH_SLOWS),
            (_END_INCREASE, TargetKind.INCREASE),
            (_END_DECREASE, TargetKind.DECREASE),
        ):
            match = pattern.search(text)
            if match:
                phrase = _subject_phrase(text[: match.start()])
                if not _MEASURABLE.search(phrase):
                    return False
                self.add(phrase, Target(kind=kind, unit=_unit_for(phrase), year=year), start, end)
                state.subject = _Subject(phrase, start)
                return True
        leading = _START_DIRECTION.match(_FILLERS.sub("", text))
        if leading:
            phrase = _subject_phrase(leading.group("subject"))
            if not _MEASURABLE.search(phrase):
                return False
            increase = re.fullmatch(_INCREASE_WORDS, leading.group("verb")) is not None
            kind = TargetKind.INCREASE if increase else TargetKind.DECREASE
            index = self.add(phrase, Target(kind=kind, unit=_unit_for(phrase), year=year),
                             start, end)
            state.subject = _Subject(phrase, start, directional=index)
            return True
        return False


def read_targets(text: str) -> tuple[FoundTarget, ...]:
    """Every target the wording of a goal states, in the order of the text."""
    reader = _Reader(text)
    for sentence in sentences(text):
        state = _SentenceState()
        for clause in _parts(text, _CLAUSE_END, sentence.start, sentence.end):
            read = (reader.relative_change(clause, state) or reader.respectively(clause, state)
                    or reader.quantities(clause, state) or reader.other(clause, state))
            base = _BASE_CLAUSE.match(clause.text.strip())
            if not read and base:
                state.base_year = int(_number(base.group("year")))
            elif not read:
                year = _year(clause.text)
                if year is not None and _YEAR.fullmatch(clause.text.strip()):
                    state.year = year  # "到2025年，…" sets the year of what follows
    found = [item for item in reader.found if item is not None]
    return tuple(_with_units(found))


def _with_units(found: list[FoundTarget]) -> list[FoundTarget]:
    """A target that names no indicator takes the unit of the one before it."""
    result: list[FoundTarget] = []
    for item in found:
        if not item.indicator and result and not item.target.unit:
            item = replace(item, target=replace(item.target, unit=result[-1].target.unit))
        result.append(item)
    return result


def unrecognised_sentences(text: str, found: tuple[FoundTarget, ...]) -> tuple[Span, ...]:
    """Sentences with a number that no found target accounts for."""
    covered = [(item.span.start, item.span.end) for item in found]
    result = []
    for sentence in sentences(text):
        digits = [m.start() for m in re.finditer(_DIGIT, text[sentence.start : sentence.end])]
        loose = [
            sentence.start + at
            for at in digits
            if not any(start <= sentence.start + at < end for start, end in covered)
        ]
        if loose and not all(_in_used_year(text, sentence, at, covered) for at in loose):
            result.append(sentence)
    return tuple(result)


def _in_used_year(text: str, sentence: Span, at: int, covered: list[tuple[int, int]]) -> bool:
    """Digits of a year phrase ("到2025年，") whose sentence has a target."""
    for match in _YEAR.finditer(text, sentence.start, sentence.end):
        if match.start() <= at < match.end():
            return any(sentence.start <= start < sentence.end for start, _ in covered)
    return False
