"""Text from a plan file or the administrator is shown as text, never as markup, on the
pages whose tables are built in Python (assessment, domain, indicators, department, goal)."""

from __future__ import annotations

from typing import Any

import pytest

from halfsky.web.orgs.models import Department
from halfsky.web.plans.models import Domain, Goal, Indicator, Measure

PLAN = "jixian-women-2021-2025"
MARKUP = '<img src=x onerror="alert(1)">'
ESCAPED = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"


@pytest.mark.django_db
def test_names_with_markup_are_escaped_on_the_table_pages(login: Any) -> None:
    indicator = Indicator.objects.get(plan__code=PLAN, code="D11")
    Indicator.objects.filter(pk=indicator.pk).update(name=f"贫困{MARKUP}")
    Goal.objects.filter(pk=indicator.goal_id).update(text=f"目标{MARKUP}")
    Measure.objects.filter(domain_id=indicator.goal.domain_id).update(text=f"措施{MARKUP}")
    Domain.objects.filter(pk=indicator.goal.domain_id).update(name=f"领域{MARKUP}")
    lead = Department.objects.get(pk=indicator.lead_id)
    Department.objects.filter(pk=lead.pk).update(name=f"部门{MARKUP}")
    domain = indicator.goal.domain
    pages = [f"/plans/{PLAN}/assessments/2024/", f"/plans/{PLAN}/{domain.code}/",
             f"/plans/{PLAN}/indicators/", f"/departments/{lead.code}/",
             f"/plans/{PLAN}/indicators/D11/"]
    client = login("coordinator")
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        assert MARKUP not in text, path
        assert ESCAPED in text, path
