"""Build a plan from the structure of a document and the targets its goals state.

A generated plan has no hand curation: every target gets an indicator with
a generated code (``H01`` …), named by the phrase the goal uses; departments
come from a responsibility table when the document has one (else they are
unassigned) and definitions are empty — the review screen (or an editor of
the plan file) completes them. What cannot be read becomes a
:class:`~halfsky.formats.plan_import.problems.Problem`; the rest imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from halfsky.domain.plan import (
    Area,
    Department,
    Disaggregation,
    Domain,
    Goal,
    GoalKind,
    GoalRef,
    Indicator,
    Measure,
    Plan,
    Polarity,
    Responsibility,
    Subject,
    plan_subject,
)
from halfsky.domain.targets import Comparator, Target, TargetKind
from halfsky.domain.units import rate_scale, written_form
from halfsky.formats.plan_file import load_plan, shipped_plans
from halfsky.formats.plan_import import titles
from halfsky.formats.plan_import.lines import match_item, simplified
from halfsky.formats.plan_import.problems import Problem
from halfsky.formats.plan_import.readers import PlanImportError
from halfsky.formats.plan_import.responsibility import Departments, assign
from halfsky.formats.plan_import.structure import FoundDomain, Structure
from halfsky.formats.plan_import.tables import IndicatorRow, indicator_rows, responsibility_rows
from halfsky.formats.plan_import.targets import (
    FoundTarget,
    RelativeChange,
    Span,
    read_targets,
    unrecognised_sentences,
)

# Standard domain names of women's and children's plans → (code, indicator prefix).
_DOMAINS = (
    ("健康", "health", "H"), ("教育", "education", "E"), ("经济", "economy", "C"),
    ("决策", "decision", "D"), ("社会保障", "social_security", "S"), ("福利", "welfare", "W"),
    ("家庭", "family", "F"), ("环境", "environment", "V"), ("安全", "safety", "A"),
    ("法律", "law", "L"),
)  # fmt: skip
_LOWER_KINDS = frozenset({TargetKind.DECREASE, TargetKind.GROWTH_SLOWS})
_NUMERIC = frozenset({TargetKind.THRESHOLD, TargetKind.APPROXIMATE, TargetKind.MAINTAIN,
                      TargetKind.FULL_COVERAGE})
_DIRECTIONAL = frozenset({TargetKind.INCREASE, TargetKind.DECREASE, TargetKind.GAP_NARROWS,
                          TargetKind.GROWTH_SLOWS, TargetKind.RELATIVE})
_GROUP_DIMENSION = {"urban": Disaggregation.URBAN_RURAL, "female": Disaggregation.SEX}
_SYMBOLS = {"≥": "不低于", "≤": "不高于", ">": "高于", "<": "低于", "＞": "高于", "＜": "低于"}
PLACEHOLDER_REGION = "000000"


@dataclass(frozen=True)
class TargetSource:
    """Where a target of the generated plan was read: goal and span of its text."""

    indicator: str  # indicator code
    position: int  # index in the indicator's targets
    goal: GoalRef
    span: Span
    change: RelativeChange | None = None  # "比2020年下降1/2": what the plan file cannot hold


@dataclass(frozen=True)
class Unrecognised:
    """A sentence with a number that yielded no target."""

    domain: str
    section: str  # "goal" or "measure"
    number: int
    span: Span


@dataclass(frozen=True)
class Baseline:
    """An appendix indicator table's row: the baseline and the target as written."""

    indicator: str  # indicator code
    name: str
    baseline: str
    baseline_year: int | None
    target: str
    attribute: str  # 约束性, 预期性 or ""


@dataclass(frozen=True)
class BuiltPlan:
    plan: Plan
    sources: tuple[TargetSource, ...]
    unrecognised: tuple[Unrecognised, ...]
    region_name: str
    region_known: bool
    problems: tuple[Problem, ...] = ()
    baselines: tuple[Baseline, ...] = ()
    section_texts: tuple[tuple[str, str, str], ...] = ()  # (domain code, section, lead-in text)


def domain_code(name: str, taken: set[str]) -> tuple[str, str]:
    """(code, indicator prefix) for a domain name; unknown names get d1, d2 …"""
    name = simplified(name)
    for word, code, prefix in _DOMAINS:
        if word in name and code not in taken:
            return code, prefix
    number = len(taken) + 1
    while f"d{number}" in taken:
        number += 1
    return f"d{number}", f"D{number}-"


# --------------------------------------------------------------------------
# Title and region

_TITLE = re.compile(r"(?:妇女|儿童|婦女|兒童).*(?:规划|纲要|计划|規劃|綱要)")


def find_title(structure: Structure, text: str) -> str:
    """The document's title line; a numbered goal line never is."""
    if _TITLE.search(structure.title) or re.search(r"规划|纲要|计划", structure.title):
        return structure.title
    for line in text.splitlines()[:80]:
        bare = re.sub(r"^#+\s*|\*\*", "", line).strip()
        if match_item(bare) is None and _TITLE.search(bare) and len(bare) <= 60 and "。" not in bare:
            return bare
    return structure.title


