"""Actions on import drafts: create from a document, correct a target, publish.

Each runs in a transaction and leaves an audit record. Importing a document
whose content was imported before returns the existing draft (no
duplicate); a document that cannot be imported stores nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from halfsky.domain.errors import CodedError
from halfsky.domain.targets import Comparator, TargetKind
from halfsky.domain.units import rate_scale
from halfsky.formats.plan_file import PlanFileError, plan_from_dict, plan_to_dict
from halfsky.formats.plan_import import PlanImport, PlanImportError, import_plan
from halfsky.formats.plan_import.departments import match_department, new_department_code
from halfsky.formats.plan_import.diff import plan_changes
from halfsky.web.audit.records import record
from halfsky.web.core.errors import ActionError
from halfsky.web.core.users import acting_user
from halfsky.web.imports.models import DraftIndicator, DraftStatus, DraftTarget, ImportDraft
from halfsky.web.orgs.models import Area, Department
from halfsky.web.plans.actions import PlanLoadError, do_load_plan
from halfsky.web.plans.models import Indicator

__all__ = ["PlanImportError", "PublishError", "do_create_import", "do_publish_import",
           "do_update_target"]


class PublishError(CodedError):
    """The draft cannot be published as it stands; nothing was changed."""


@dataclass(frozen=True)
class TargetEdit:
    name: str
    department: Department | None
    kind: str
    comparator: str
    value: float | None
    tolerance: float | None
    unit: str
    year: int | None


def _previous(result: PlanImport) -> ImportDraft | None:
    plan = result.plan
    same = ImportDraft.objects.filter(title=plan.title) | ImportDraft.objects.filter(
        plan_code=plan.code)
    return same.order_by("-created_at", "-id").first()


def do_create_import(data: bytes, filename: str, actor: Any = None) -> tuple[ImportDraft, bool]:
    """(draft, created): the draft of this document, created unless it exists."""
    existing = ImportDraft.objects.filter(content_hash=hashlib.sha256(data).hexdigest()).first()
    if existing is not None:
        return existing, False
    result = import_plan(data, filename)  # PlanImportError: nothing is stored
    with transaction.atomic():
        previous = _previous(result)
        changes = []
        if previous is not None:
            changes = [vars(c) for c in plan_changes(_draft_plan(previous), result.plan)]
        plan = result.plan
        region = Area.objects.filter(code=plan.region).first() if result.region_known else None
        document = _with_known_departments(plan_to_dict(plan))
        draft = ImportDraft.objects.create(
            content_hash=result.content_hash, filename=filename[:255], format=result.format,
            size=len(data), title=plan.title[:200], start_year=plan.start_year,
            end_year=plan.end_year, region_name=result.region_name[:100], region=region,
            plan_code=plan.code, source_text=result.source_text, document=document,
            unrecognised=[
                {"domain": u.domain, "section": u.section, "number": u.number,
                 "text": u.span.text}
                for u in result.unrecognised
            ],
            problems=[p.as_data() for p in result.problems],
            left_out=[{"line": i.line, "text": i.text, "reason": i.reason} for i in result.left_out],
            notes=_notes(result),
            previous=previous, changes=changes, created_by=acting_user(actor),
        )
        _store_rows(draft, result)
        record("import.create", "import", str(draft.pk), actor, file=filename,
               hash=result.content_hash, indicators=len(plan.indicators))
    return draft, True




def _notes(result: PlanImport) -> dict[str, Any]:
    """What the plan file cannot hold but the reviewer should see."""
    return {
        "relative_changes": [
            {"indicator": s.indicator, "source": s.span.text, "direction": s.change.direction,
             "amount": s.change.amount, "measure": s.change.measure,
             "base_year": s.change.base_year}
            for s in result.sources if s.change is not None
        ],
        "baselines": [vars(b) for b in result.baselines],
        "section_texts": [{"domain": d, "section": s, "text": t}
                          for d, s, t in result.section_texts],
    }


def _with_known_departments(document: dict[str, Any]) -> dict[str, Any]:
    """The generated departments matched to the stored ones (县卫健局 → 县卫生健康和体育局).

    A matched department takes the stored code and name; an unknown one keeps
    a code no stored department uses, so publishing adds it.
    """
    stored = list(Department.objects.values_list("code", "name"))
    taken = {code for code, _ in stored}
    codes: dict[str, str] = {}
    departments = []
    for entry in document.get("departments", []):
        code = match_department(entry["name"], stored)
        if code is None:
            code = entry["code"] if entry["code"] not in taken else new_department_code(
                entry["name"], taken | set(codes.values()))
            departments.append({"code": code, "name": entry["name"]})
        else:
            departments.append({"code": code, "name": dict(stored)[code]})
        codes[entry["code"]] = code
    document["departments"] = list({d["code"]: d for d in departments}.values())

    def remap(holder: dict[str, Any]) -> None:
        if holder.get("lead"):
            holder["lead"] = codes.get(holder["lead"], holder["lead"])
        if holder.get("supporting"):
            holder["supporting"] = [codes.get(c, c) for c in holder["supporting"]]

    for domain in document.get("domains", []):
        for item in domain.get("goals", []) + domain.get("measures", []):
            remap(item)
    for indicator in document.get("indicators", []):
        remap(indicator)
    return document


def _store_rows(draft: ImportDraft, result: PlanImport) -> None:
    spans = {(s.indicator, s.position): s.span for s in result.sources}
    generated = {i["code"]: i for i in draft.document.get("indicators", [])}
    names = {d["code"]: d["name"] for d in draft.document.get("departments", [])}
    stored = {d.code: d for d in Department.objects.filter(code__in=list(names))}
    for position, indicator in enumerate(result.plan.indicators):
        lead = generated.get(indicator.code, {}).get("lead")
        row = DraftIndicator.objects.create(
            draft=draft, position=position, code=indicator.code, name=indicator.name[:200],
            unit=indicator.unit, domain=indicator.goal.domain, goal=indicator.goal.goal,
            department=stored.get(lead or ""),
            new_department="" if lead in stored or not lead else names.get(lead, "")[:100],
        )
        for index, target in enumerate(indicator.targets):
            span = spans[(indicator.code, index)]
            DraftTarget.objects.create(
                indicator=row, position=index, kind=target.kind.value,
                comparator=target.comparator.value if target.comparator else "",
                value=target.value, tolerance=target.tolerance, unit=target.unit,
                year=target.year, groups=list(target.groups or ()),
                relative_to=target.relative_to or "", span_start=span.start, span_end=span.end,
                source=span.text,
            )


@transaction.atomic
def do_update_target(target: DraftTarget, edit: TargetEdit, actor: Any = None) -> None:
    """Correct one target and its indicator (name, unit, department)."""
    indicator = target.indicator
    numeric = TargetKind(edit.kind) in (TargetKind.THRESHOLD, TargetKind.APPROXIMATE,
                                        TargetKind.MAINTAIN, TargetKind.FULL_COVERAGE)
    target.kind = edit.kind
    target.comparator = edit.comparator if numeric else ""
    target.value = edit.value if numeric else None
    target.tolerance = edit.tolerance if edit.kind == TargetKind.APPROXIMATE else None
    if edit.kind != TargetKind.GAP_NARROWS:
        target.groups = []
    if edit.kind != TargetKind.RELATIVE:
        target.relative_to = ""
    target.unit, target.year, target.edited = edit.unit, edit.year, True
    target.save()
    indicator.name, indicator.department = edit.name, edit.department
    if edit.department is not None:
        indicator.new_department = ""
    indicator.unit = edit.unit or indicator.unit
    indicator.save()
    record("import.edit_target", "import", str(indicator.draft_id), actor,
           indicator=indicator.code, target=target.position, kind=edit.kind,
           comparator=edit.comparator, value=edit.value, unit=edit.unit, year=edit.year)


def link_choices(draft: ImportDraft) -> dict[str, list[Indicator]]:
    """For each unit of the draft's indicators, the other plans' indicators measured in it
    that hold their own values (the ones a link may point at)."""
    units = set(draft.indicators.values_list("unit", flat=True))
    choices: dict[str, list[Indicator]] = {}
    for indicator in (Indicator.objects.filter(unit__in=units, same_as__isnull=True)
                      .exclude(plan__code=draft.published_code or draft.plan_code)
                      .select_related("plan").order_by("plan__start_year", "plan__code",
                                                       "position")):
        choices.setdefault(indicator.unit, []).append(indicator)
    return choices


@transaction.atomic
def do_link_series(draft: ImportDraft, links: dict[int, int | None], actor: Any) -> int:
    """Declare draft indicators the same series as other plans' indicators (``same_as``):
    ``links`` maps draft-indicator ids to an indicator id or None; the number changed.
    Only indicators of another plan, in the same unit, may be linked."""
    allowed = {i.pk: i for found in link_choices(draft).values() for i in found}
    changed = 0
    for row in draft.indicators.filter(pk__in=list(links)):
        target = links[row.pk]
        linked = allowed.get(target) if target is not None else None
        if target is not None and (linked is None or linked.unit != row.unit):
            raise ActionError("import.bad_series_link", indicator=row.code)
        if row.same_as_id != target:
            row.same_as = linked
            row.save(update_fields=["same_as"])
            changed += 1
            record("import.link_series", "import", str(draft.pk), actor, indicator=row.code,
                   same_as=f"{linked.plan.code}/{linked.code}" if linked else "")
    return changed


def draft_document(draft: ImportDraft, *, region: str | None = None, code: str | None = None,
                   title: str | None = None) -> dict[str, Any]:
    """The plan file's data of the draft as reviewed (rows override the generated plan)."""
    document = {**draft.document, "plan": dict(draft.document["plan"])}
    generated = {i["code"]: i for i in draft.document.get("indicators", [])}
    departments = {d["code"]: d["name"] for d in draft.document.get("departments", [])}
    new_codes = {name: code for code, name in departments.items()}
    indicators = []
    rows = draft.indicators.select_related("department", "same_as__plan").prefetch_related(
        "targets")
    for row in rows:
        entry = {**generated.get(row.code, {}), "code": row.code, "name": row.name,
                 "unit": row.unit, "goal": f"{row.domain}.{row.goal}"}
        entry["per"] = rate_scale(row.unit)
        entry["lead"] = (row.department.code if row.department
                         else new_codes.get(row.new_department) if row.new_department else None)
        entry.setdefault("supporting", [])
        if row.department is not None:
            departments[row.department.code] = row.department.name
        entry["targets"] = [_target_data(t) for t in row.targets.all()]
        if row.same_as is not None:
            entry["same_as"] = {"plan": row.same_as.plan.code, "indicator": row.same_as.code}
        indicators.append(entry)
    document["indicators"] = indicators
    document["departments"] = [{"code": c, "name": n} for c, n in sorted(departments.items())]
    if region is not None:
        document["plan"]["region"] = region
        document["areas"] = []  # an existing area: the plan does not redefine it
    if code:
        document["plan"]["code"] = code
    if title:
        document["plan"]["title"] = title
    return document


