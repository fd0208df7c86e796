"""The roles of DESIGN.md and what each may do.

One table answers every permission question, so views, querysets and the
menu agree.
"""

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


# Roles whose work is limited to their own department's items.
DEPARTMENT_ROLES = frozenset({Role.REPORTER, Role.DEPARTMENT_HEAD})

# Roles that may open the Django admin: the coordinator keeps departments, areas
# and users; the statistics bureau keeps the validation rules of the indicators.
ADMIN_ROLES = frozenset({Role.ADMINISTRATOR, Role.COORDINATOR, Role.MONITORING_LEAD})
