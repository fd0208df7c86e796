"""Warnings are stored under the engine's own codes; the migration converts the old name."""

from __future__ import annotations

import importlib

from django.apps import apps

from halfsky.domain.assessment import WARNINGS
from halfsky.web.assessments.models import Warning, WarningKind
from halfsky.web.reports.inputs import collect

from .conftest import YEAR

migration = importlib.import_module(
    "halfsky.web.assessments.migrations.0004_store_engine_warning_codes")


def test_every_stored_kind_is_an_engine_warning_code(plan) -> None:
    assert set(WarningKind.values) <= set(WARNINGS)
    stored = set(Warning.objects.filter(plan=plan).values_list("kind", flat=True))
    assert "forecast_miss" in stored and stored <= set(WARNINGS)


def test_a_report_reads_the_stored_code_as_it_is(plan) -> None:
    kinds = set(Warning.objects.filter(plan=plan, year=YEAR, area=plan.region)
                .exclude(state="resolved").values_list("kind", flat=True))
    codes = {code for entry in collect(plan, YEAR)["warnings"] for code in entry["codes"]}
    assert codes == kinds and "forecast_miss" in codes


def test_the_migration_renames_stored_at_risk_both_ways(plan) -> None:
    warning = Warning.objects.filter(plan=plan, kind="forecast_miss").first()
    others = dict(Warning.objects.exclude(pk=warning.pk).values_list("pk", "kind"))
    Warning.objects.filter(pk=warning.pk).update(kind="at_risk")  # as stored before
    migration.to_engine_codes(apps, None)
    warning.refresh_from_db()
    assert warning.kind == "forecast_miss"
    migration.to_old_codes(apps, None)
    warning.refresh_from_db()
    assert warning.kind == "at_risk"
    assert dict(Warning.objects.exclude(pk=warning.pk).values_list("pk", "kind")) == {
        pk: "at_risk" if kind == "forecast_miss" else kind for pk, kind in others.items()}
