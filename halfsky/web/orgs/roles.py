"""The roles of DESIGN.md; what each may do is the permission table's
(``halfsky.web.orgs.permissions``)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator (women and children's committee office)")
    MONITORING_LEAD = "monitoring_lead", _("Monitoring lead (statistics bureau)")
    REPORTER = "reporter", _("Department reporter")
    DEPARTMENT_HEAD = "department_head", _("Department head")
    LEADERSHIP = "leadership", _("Leadership group")
    VIEWER = "viewer", _("Viewer")
    ADMINISTRATOR = "administrator", _("Administrator")

