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
from collections.abc import Callable
from dataclasses import dataclass, replace

from halfsky.domain.target_compare import DEFAULT_TOLERANCE, FULL_COVERAGE_VALUE
from halfsky.domain.targets import Comparator, Target, TargetKind
from halfsky.formats.plan_import.spans import Span, loose_sentences, parts, sentences
from halfsky.formats.plan_import.target_vocabulary import (
    AT_LEAST_ONE,
    CHANGE_VERBS,
    CLAUSE_END,
    DIGIT,
    END_DECREASE,
    END_INCREASE,
    FILLERS,
    FULL_COVERAGE,
    GAP,
    GROUPS,
    GROWTH_SLOWS,
    INCREASE_WORDS,
    MEASURABLE,
    NATIONAL_QUOTA,
    QUALITATIVE,
    QUANTITY,
    RELATIVE,
    RELATIVE_CHANGE,
    RESPECTIVELY,
    START_DIRECTION,
    SUFFIXES,
    TRAILING,
    UNIT_NAMES,
    VALUE_UNIT,
    VERBS,
    YEAR,
)
from halfsky.formats.text import cn_to_int

__all__ = ["FoundTarget", "RelativeChange", "Span", "read_targets", "sentences",
           "unrecognised_sentences"]


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


def _number(text: str) -> float:
    return float(unicodedata.normalize("NFKC", text).replace("．", "."))


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


_BASE_CLAUSE = re.compile(rf"^以(?P<year>(?:19|20){DIGIT}{{2}})\s*年为基数$")


