"""Build a plan from a parsed plan document and the targets its goals state.

A generated plan has no hand curation: every target gets an indicator with
a generated code (``H01`` …), named by the phrase the goal uses; departments
are unassigned and definitions empty — the review screen (or an editor of
the plan file) completes them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from halfsky.domain.plan import (
    Area,
    Disaggregation,
    Domain,
    Goal,
    GoalKind,
    GoalRef,
    Indicator,
    Measure,
    Plan,
    Polarity,
)
from halfsky.domain.targets import Comparator, Target, TargetKind
from halfsky.formats.plan_document import DocumentDomain, PlanDocument
from halfsky.formats.plan_import.readers import PlanImportError
from halfsky.formats.plan_import.targets import (
    FoundTarget,
    Span,
    read_targets,
    unrecognised_sentences,
)
from halfsky.formats.text import cn_to_int

# Standard domain names of women's and children's plans → (code, indicator prefix).
_DOMAINS = (
    ("健康", "health", "H"), ("教育", "education", "E"), ("经济", "economy", "C"),
    ("决策", "decision", "D"), ("社会保障", "social_security", "S"), ("福利", "welfare", "W"),
    ("家庭", "family", "F"), ("环境", "environment", "V"), ("安全", "safety", "A"),
    ("法律", "law", "L"),
)  # fmt: skip
_PER = {"%": 100, "‰": 1000, "1/10万": 100000, "1/万": 10000}
_LOWER_KINDS = frozenset({TargetKind.DECREASE, TargetKind.GROWTH_SLOWS})
_NUMERIC = frozenset({TargetKind.THRESHOLD, TargetKind.APPROXIMATE, TargetKind.MAINTAIN,
                      TargetKind.FULL_COVERAGE})
_DIRECTIONAL = frozenset({TargetKind.INCREASE, TargetKind.DECREASE, TargetKind.GAP_NARROWS,
                          TargetKind.GROWTH_SLOWS, TargetKind.RELATIVE})
_GROUP_DIMENSION = {"urban": Disaggregation.URBAN_RURAL, "female": Disaggregation.SEX}
PLACEHOLDER_REGION = "000000"


@dataclass(frozen=True)
class TargetSource:
    """Where a target of the generated plan was read: goal and span of its text."""

    indicator: str  # indicator code
    position: int  # index in the indicator's targets
    goal: GoalRef
    span: Span


@dataclass(frozen=True)
class Unrecognised:
    """A sentence with a number that yielded no target."""

    domain: str
    section: str  # "goal" or "measure"
    number: int
    span: Span


@dataclass(frozen=True)
class BuiltPlan:
    plan: Plan
    sources: tuple[TargetSource, ...]
    unrecognised: tuple[Unrecognised, ...]
    region_name: str
    region_known: bool


def domain_code(name: str, taken: set[str]) -> tuple[str, str]:
    """(code, indicator prefix) for a domain name; unknown names get d1, d2 …"""
    for word, code, prefix in _DOMAINS:
        if word in name and code not in taken:
            return code, prefix
    number = len(taken) + 1
    while f"d{number}" in taken:
        number += 1
    return f"d{number}", f"D{number}-"


# --------------------------------------------------------------------------
# Title, period, region

_RANGE = re.compile(r"(20\d{2})\s*(?:年)?\s*[—–\-－~～至到]+\s*(20\d{2})\s*年?")
_FIVE_YEAR = re.compile(r"十([一二三四五六七八九]?)五")
_REGION = re.compile(r"^(?P<region>.+?)(?:妇女儿童|妇女|儿童)(?:发展|事业)")


def find_title(document: PlanDocument, text: str) -> str:
    if re.search(r"规划|纲要|计划", document.title):
        return document.title
    for line in text.splitlines()[:80]:
        bare = re.sub(r"^#+\s*|\*\*", "", line).strip()
        if re.search(r"(?:妇女|儿童).*(?:规划|纲要|计划)", bare) and len(bare) <= 60:
            return bare
    return document.title


def find_period(title: str, text: str) -> tuple[int, int] | None:
    """The plan period from the title ("（2021—2025年）", "“十四五”"), else the text."""
    for source in (title, text[:3000]):
        match = _RANGE.search(source)
        if match and source is title:
            return int(match.group(1)), int(match.group(2))
        five = _FIVE_YEAR.search(source)
        if five and source is title:
            nth = 10 + (cn_to_int(five.group(1)) if five.group(1) else 0)
            start = 1966 + 5 * (nth - 3)  # the 3rd five-year plan ran 1966–1970
            return start, start + 4
    years = [int(y) for y in re.findall(r"到\s*(20\d{2})\s*年", text)]
    if years:
        end = max(set(years), key=years.count)
        return end - 4, end
    return None


@cache
def _known_areas() -> dict[str, tuple[Area, ...]]:
    """Area name → the area and its ancestors, from the plans shipped with HalfSky."""
    from halfsky.formats.plan_file import load_plan, shipped_plans

    known: dict[str, tuple[Area, ...]] = {}
    for name in shipped_plans():
        areas = {area.code: area for area in load_plan(name).areas}
        for area in areas.values():
            chain = [area]
            while chain[0].parent in areas:
                chain.insert(0, areas[chain[0].parent or ""])
            known.setdefault(area.name, tuple(chain))
    return known


def region_of(title: str, code: str | None) -> tuple[str, str, tuple[Area, ...], bool]:
    """(name, code, areas, known) of the plan's region."""
    match = _REGION.match(re.sub(r"[“”\"《》]", "", title))
    name = match.group("region") if match else ""
    if code:
        return name, code, (), True
    chain = _known_areas().get(name)
    if chain:
        return name, chain[-1].code, tuple(a for a in chain if not a.is_sample), True
    return name, PLACEHOLDER_REGION, (), False


