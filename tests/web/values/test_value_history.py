"""A value's history page shows each step and state in words, never as codes."""

from __future__ import annotations

import re


def test_the_history_shows_states_in_words(login) -> None:
    from halfsky.web.values.models import Observation, ValueChange

    observation = Observation.objects.select_related("indicator").first()
    assert observation is not None
    ValueChange.objects.create(observation=observation, action="submit",
                               before={"value": 1, "status": "draft"},
                               after={"value": 1, "status": "submitted"})
    ValueChange.objects.create(observation=observation, action="exchange",
                               before={"value": 1, "status": "submitted"},
                               after={"value": 2, "status": "approved"})
    page = login("coordinator").get(f"/rounds/values/{observation.pk}/").content.decode()
    history = page[page.index('class="history"'):]
    shown = re.findall(r"<small>([^<]*)</small>", history)
    assert {"草稿", "已提交"} <= set(shown)
    assert not {"draft", "submitted", "approved"} & set(shown)
    steps = re.findall(r'data-action="[a-z_]+">\s*<td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>',
                       history)
    assert steps and not {"submit", "exchange"} & set(steps)