def _target_data(target: DraftTarget) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": target.kind}
    if target.comparator:
        data["comparator"] = target.comparator
    for key in ("value", "tolerance", "year"):
        if getattr(target, key) is not None:
            data[key] = getattr(target, key)
    if target.unit:
        data["unit"] = target.unit
    if target.groups:
        data["groups"] = list(target.groups)
    if target.relative_to:
        data["relative_to"] = target.relative_to
    data["source"] = target.source
    return data


def _draft_plan(draft: ImportDraft) -> Any:
    return plan_from_dict(draft_document(draft))


@transaction.atomic
def do_publish_import(draft: ImportDraft, *, region: Area, code: str, title: str,
                      actor: Any = None) -> str:
    """Store the reviewed draft as a plan (``do_load_plan``); returns the plan code."""
    try:
        plan = plan_from_dict(draft_document(draft, region=region.code, code=code, title=title))
    except PlanFileError as error:
        raise PublishError("import.publish.invalid", location=error.location,
                           problem=error.code) from error
    try:
        do_load_plan(plan, actor)
    except PlanLoadError as error:
        raise PublishError(error.code, **error.params) from error
    draft.status, draft.published_at = DraftStatus.PUBLISHED, timezone.now()
    draft.published_code, draft.region = plan.code, region
    draft.save(update_fields=["status", "published_at", "published_code", "region"])
    record("import.publish", "import", str(draft.pk), actor, plan=plan.code, region=region.code)
    return plan.code


def comparator_allowed(kind: str, comparator: str) -> bool:
    order = {c.value for c in (Comparator.GE, Comparator.GT, Comparator.LE, Comparator.LT)}
    allowed = {
        TargetKind.THRESHOLD: order | {Comparator.EQ.value},
        TargetKind.MAINTAIN: order,
        TargetKind.APPROXIMATE: {Comparator.APPROX.value},
        TargetKind.FULL_COVERAGE: {Comparator.GE.value},
    }.get(TargetKind(kind))
    return allowed is None or comparator in allowed