def _subject_phrase(text: str) -> str:
    text = YEAR.sub("", text)
    text = FILLERS.sub("", text.strip())
    return TRAILING.sub("", text).strip()


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
    years = [int(_number(m.group("year"))) for m in YEAR.finditer(text)]
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
        and re.fullmatch(rf"(?:19|20){DIGIT}{{2}}", value) is not None
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
        match = RELATIVE_CHANGE.search(text)
        if match is None:
            return False
        phrase, start = _subject_phrase(text[: match.start()]), clause.start
        if not phrase and state.subject is not None:
            phrase, start = state.subject.phrase, state.subject.start
        if not phrase or not MEASURABLE.search(phrase):
            return False
        amount, measure = _amount(match.group("amount"), match.group("unit"))
        base = match.group("base") or match.group("base2") or (
            str(state.base_year) if state.base_year else None)
        direction = CHANGE_VERBS[match.group("verb")]
        kind = TargetKind.INCREASE if direction == "increase" else TargetKind.DECREASE
        year = _year(text[: match.start()]) or state.year
        change = RelativeChange(direction, amount, measure, int(_number(base)) if base else None)
        target = Target(kind=kind, unit=_unit_for(phrase), year=year)
        self.add(phrase, target, start, clause.start + match.end(), change)
        state.subject = _Subject(phrase, start)
        return True

    def respectively(self, clause: Span, state: _SentenceState) -> bool:
        """"婴儿、5岁以下儿童死亡率分别控制在5‰和6‰以下": one target per indicator."""
        match = RESPECTIVELY.match(clause.text)
        if match is None:
            return False
        names = re.split(r"[、和及与]", _subject_phrase(match.group("subjects")))
        ending = re.search(r"[\u4e00-\u9fff]{2}(?:率|比例|比重|人数|数量)$", names[-1])
        names = [name if MEASURABLE.search(name) or ending is None else name + ending.group()
                 for name in names if name]
        values = list(VALUE_UNIT.finditer(match.group("values")))
        if len(names) != len(values) or len(names) < 2:
            return False
        verb, suffix = match.group("verb"), match.group("suffix")
        comparator, maintain = VERBS.get(verb or "", (Comparator.EQ, False))
        if suffix:
            comparator = SUFFIXES[suffix]
        kind = TargetKind.MAINTAIN if maintain and comparator is not Comparator.EQ else TargetKind.THRESHOLD
        if comparator is Comparator.APPROX:
            kind = TargetKind.APPROXIMATE
        units = [UNIT_NAMES.get(v.group("unit") or "", "") for v in values]
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
        for match in QUANTITY.finditer(text):
            if _is_year(match):
                continue
            at_end = match.end() == len(text)
            if match.group("verb") or at_end:
                matches.append(match)
        if len(matches) != 1:
            return False
        match = matches[0]
        verb, suffix = match.group("verb"), match.group("suffix")
        comparator, maintain = VERBS.get(verb or "", (Comparator.GE, False))
        if suffix:
            comparator = SUFFIXES[suffix]
        elif not verb:
            comparator = Comparator.EQ
        kind = TargetKind.THRESHOLD
        tolerance = None
        if comparator is Comparator.APPROX:
            kind, tolerance = TargetKind.APPROXIMATE, DEFAULT_TOLERANCE
        elif maintain:
            kind = TargetKind.MAINTAIN if comparator is not Comparator.EQ else TargetKind.THRESHOLD
        unit = UNIT_NAMES.get(match.group("unit") or "", "")
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
        one = AT_LEAST_ONE.search(text)
        if one:
            phrase = _subject_phrase(one.group("head")) + "中至少有1名" + one.group("who") + "的比例"
            self.add(phrase, self._full(year), start, end)
            return True
        makers: tuple[tuple[re.Pattern[str], Callable[[], Target]], ...] = (
            (FULL_COVERAGE, lambda: self._full(year)),
            (QUALITATIVE, lambda: Target(kind=TargetKind.QUALITATIVE, year=year)),
        )
        for pattern, make in makers:
            match = pattern.search(text)
            if match:
                phrase = _subject_phrase(text[: match.start()])
                if phrase and match.group().endswith("比例") and not MEASURABLE.search(phrase):
                    phrase += "比例"  # "女党员保持合理比例" → 女党员比例
                self.add(phrase, make(), start, end)
                if phrase:
                    state.subject = _Subject(phrase, start)
                return True
        quota = NATIONAL_QUOTA.search(FILLERS.sub("", text))
        if quota:
            self.add(quota.group("subject"), Target(kind=TargetKind.QUALITATIVE, year=year),
                     start, end)
            return True
        relative = RELATIVE.search(text)
        if relative:
            phrase = _subject_phrase(text[: relative.start()])
            target = Target(kind=TargetKind.RELATIVE, unit=_unit_for(phrase), year=year,
                            relative_to=relative.group("relative_to"))
            self.add(phrase, target, start, end)
            return True
        return self.movement(clause, state, year)

    def _full(self, year: int | None) -> Target:
        return Target(kind=TargetKind.FULL_COVERAGE, unit="%", year=year,
                      comparator=Comparator.GE, value=FULL_COVERAGE_VALUE)

    def movement(self, clause: Span, state: _SentenceState, year: int | None) -> bool:
        text, start, end = clause.text, clause.start, clause.end
        gap = GAP.search(text)
        if gap:
            head = text[: gap.start()]
            groups = next((g for pattern, g in GROUPS if pattern.search(head)), None)
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
            (GROWTH_SLOWS, TargetKind.GROWTH_SLOWS),
            (END_INCREASE, TargetKind.INCREASE),
            (END_DECREASE, TargetKind.DECREASE),
        ):
            match = pattern.search(text)
            if match:
                phrase = _subject_phrase(text[: match.start()])
                if not MEASURABLE.search(phrase):
                    return False
                self.add(phrase, Target(kind=kind, unit=_unit_for(phrase), year=year), start, end)
                state.subject = _Subject(phrase, start)
                return True
        leading = START_DIRECTION.match(FILLERS.sub("", text))
        if leading:
            phrase = _subject_phrase(leading.group("subject"))
            if not MEASURABLE.search(phrase):
                return False
            increase = re.fullmatch(INCREASE_WORDS, leading.group("verb")) is not None
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
        for clause in parts(text, CLAUSE_END, sentence.start, sentence.end):
            read = (reader.relative_change(clause, state) or reader.respectively(clause, state)
                    or reader.quantities(clause, state) or reader.other(clause, state))
            base = _BASE_CLAUSE.match(clause.text.strip())
            if not read and base:
                state.base_year = int(_number(base.group("year")))
            elif not read:
                year = _year(clause.text)
                if year is not None and YEAR.fullmatch(clause.text.strip()):
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
    return loose_sentences(text, [item.span for item in found])