# --------------------------------------------------------------------------
# Indicators


@dataclass
class _Draft:
    code: str
    name: str
    goal: GoalRef
    targets: list[tuple[Target, Span]]


def _indicator(draft: _Draft) -> Indicator:
    first = draft.targets[0][0] if draft.targets else None
    unit = next((t.unit for t, _ in draft.targets if t.unit), "")
    lower = first is not None and (
        first.kind in _LOWER_KINDS or first.comparator in (Comparator.LE, Comparator.LT)
    )
    dimensions = []
    for target, _ in draft.targets:
        dimension = _GROUP_DIMENSION.get(target.groups[0]) if target.groups else None
        if dimension is not None and dimension not in dimensions:
            dimensions.append(dimension)
    return Indicator(
        code=draft.code, name=draft.name, unit=unit, goal=draft.goal, per=_PER.get(unit),
        polarity=Polarity.LOWER_IS_BETTER if lower else Polarity.HIGHER_IS_BETTER,
        disaggregations=tuple(dimensions),
        targets=tuple(target for target, _ in draft.targets),
    )


def _goal_kind(found: tuple[FoundTarget, ...]) -> GoalKind:
    kinds = {item.target.kind for item in found}
    if kinds & _NUMERIC:
        return GoalKind.QUANTITATIVE
    if kinds & _DIRECTIONAL:
        return GoalKind.DIRECTIONAL
    return GoalKind.QUALITATIVE


class _Builder:
    def __init__(self, end_year: int) -> None:
        self.end_year = end_year
        self.drafts: list[_Draft] = []
        self.unrecognised: list[Unrecognised] = []

    def new(self, prefix: str, name: str, goal: GoalRef) -> _Draft:
        count = sum(1 for d in self.drafts if d.goal.domain == goal.domain) + 1
        draft = _Draft(f"{prefix}{count:02d}", name, goal, [])
        self.drafts.append(draft)
        return draft

    def goal_targets(self, prefix: str, ref: GoalRef, found: tuple[FoundTarget, ...]) -> None:
        mine: dict[str, _Draft] = {}
        last: _Draft | None = None
        for item in found:
            target = item.target
            if target.year is None:
                target = replace(target, year=self.end_year)
            name = item.indicator or (last.name if last else item.span.text)
            draft = mine.get(name) or self.new(prefix, name, ref)
            mine[name] = last = draft
            draft.targets.append((target, item.span))
        for draft in list(mine.values()):
            for index, (target, span) in enumerate(draft.targets):
                if target.kind is TargetKind.RELATIVE and target.reference:
                    reference = self.reference(prefix, ref, target.reference)
                    draft.targets[index] = (replace(target, reference=reference.code), span)

    def reference(self, prefix: str, ref: GoalRef, name: str) -> _Draft:
        for draft in self.drafts:
            if draft.name == name:
                return draft
        return self.new(prefix, name, ref)


def build_plan(document: PlanDocument, text: str, *, code: str | None, region: str | None,
               period: tuple[int, int] | None) -> BuiltPlan:
    title = find_title(document, text)
    period = period or find_period(title, text)
    if period is None:
        raise PlanImportError("plan_import.no_period")
    start, end = period
    region_name, region_code, areas, known = region_of(title, region)
    builder = _Builder(end)
    domains: list[Domain] = []
    taken: set[str] = set()
    for source in document.domains:
        domains.append(_domain(source, taken, builder))
    indicators = tuple(_indicator(d) for d in builder.drafts)
    sources = tuple(
        TargetSource(d.code, position, d.goal, span)
        for d in builder.drafts
        for position, (_, span) in enumerate(d.targets)
    )
    kind = "children" if "儿童" in title and "妇女" not in title else "women"
    plan = Plan(
        code=code or f"{region_code if known else 'imported'}-{kind}-{start}-{end}",
        title=title or f"{region_name}{start}—{end}",
        region=region_code, start_year=start, end_year=end, baseline_year=start - 1,
        areas=areas, domains=tuple(domains), indicators=indicators,
        organisation_text=document.organisation_text, monitoring_text=document.monitoring_text,
    )
    return BuiltPlan(plan, sources, tuple(builder.unrecognised), region_name, known)


def _domain(source: DocumentDomain, taken: set[str], builder: _Builder) -> Domain:
    code, prefix = domain_code(source.name, taken)
    taken.add(code)
    goals = []
    for goal in source.goals:
        found = read_targets(goal.text)
        ref = GoalRef(code, goal.number)
        builder.goal_targets(prefix, ref, found)
        builder.unrecognised.extend(
            Unrecognised(code, "goal", goal.number, span)
            for span in unrecognised_sentences(goal.text, found)
        )
        goals.append(Goal(number=goal.number, text=goal.text, kind=_goal_kind(found)))
    for measure in source.measures:
        builder.unrecognised.extend(
            Unrecognised(code, "measure", measure.number, span)
            for span in unrecognised_sentences(measure.text, ())
        )
    return Domain(
        code=code, number=source.number, name=source.name, goals=tuple(goals),
        measures=tuple(Measure(number=m.number, text=m.text) for m in source.measures),
    )
