"""A history import of 10,000 values: all rows or none, each value with its own history step."""

from __future__ import annotations

import json
import random
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from halfsky.web.core.errors import ActionError
from halfsky.web.orgs.actions import do_ensure_sample_townships
from halfsky.web.orgs.models import Area
from halfsky.web.plans.models import Plan
from halfsky.web.values.actions.earlier_years import do_apply_history, do_stage_history
from halfsky.web.values.actions.store import NewValue, snapshots_json
from halfsky.web.values.models import EarlierYearsImport, Observation, ValueChange

pytestmark = pytest.mark.django_db

HEADER = "indicator,area,year,breakdown,value,numerator,denominator,source,note\n"


def history_file(plan: Plan, rows: int, townships: int) -> tuple[bytes, list[tuple[str, str, int]]]:
    """``rows`` new values (indicator × area × year before 2020, totals) that pass the rules;
    the file and its keys (indicator code, area code, year) in file order."""
    areas = [plan.region, *do_ensure_sample_townships(
        plan.region.code, [f"示例乡镇{n}" for n in range(1, townships + 1)])]
    rng = random.Random(7)
    lines, keys = [HEADER], []
    for year in range(2000, 2020):
        for area in areas:
            for indicator in plan.indicators.order_by("position"):
                if len(keys) == rows:
                    return "".join(lines).encode(), keys
                if indicator.per:
                    denominator = rng.randint(500, 5000)
                    numerator = rng.randint(0, denominator // 50)
                    value = round(numerator / denominator * indicator.per, 4)
                    lines.append(f"{indicator.code},{area.code},{year},,{value},{numerator},"
                                 f"{denominator},年鉴,说明\n")
                else:
                    lines.append(f"{indicator.code},{area.code},{year},,"
                                 f"{rng.randint(1, 90)},,,年鉴,说明\n")
                keys.append((indicator.code, area.code, year))
    raise AssertionError("not enough keys")


@pytest.fixture
def plan() -> Plan:
    return Plan.objects.select_related("region").get(code="jixian-women-2021-2025")


@pytest.fixture
def coordinator() -> Any:
    return get_user_model().objects.get(username="coordinator")


def test_a_conflict_in_the_last_of_10000_rows_refuses_the_whole_file(plan, coordinator) -> None:
    content, keys = history_file(plan, 10_000, townships=9)
    staged = do_stage_history(plan, "h.csv", content, coordinator)
    code, area, year = keys[-1]  # line 10,001 of the file: its 10,000th value
    Observation.objects.create(  # entered meanwhile: an official value that differs
        indicator=plan.indicators.get(code=code), area=Area.objects.get(code=area), year=year,
        value=-1.0, status="approved")
    values, steps = Observation.objects.count(), ValueChange.objects.count()
    with pytest.raises(ActionError) as refused:
        do_apply_history(staged, coordinator)
    assert refused.value.code == "history.has_problems"
    assert (Observation.objects.count(), ValueChange.objects.count()) == (values, steps)
    assert EarlierYearsImport.objects.get(pk=staged.pk).applied_at is None


def test_every_imported_value_has_its_own_history_step(plan, coordinator) -> None:
    content, keys = history_file(plan, 1_234, townships=1)  # several INSERTs on SQLite
    largest_ever = Observation.objects.order_by("-pk")[0].pk
    Observation.objects.filter(pk=largest_ever).delete()  # its id is never given again
    staged = do_stage_history(plan, "h.csv", content, coordinator)
    assert do_apply_history(staged, coordinator) == len(keys)
    imported = Observation.objects.filter(changes__action="import", changes__comment="h.csv")
    assert imported.count() == len(keys)
    assert min(imported.values_list("pk", flat=True)) > largest_ever  # no id given twice
    for observation in imported.prefetch_related("changes"):
        [step] = observation.changes.all()
        assert step.before == {} and step.after == observation.snapshot()
        assert (observation.status, observation.source, observation.note) == (
            "approved", "年鉴", "说明")


def test_the_history_steps_json_is_the_snapshots_json() -> None:
    rows = [NewValue(1, 2, 2001, "", 77.3, None, None, "", "", "h.csv", "approved"),
            NewValue(1, 2, 2002, "sex=female", 0.0, 3.0, 712.0, "estimated", '引号"和\\反斜杠',
                     "县统计局\n第二行", "approved", explanation="说明"),
            NewValue(1, 2, 2003, "", 5, 1e-7, 1e22, "", "é", "x", "approved"),
            NewValue(1, 2, 2004, "", None, None, None, "not_applicable", "", "", "approved")]
    assert snapshots_json(rows) == [json.dumps(row.snapshot()) for row in rows]
