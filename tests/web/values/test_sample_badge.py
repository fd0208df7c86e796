"""The 示例数据 badge marks demo values only, never a value a person typed."""

from __future__ import annotations

import datetime
import re

from django.utils import timezone

from halfsky.web.values.models import Observation, Round

PLAN = "jixian-women-2021-2025"


def test_a_value_typed_over_a_sample_draft_is_no_longer_marked_sample(login) -> None:
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    login("coordinator").post("/rounds/", {"year": 2025, "deadline": deadline.isoformat()})
    Observation.objects.filter(task__round__year=2025).update(is_sample=True)  # as the demo's
    observation = Observation.objects.filter(
        task__round=Round.objects.get(year=2025), task__department__code="health",
        indicator__per__isnull=True, breakdown="", area__level="county").select_related(
        "indicator").first()
    assert observation is not None
    response = login("health_reporter").post(
        f"/rounds/values/{observation.pk}/save/", {"version": observation.version, "value": "78.34"},
        HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    observation.refresh_from_db()
    assert observation.value == 78.34 and not observation.is_sample
    page = login("coordinator").get(
        f"/plans/{PLAN}/indicators/{observation.indicator.code}/").content.decode()
    county = page[page.index('<table class="values">'):]
    county = county[:county.index("</table>")]
    assert "示例数据（非官方统计）</span>" not in county  # no badge over the whole table
    cells = re.findall(r'<td class="num[^"]*"[^>]*>(.*?)</td>', county)
    typed = [c for c in cells if c.startswith("78.3")]
    assert typed and all("data-sample" not in c for c in typed)
    assert all("草稿" in c for c in typed)  # the coordinator sees the draft, marked as one
    assert any("data-sample" in c for c in cells)  # the demo's earlier years stay marked
