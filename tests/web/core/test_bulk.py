"""Set-based writes: ids taken before the insert, and the collector paused for a bulk step."""

from __future__ import annotations

import gc

import pytest

from halfsky.web.core.bulk import new_ids, paused_gc
from halfsky.web.values.models import Observation


@pytest.mark.django_db
def test_new_ids_are_distinct_and_never_an_id_the_table_had() -> None:
    largest = Observation.objects.order_by("-pk")[0].pk
    Observation.objects.filter(pk=largest).delete()
    ids = new_ids(Observation, 3)
    assert len(set(ids)) == 3 and min(ids) > largest
    assert new_ids(Observation, 0) == []


def test_the_collector_is_paused_inside_and_restored_after_even_when_nested() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
        with paused_gc():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the outer block still holds it
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError
    assert gc.isenabled()
