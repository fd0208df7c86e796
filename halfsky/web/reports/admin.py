"""Read-only admin lists of reports and evaluations (changes go through the actions)."""

from __future__ import annotations

from django.contrib import admin

from halfsky.web.core.admin import ReadOnlyAdmin
from halfsky.web.reports.models import EvaluationItem, EvaluationRound, Evidence, Report


@admin.register(Report)
class ReportAdmin(ReadOnlyAdmin):
    list_display = ["plan", "kind", "year", "state", "generated_at", "generated_by"]
    list_filter = ["kind", "state"]
    exclude = ["inputs"]


@admin.register(EvaluationRound)
class EvaluationRoundAdmin(ReadOnlyAdmin):
    list_display = ["plan", "kind", "year", "opened_at"]


@admin.register(EvaluationItem)
class EvaluationItemAdmin(ReadOnlyAdmin):
    list_display = ["round", "goal", "measure", "department", "self_rating", "review_rating"]
    list_filter = ["round", "self_rating", "review_rating"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["name", "item", "kind", "size", "uploaded_at", "uploaded_by"]
