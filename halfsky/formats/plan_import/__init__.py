"""Plan import: a published plan document becomes a plan file.

``import_plan(data, filename)`` reads a Markdown, plain-text, ``.docx``,
HTML or PDF plan document (:mod:`.readers`), takes out the page furniture
(:mod:`.clutter`), reads its structure in any common layout
(:mod:`.structure`) and its tables (:mod:`.tables`), reads the targets of
every goal (:mod:`.targets`) and builds a :class:`~halfsky.domain.plan.Plan`
with generated indicators (:mod:`.build`). A document that is no plan
raises :class:`PlanImportError` with a message code; a part of a plan that
cannot be read is a :class:`Problem` of the result, and the rest imports.
Nothing is written anywhere.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from halfsky.domain.plan import Plan
from halfsky.formats.plan_fields import PlanFileError
from halfsky.formats.plan_file import plan_from_dict, plan_to_dict
from halfsky.formats.plan_import.build import (
    PLACEHOLDER_REGION,
    Baseline,
    TargetSource,
    Unrecognised,
    build_plan,
)
from halfsky.formats.plan_import.clutter import LeftOut, remove_clutter
from halfsky.formats.plan_import.problems import PROBLEM_CODES, Problem
from halfsky.formats.plan_import.readers import (
    FORMATS,
    MAX_DOCUMENT_BYTES,
    PlanImportError,
    document_text,
    read_file_bytes,
)
from halfsky.formats.plan_import.structure import Structure, read_structure
from halfsky.formats.plan_import.targets import FoundTarget, RelativeChange, Span, read_targets

__all__ = [
    "FORMATS",
    "MAX_DOCUMENT_BYTES",
    "PLACEHOLDER_REGION",
    "PROBLEM_CODES",
    "Baseline",
    "FoundTarget",
    "LeftOut",
    "PlanImport",
    "PlanImportError",
    "Problem",
    "RelativeChange",
    "Span",
    "TargetSource",
    "Unrecognised",
    "import_plan",
    "import_plan_file",
    "read_targets",
]

@dataclass(frozen=True)
class PlanImport:
    """The result of importing a document: the plan and what the reviewer needs."""

    plan: Plan
    format: str  # text, docx, html, pdf
    source_text: str  # the document's text as read
    content_hash: str  # sha256 of the file's bytes
    region_name: str
    region_known: bool  # False: the region code is a placeholder
    sources: tuple[TargetSource, ...]
    unrecognised: tuple[Unrecognised, ...]
    problems: tuple[Problem, ...] = ()  # parts that need a person; the rest imported
    left_out: tuple[LeftOut, ...] = ()  # page furniture taken out before parsing
    baselines: tuple[Baseline, ...] = ()  # from an appendix indicator table
    section_texts: tuple[tuple[str, str, str], ...] = ()  # (domain, section, lead-in paragraph)


def import_plan(
    data: bytes,
    filename: str = "",
    *,
    code: str | None = None,
    region: str | None = None,
    period: tuple[int, int] | None = None,
) -> PlanImport:
    """Import a plan document's bytes; raise PlanImportError when it is not a plan."""
    kind, text = document_text(data, filename)
    content, left_out = remove_clutter(text, running_headers=kind == "pdf")
    structure = read_structure(content)
    if not structure.domains and not structure.tables:
        raise PlanImportError("plan_import.not_a_plan")
    built = build_plan(structure, content, code=code, region=region, period=period)
    plan, dropped = _valid_plan(built.plan, structure)
    kept = {(i.code, t.source) for i in plan.indicators for t in i.targets}
    sources = [s for s in built.sources if (s.indicator, s.span.text) in kept]
    positions: dict[str, int] = {}
    for index, source in enumerate(sources):  # positions renumbered past a dropped target
        positions[source.indicator] = positions.get(source.indicator, -1) + 1
        sources[index] = replace(source, position=positions[source.indicator])
    built = replace(built, problems=built.problems + dropped, sources=tuple(sources))
    return PlanImport(
        plan=plan, format=kind, source_text=text,
        content_hash=hashlib.sha256(data).hexdigest(), region_name=built.region_name,
        region_known=built.region_known, sources=built.sources, unrecognised=built.unrecognised,
        problems=tuple(sorted(built.problems, key=lambda p: p.line)), left_out=left_out,
        baselines=built.baselines, section_texts=built.section_texts,
    )


_TARGET_AT = re.compile(r"^indicators\[(\d+)\]\.targets\[(\d+)\]")


def _valid_plan(plan: Plan, structure: Structure) -> tuple[Plan, tuple[Problem, ...]]:
    """The plan as a valid plan file: a target the file refuses is dropped, as a problem."""
    lines = {(domain.name, goal.number): goal.line
             for domain in structure.domains for goal in domain.goals}
    names = {domain.code: domain.name for domain in plan.domains}
    problems: list[Problem] = []
    for _ in range(1000):
        try:
            return plan_from_dict(plan_to_dict(plan)), tuple(problems)
        except PlanFileError as error:
            where = _TARGET_AT.match(error.location)
            if where is None:
                raise PlanImportError("plan_import.invalid_plan", problem=error.code) from error
            index, position = int(where.group(1)), int(where.group(2))
            indicator = plan.indicators[index]
            target = indicator.targets[position]
            domain = names.get(indicator.goal.domain, "")
            problems.append(Problem(
                "invalid_target", lines.get((domain, indicator.goal.goal), 0), target.source,
                domain, "goal", indicator.goal.goal, {"reason": str(error.params.get("reason", ""))},
            ))
            targets = indicator.targets[:position] + indicator.targets[position + 1 :]
            indicators = list(plan.indicators)
            indicators[index] = replace(indicator, targets=targets)
            plan = replace(plan, indicators=tuple(i for i in indicators if i.targets))
    raise PlanImportError("plan_import.invalid_plan", problem="too many invalid targets")


def import_plan_file(path: str | Path, **options: object) -> PlanImport:
    """Import a document file; it is refused by its size before it is read."""
    return import_plan(read_file_bytes(path), Path(path).name, **options)  # type: ignore[arg-type]
