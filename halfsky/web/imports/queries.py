"""Read-side helpers of the review screen: the goals with their highlighted spans."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from halfsky.domain.plan import Subject, plan_subject
from halfsky.web.core.text.plans import group_label
from halfsky.web.imports.models import DraftTarget, ImportDraft


@dataclass
class Segment:
    text: str
    targets: list[int] = field(default_factory=list)  # ids of the targets read from it


@dataclass
class ReviewGoal:
    domain: str
    number: int
    kind: str
    segments: list[Segment]
    targets: list[DraftTarget]
    unrecognised: list[str]
    problems: list[dict[str, Any]] = field(default_factory=list)
    responsibility: dict[str, Any] = field(default_factory=dict)


@dataclass
class ReviewDomain:
    code: str
    number: int
    name: str
    goals: list[ReviewGoal]
    measures: list[dict[str, Any]]
    lead_ins: dict[str, str] = field(default_factory=dict)  # section → lead-in paragraph


def highlight(text: str, targets: list[DraftTarget]) -> list[Segment]:
    """Cut ``text`` at every span boundary; each piece knows the targets covering it."""
    cuts = sorted({0, len(text)} | {t.span_start for t in targets} | {t.span_end for t in targets})
    segments = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        if start >= end or end > len(text):
            continue
        covering = [t.pk for t in targets if t.span_start <= start and end <= t.span_end]
        segments.append(Segment(text[start:end], covering))
    return segments


def review(draft: ImportDraft, problems: list[dict[str, Any]] | None = None) -> list[ReviewDomain]:
    """The domains of the draft, each goal with its targets, loose numbers and problems."""
    departments = {d["code"]: d["name"] for d in draft.document.get("departments", [])}
    attached: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
    for problem in problems or []:
        key = (str(problem.get("domain")), str(problem.get("section")), int(problem.get("number") or 0))
        attached.setdefault(key, []).append(problem)
    lead_ins: dict[str, dict[str, str]] = {}
    for note in draft.notes.get("section_texts", []):
        lead_ins.setdefault(note["domain"], {})[note["section"]] = note["text"]
    targets: dict[tuple[str, int], list[DraftTarget]] = {}
    rows = DraftTarget.objects.filter(indicator__draft=draft).select_related(
        "indicator__department").order_by("indicator__position", "position")
    children = plan_subject(draft.title, draft.plan_code) == Subject.CHILDREN  # 女童, 男童
    for target in rows:
        target.group_labels = "/".join(group_label(g, children) for g in target.groups)
        key = (target.indicator.domain, target.indicator.goal)
        targets.setdefault(key, []).append(target)
    loose: dict[tuple[str, str, int], list[str]] = {}
    for item in draft.unrecognised:
        loose.setdefault((item["domain"], item["section"], item["number"]), []).append(item["text"])
    domains = []
    for domain in draft.document.get("domains", []):
        goals = []
        for goal in domain.get("goals", []):
            mine = targets.get((domain["code"], goal["number"]), [])
            duty = goal  # lead and supporting department codes
            goals.append(ReviewGoal(
                domain=domain["code"], number=goal["number"], kind=goal.get("kind", ""),
                segments=highlight(goal["text"], mine), targets=mine,
                unrecognised=loose.get((domain["code"], "goal", goal["number"]), []),
                problems=attached.get((domain["name"], "goal", goal["number"]), []),
                responsibility={
                    "lead": departments.get(duty.get("lead") or "", ""),
                    "supporting": [departments.get(c, c) for c in duty.get("supporting", [])],
                },
            ))
        measures = [
            {**m, "unrecognised": loose.get((domain["code"], "measure", m["number"]), [])}
            for m in domain.get("measures", [])
        ]
        domains.append(ReviewDomain(domain["code"], domain["number"], domain["name"], goals,
                                    measures, lead_ins.get(domain["code"], {})))
    return domains


def domain_names(draft: ImportDraft) -> dict[str, str]:
    return {d["code"]: d["name"] for d in draft.document.get("domains", [])}


def counts(draft: ImportDraft) -> dict[str, int]:
    domains = draft.document.get("domains", [])
    return {
        "domains": len(domains),
        "goals": sum(len(d.get("goals", [])) for d in domains),
        "measures": sum(len(d.get("measures", [])) for d in domains),
        "indicators": draft.indicators.count(),
        "targets": DraftTarget.objects.filter(indicator__draft=draft).count(),
        "unrecognised": len(draft.unrecognised),
        "problems": len(draft.problems),
    }