@cache
def _known_areas() -> dict[str, tuple[Area, ...]]:
    """Area name → the area and its ancestors, from the plans shipped with HalfSky."""
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
    """(name, code, areas, known) of the plan's region: GB/T 2260, else the shipped plans."""
    name, found, areas, known = titles.region_of(title, code)
    if known:
        return name, found, areas, True
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
    targets: list[tuple[Target, Span, RelativeChange | None]]


def _indicator(draft: _Draft, responsibility: Responsibility) -> Indicator:
    first = draft.targets[0][0] if draft.targets else None
    unit = next((t.unit for t, _, _ in draft.targets if t.unit), "")
    lower = first is not None and (
        first.kind in _LOWER_KINDS or first.comparator in (Comparator.LE, Comparator.LT)
    )
    dimensions = []
    for target, _, _ in draft.targets:
        dimension = _GROUP_DIMENSION.get(target.groups[0]) if target.groups else None
        if dimension is not None and dimension not in dimensions:
            dimensions.append(dimension)
    return Indicator(
        code=draft.code, name=draft.name, unit=unit, goal=draft.goal, per=rate_scale(unit),
        polarity=Polarity.LOWER_IS_BETTER if lower else Polarity.HIGHER_IS_BETTER,
        disaggregations=tuple(dimensions), responsibility=responsibility,
        targets=tuple(target for target, _, _ in draft.targets),
    )


def _goal_kind(found: tuple[FoundTarget, ...]) -> GoalKind:
    kinds = {item.target.kind for item in found}
    if kinds & _NUMERIC:
        return GoalKind.QUANTITATIVE
    if kinds & _DIRECTIONAL:
        return GoalKind.DIRECTIONAL
    return GoalKind.QUALITATIVE


class _Builder:
    def __init__(self, start_year: int, end_year: int) -> None:
        self.start_year, self.end_year = start_year, end_year
        self.drafts: list[_Draft] = []
        self.unrecognised: list[Unrecognised] = []
        self.problems: list[Problem] = []
        self.baselines: list[Baseline] = []

    def new(self, prefix: str, name: str, goal: GoalRef) -> _Draft:
        count = sum(1 for d in self.drafts if d.goal.domain == goal.domain) + 1
        draft = _Draft(f"{prefix}{count:02d}", name, goal, [])
        self.drafts.append(draft)
        return draft

    def year(self, target: Target, where: tuple[int, str, str, int]) -> Target:
        """The target with its year: the plan's end year unless the text names one in the period."""
        if target.year is None:
            return replace(target, year=self.end_year)
        if not self.start_year <= target.year <= self.end_year:
            line, domain, text, number = where
            self.problems.append(Problem(
                "year_outside_period", line, text, domain, "goal", number,
                {"year": target.year, "start": self.start_year, "end": self.end_year},
            ))
            return replace(target, year=self.end_year)
        return target

    def goal_targets(self, prefix: str, ref: GoalRef, found: tuple[FoundTarget, ...],
                     where: tuple[int, str, str, int]) -> None:
        mine: dict[str, _Draft] = {}
        last: _Draft | None = None
        for item in found:
            target = self.year(item.target, (where[0], where[1], item.span.text, where[3]))
            name = item.indicator or (last.name if last else item.span.text)
            draft = mine.get(name) or self.new(prefix, name, ref)
            mine[name] = last = draft
            draft.targets.append((target, item.span, item.change))
        for draft in list(mine.values()):
            for index, (target, span, change) in enumerate(draft.targets):
                if target.kind is TargetKind.RELATIVE and target.relative_to:
                    compared = self.compared_indicator(prefix, ref, target.relative_to)
                    draft.targets[index] = (replace(target, relative_to=compared.code), span, change)

    def compared_indicator(self, prefix: str, ref: GoalRef, name: str) -> _Draft:
        for draft in self.drafts:
            if draft.name == name:
                return draft
        return self.new(prefix, name, ref)

    def indicator_row(self, row: IndicatorRow, domains: list[tuple[FoundDomain, str, str]]) -> None:
        """An appendix indicator table's row: its target, and its baseline kept for review."""
        existing = next((d for d in self.drafts if d.name == row.name), None)
        if existing is None:
            place = _goal_naming(row, domains)
            if place is None:
                self.problems.append(Problem("unmatched_row", row.line, row.name, row.domain))
                return
            domain, code, prefix, number = place
            value = row.target.strip()
            for symbol, words in _SYMBOLS.items():
                value = value.replace(symbol, words)
            if re.match(r"^[0-9０-９]", value):
                value = "达到" + value
            if row.unit and not re.search(r"[%％‰万岁]", value):  # "78.5以上" with 单位 岁
                unit = written_form(row.unit)
                value = re.sub(r"[0-9０-９]+(?:[.．][0-9０-９]+)?",
                               lambda number: number.group() + unit, value, count=1)
            sentence = f"{row.name}{value}"
            found = tuple(replace(f, indicator=row.name) for f in read_targets(sentence))
            if not found:
                self.problems.append(Problem("unreadable_target", row.line, sentence, domain.name,
                                             "goal", number))
                return
            if row.target_year is not None:
                found = tuple(replace(f, target=replace(f.target, year=row.target_year))
                              for f in found)
            self.goal_targets(prefix, GoalRef(code, number), found,
                              (row.line, domain.name, sentence, number))
            existing = next(d for d in self.drafts if d.name == row.name)
        self.baselines.append(Baseline(existing.code, row.name, row.baseline, row.baseline_year,
                                       row.target, row.attribute))


