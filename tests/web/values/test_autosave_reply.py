"""The reply to an autosave carries what changed with the value: its total and groups, and
the task's count of values needing attention; messages name the form's own fields."""

from __future__ import annotations

import datetime
import re

import pytest

from halfsky.web.values.models import Observation

YEAR = 2025


@pytest.fixture
def health(login) -> tuple[object, list[Observation]]:
    deadline = datetime.date.today() + datetime.timedelta(days=30)
    login("coordinator").post("/rounds/", {"year": YEAR, "deadline": deadline.isoformat()})
    values = list(Observation.objects.filter(task__round__year=YEAR, task__department__code="health")
                  .select_related("indicator"))
    return login("health_reporter"), values


def save(client, observation: Observation, **fields):
    return client.post(f"/rounds/values/{observation.pk}/save/",
                       {"version": observation.version, **fields}, HTTP_HX_REQUEST="true")


def test_a_group_saved_sends_back_its_total_and_the_problem_count(health) -> None:
    client, values = health
    group = next(o for o in values if o.breakdown)
    total = next(o for o in values if o.indicator_id == group.indicator_id
                 and o.area_id == group.area_id and not o.breakdown)
    reply = save(client, group, value="5" if not group.indicator.per else "").content.decode()
    assert re.match(rf"<tr id=\"row-{group.pk}\"(?![^>]*hx-swap-oob)", reply.lstrip())
    assert re.search(rf'<tr id="row-{total.pk}"[^>]*hx-swap-oob="true"', reply)
    counter = re.search(r'<span id="problem-count"[^>]*hx-swap-oob="true">([^<]*)</span>', reply)
    assert counter is not None and re.fullmatch(r"还有 \d+ 个数值需要处理。", counter.group(1))


def test_a_missing_part_is_named_as_the_form_names_it(health) -> None:
    client, values = health
    rate = next(o for o in values if o.indicator.per)
    reply = save(client, rate, numerator="1", denominator="")
    text = reply.content.decode()
    assert "缺少：分母" in text and "denominator）" not in text
