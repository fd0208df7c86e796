"""Background jobs in the admin: read-only (rows are written only by ``actions.py``)."""

from __future__ import annotations

from django.contrib import admin

from halfsky.web.core.admin import ReadOnlyAdmin
from halfsky.web.jobs.models import Job


@admin.register(Job)
class JobAdmin(ReadOnlyAdmin):
    list_display = ("pk", "kind", "target_model", "target_pk", "state", "progress", "step",
                    "error_code", "created_by", "created_at", "finished_at")
    list_filter = ("kind", "state")
    search_fields = ("target_pk", "error_code")

