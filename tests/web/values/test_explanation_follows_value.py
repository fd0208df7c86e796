"""An explanation belongs to the value it explained."""

from __future__ import annotations

import datetime

from django.utils import timezone

from halfsky.web.values.models import Observation


def test_a_changed_value_drops_the_explanation_written_for_the_old_one(login) -> None:
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    login("coordinator").post("/rounds/", {"year": 2025, "deadline": deadline.isoformat()})
    observation = Observation.objects.filter(
        task__round__year=2025, task__department__code="health", indicator__per__isnull=True,
        breakdown="", area__level="county").first()
    assert observation is not None
    client = login("health_reporter")

    def save(**fields: str) -> None:
        observation.refresh_from_db()
        response = client.post(f"/rounds/values/{observation.pk}/save/",
                               {"version": observation.version, **fields},
                               HTTP_HX_REQUEST="true")
        assert response.status_code == 200

    save(value="80.5", explanation="测试：统计口径调整")
    observation.refresh_from_db()
    assert observation.explanation == "测试：统计口径调整"
    save(value="99.1", explanation="测试：统计口径调整")  # the form sends the old words back
    observation.refresh_from_db()
    assert observation.value == 99.1 and observation.explanation == ""
    explained = [c.before.get("explanation") for c in observation.changes.all()]
    assert "测试：统计口径调整" in explained  # kept in the history
    save(value="99.2", explanation="测试：新的说明")  # a new explanation with a new value stays
    observation.refresh_from_db()
    assert observation.explanation == "测试：新的说明"
