"""The web's refusals share the domain's coded-error base."""

from __future__ import annotations

from halfsky.domain.errors import CodedError
from halfsky.web.core.errors import ActionError
from halfsky.web.imports.actions import PublishError
from halfsky.web.plans.actions import PlanLoadError
from halfsky.web.reports.evidence import EvidenceError


def test_web_refusals_are_coded_errors() -> None:
    for error in (ActionError("value.locked", year=2024), PlanLoadError("plan.would_lose_data"),
                  PublishError("import.no_region"), EvidenceError("evidence.too_large")):
        assert isinstance(error, CodedError) and error.code
    assert ActionError("value.locked", year=2024).params == {"year": 2024}