def _goal_naming(row: IndicatorRow, domains: list[tuple[FoundDomain, str, str]]
                 ) -> tuple[FoundDomain, str, str, int] | None:
    """The goal whose words name the indicator, else the first goal of the row's domain."""
    for domain, code, prefix in domains:
        for goal in domain.goals:
            if row.name in goal.text:
                return domain, code, prefix, goal.number
    for domain, code, prefix in domains:
        if row.domain and domain.goals and (row.domain in domain.name or domain.name in row.domain):
            return domain, code, prefix, domain.goals[0].number
    return None


def build_plan(structure: Structure, text: str, *, code: str | None, region: str | None,
               period: tuple[int, int] | None) -> BuiltPlan:
    title = find_title(structure, text)
    period = period or titles.find_period(title, text)
    if period is None:
        raise PlanImportError("plan_import.no_period")
    start, end = period
    region_name, region_code, areas, known = region_of(title, region)
    departments = Departments()
    problems = list(structure.problems)
    rows = [row for table in structure.tables for row in responsibility_rows(table)]
    responsible = assign(structure.domains, rows, departments, problems)
    if not structure.domains or not any(d.goals for d in structure.domains):
        raise PlanImportError("plan_import.not_a_plan")
    builder = _Builder(start, end)
    taken: set[str] = set()
    coded = []
    for source in structure.domains:
        domain_key, prefix = domain_code(source.name, taken)
        taken.add(domain_key)
        coded.append((source, domain_key, prefix))
    domains = [_domain(source, key, prefix, builder, responsible) for source, key, prefix in coded]
    for table in structure.tables:
        for row in indicator_rows(table):
            builder.indicator_row(row, coded)
    goal_duty = {GoalRef(d.code, g.number): g.responsibility for d in domains for g in d.goals}
    indicators = tuple(_indicator(d, goal_duty.get(d.goal, Responsibility()))
                       for d in builder.drafts)
    sources = tuple(
        TargetSource(d.code, position, d.goal, span, change)
        for d in builder.drafts
        for position, (_, span, change) in enumerate(d.targets)
    )
    kind = Subject.CHILDREN if plan_subject(title) == Subject.CHILDREN else Subject.WOMEN
    plan = Plan(
        code=code or f"{region_code if known else 'imported'}-{kind}-{start}-{end}",
        title=title or f"{region_name}{start}—{end}",
        region=region_code, start_year=start, end_year=end, baseline_year=start - 1,
        departments=tuple(Department(c, n) for c, n in departments.names.items()),
        areas=areas, domains=tuple(domains), indicators=indicators,
        organisation_text=structure.organisation_text, monitoring_text=structure.monitoring_text,
    )
    section_texts = tuple(
        (key, section, words)
        for source, key, _ in coded
        for section, words in (("goal", source.goals_text), ("measure", source.measures_text))
        if words
    )
    return BuiltPlan(plan, sources, tuple(builder.unrecognised), region_name, known,
                     tuple(problems + departments.problems + builder.problems),
                     tuple(builder.baselines), section_texts)


def _domain(source: FoundDomain, code: str, prefix: str, builder: _Builder,
            responsible: dict[tuple[int, int], tuple[str | None, tuple[str, ...]]]) -> Domain:
    goals = []
    for goal in source.goals:
        found = read_targets(goal.text)
        ref = GoalRef(code, goal.number)
        builder.goal_targets(prefix, ref, found, (goal.line, source.name, goal.text, goal.number))
        loose = unrecognised_sentences(goal.text, found)
        builder.unrecognised.extend(Unrecognised(code, "goal", goal.number, span) for span in loose)
        builder.problems.extend(
            Problem("unreadable_target", goal.line, span.text, source.name, "goal", goal.number)
            for span in loose
        )
        lead, supporting = responsible.get((source.number, goal.number), (None, ()))
        goals.append(Goal(number=goal.number, text=goal.text, kind=_goal_kind(found),
                          responsibility=Responsibility(lead, supporting)))
    for measure in source.measures:
        builder.unrecognised.extend(
            Unrecognised(code, "measure", measure.number, span)
            for span in unrecognised_sentences(measure.text, ())
        )
    return Domain(
        code=code, number=source.number, name=source.name, goals=tuple(goals),
        measures=tuple(Measure(number=m.number, text=m.text) for m in source.measures),
    )
