"""Plan import: a published plan document becomes a plan file.

``import_plan(data, filename)`` reads a Markdown, plain-text, ``.docx``,
HTML or PDF plan document (:mod:`.readers`), parses its structure
(:mod:`halfsky.formats.plan_document`), reads the targets of every goal
(:mod:`.targets`) and builds a :class:`~halfsky.domain.plan.Plan` with
generated indicators (:mod:`.build`). Problems raise
:class:`PlanImportError` with a message code; nothing is written anywhere.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from halfsky.domain.plan import Plan
from halfsky.formats.plan_document import PlanDocumentError, parse_plan_document
from halfsky.formats.plan_fields import PlanFileError
from halfsky.formats.plan_file import plan_from_dict, plan_to_dict
from halfsky.formats.plan_import.build import (
    PLACEHOLDER_REGION,
    TargetSource,
    Unrecognised,
    build_plan,
)
from halfsky.formats.plan_import.readers import (
    FORMATS,
    MAX_DOCUMENT_BYTES,
    PlanImportError,
    document_text,
    read_file_bytes,
)
from halfsky.formats.plan_import.targets import FoundTarget, Span, read_targets

__all__ = [
    "FORMATS",
    "MAX_DOCUMENT_BYTES",
    "PLACEHOLDER_REGION",
    "FoundTarget",
    "PlanImport",
    "PlanImportError",
    "Span",
    "TargetSource",
    "Unrecognised",
    "import_plan",
    "import_plan_file",
    "read_targets",
]

_DOCUMENT_CODES = {
    "plan_document.empty": "plan_import.empty",
    "plan_document.no_domains": "plan_import.not_a_plan",
    "plan_document.marker_without_domain": "plan_import.not_a_plan",
}


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
    try:
        document = parse_plan_document(text)
    except PlanDocumentError as error:
        raise PlanImportError(_DOCUMENT_CODES.get(error.code, error.code), **error.params) from None
    built = build_plan(document, text, code=code, region=region, period=period)
    try:  # the generated plan must be a valid plan file
        plan = plan_from_dict(plan_to_dict(built.plan))
    except PlanFileError as error:
        raise PlanImportError("plan_import.invalid_plan", problem=str(error)) from error
    return PlanImport(
        plan=plan, format=kind, source_text=text,
        content_hash=hashlib.sha256(data).hexdigest(), region_name=built.region_name,
        region_known=built.region_known, sources=built.sources, unrecognised=built.unrecognised,
    )


def import_plan_file(path: str | Path, **options: object) -> PlanImport:
    """Import a document file; it is refused by its size before it is read."""
    return import_plan(read_file_bytes(path), Path(path).name, **options)  # type: ignore[arg-type]
