"""A child's push on the parent: stored once, corrected with a reason, scoped to its area."""

from __future__ import annotations

from dataclasses import replace

import pytest

from halfsky.formats.plan_file import load_plan
from halfsky.web.exchange.actions.access import do_issue_child_token, do_revoke_child_token
from halfsky.web.exchange.actions.receive import do_resolve_conflict
from halfsky.web.exchange.models import (
    AggregateValue,
    ChildAccess,
    Conflict,
    Delivery,
    ReceivedValue,
)
from halfsky.web.orgs.models import Area
from halfsky.web.plans.actions import do_load_plan
from halfsky.web.plans.models import Plan
from halfsky.web.values.models import Observation, ValueChange
from tests.web.exchange.conftest import NATIONAL, push, value

pytestmark = pytest.mark.django_db


def county_values(city: Plan, code: str = "H02") -> list[Observation]:
    return list(Observation.objects.filter(indicator__plan=city, indicator__code=code,
                                           area__code="141028"))


def test_a_push_stores_the_values_with_their_provenance(city: Plan, county_key: str) -> None:
    response = push(county_key, [value(), value("小学学龄女童净入学率", number=99.9,
                                                numerator=999, denominator=1000)])
    assert response.status_code == 200, response.content
    assert response.json()["counts"] == {"created": 2}
    [stored] = county_values(city)
    assert (stored.value, stored.status, stored.source) == (10.0, "approved", "吉县卫健局")
    received = ReceivedValue.objects.get(observation=stored)
    assert (received.version, received.approved_by, received.delivery.instance) == (
        1, "statistics", "jixian-women-2021-2025")
    assert received.approved_at is not None


def test_the_same_batch_twice_changes_nothing(city: Plan, county_key: str) -> None:
    first = push(county_key, [value()]).json()
    again = push(county_key, [value()]).json()
    assert first["counts"] == {"created": 1}
    assert again["repeated"] is True and again["counts"] == {"unchanged": 1}
    # the same values in another batch (a resumed push cut differently): nothing new either
    other = push(county_key, [value(), value(year=2023)]).json()
    assert other["counts"] == {"unchanged": 1, "created": 1}
    assert len(county_values(city)) == 2
    assert ReceivedValue.objects.count() == 2 and Delivery.objects.count() == 2


def test_a_correction_arrives_as_a_new_version_with_its_reason(city: Plan,
                                                               county_key: str) -> None:
    push(county_key, [value()])
    response = push(county_key, [value(number=20.0, numerator=2, version=4,
                                       reason="漏报一例，经核实补报")])
    assert response.json()["counts"] == {"updated": 1}
    [stored] = county_values(city)
    assert stored.value == 20.0 and stored.version == 2
    change = ValueChange.objects.filter(observation=stored).latest("pk")
    assert (change.action, change.comment, change.before["value"]) == (
        "exchange", "漏报一例，经核实补报", 10.0)
    assert list(ReceivedValue.objects.filter(observation=stored).values_list(
        "version", flat=True)) == [1, 4]
    # a late copy of the old version does not undo the correction
    late = push(county_key, [value(version=1), value(year=2022)]).json()
    assert late["counts"] == {"older": 1, "created": 1} and not late["repeated"]
    assert Observation.objects.get(pk=stored.pk).value == 20.0


def test_a_value_from_another_source_is_never_overwritten(city: Plan, county_key: str,
                                                         coordinator: object) -> None:
    indicator = city.indicators.get(code="H02")
    typed = Observation.objects.create(indicator=indicator, area=Area.objects.get(code="141028"),
                                       year=2024, value=11.0, source="市卫健委手工录入")
    response = push(county_key, [value()])
    assert response.json()["counts"] == {"conflict": 1}
    typed.refresh_from_db()
    assert typed.value == 11.0
    conflict = Conflict.objects.get()
    assert conflict.state == "open" and conflict.stored["value"] == 11.0
    do_resolve_conflict(conflict, True, "以县统计局审核数为准", coordinator)
    typed.refresh_from_db()
    assert typed.value == 10.0
    # now in step with the county: its next correction is applied
    assert push(county_key, [value(number=20.0, numerator=2, version=2)]).json()["counts"] == {"updated": 1}


def test_a_token_writes_only_its_own_area(city: Plan, county_key: str) -> None:
    daning = do_issue_child_token(city.region, Area.objects.get(code="141030"), "大宁县", None)[1]
    response = push(daning, [value(area="141028")])
    assert response.status_code == 403
    assert response.json()["code"] == "exchange.other_area"
    assert not county_values(city) and not Delivery.objects.exists()


def test_bad_or_revoked_tokens_and_bad_batches_are_refused(city: Plan, county_key: str) -> None:
    assert push("hsx_not-a-key", [value()]).status_code == 401
    assert push("hs_" + county_key[4:], [value()]).status_code == 401
    response = push(county_key, [value()], batch="0" * 64)
    assert response.status_code == 422 and response.json()["code"] == "exchange.bad_batch"
    do_revoke_child_token(ChildAccess.objects.get(), None)
    assert push(county_key, [value()]).status_code == 401
    assert not Observation.objects.filter(indicator__plan=city).exists()


def test_unknown_indicators_are_listed_not_stored(city: Plan, county_key: str) -> None:
    body = push(county_key, [value("不存在的指标")]).json()
    assert body["unknown"] == ["china-women-2021-2030:不存在的指标"] and body["counts"] == {}


def test_the_city_aggregates_its_counties(city: Plan, county_key: str) -> None:
    daning = do_issue_child_token(city.region, Area.objects.get(code="141030"), "大宁县", None)[1]
    push(county_key, [value(number=10.0, numerator=1, denominator=10000)])
    push(daning, [value(area="141030", number=0.0, numerator=0, denominator=5000)])
    aggregate = AggregateValue.objects.get(indicator__code="H02", year=2024)
    assert aggregate.value == pytest.approx(1 / 15000 * 100000)  # Σ deaths / Σ births, not a mean
    assert (aggregate.contributed, aggregate.expected, aggregate.complete) == (2, 17, False)
    assert "141028" not in aggregate.missing and "141002" in aggregate.missing
    region_value = Observation.objects.get(indicator=aggregate.indicator, area=city.region,
                                           year=2024, breakdown="")
    assert region_value.value == pytest.approx(aggregate.value)


def test_a_survey_estimate_is_weighted_by_the_areas_female_population(
        city: Plan, county_key: str) -> None:
    from halfsky.web.exchange.models import AreaPopulation

    daning_area = Area.objects.get(code="141030")
    daning = do_issue_child_token(city.region, daning_area, "大宁县", None)[1]
    AreaPopulation.objects.create(area=Area.objects.get(code="141028"), year=2020,
                                  female=50000)
    AreaPopulation.objects.create(area=daning_area, year=2023, female=25000)
    AreaPopulation.objects.create(area=daning_area, year=2025, female=99999)  # later: unused

    def survey(area: str, number: float) -> object:
        return value("H05", area=area, number=number, numerator=None, denominator=None,
                     plan="linfen-sample-women-2021-2025")

    assert push(county_key, [survey("141028", 90.0)]).json()["counts"] == {"created": 1}
    push(daning, [survey("141030", 60.0)])
    aggregate = AggregateValue.objects.get(indicator__code="H05", year=2024)
    assert aggregate.value == pytest.approx((90 * 50000 + 60 * 25000) / 75000)  # 80, not 75
    assert aggregate.contributed == 2


def test_a_refusal_of_the_parent_is_reported_in_its_words(city: Plan, county_key: str) -> None:
    from halfsky.web.exchange.actions.links import do_set_parent_link
    from halfsky.web.exchange.models import ParentLink, PushRun
    from halfsky.web.exchange.sync import push_to_parent
    from halfsky.web.exchange.wire import Reply

    do_set_parent_link("http://city.example:8000", "hsx_wrong", None)
    calls: list[tuple[str, str]] = []

    def refusing(method: str, url: str, token: str, body: object) -> Reply:
        calls.append((method, url))
        return Reply(401, {"code": "api.unauthorized", "message": "令牌无效", "params": {
            "status": "x", "reason": "y"}})

    county = Plan.objects.get(code="jixian-women-2021-2025")
    run = push_to_parent(county, None, transport=refusing)
    assert calls == [("POST", "http://city.example:8000/api/exchange/deliveries")]
    assert (run.state, run.error, run.sent) == ("failed", "exchange.refused", 0)
    assert run.error_params == {"status": "401", "reason": "令牌无效",
                                "refused_code": "api.unauthorized"}
    assert PushRun.objects.count() == 1 and ParentLink.objects.count() == 1


def test_the_city_sends_its_aggregate_on_to_the_province(city: Plan, county_key: str) -> None:
    from halfsky.web.exchange.outbox import outgoing_values

    push(county_key, [value(number=10.0, numerator=1, denominator=10000)])
    [sent] = [v for v in outgoing_values(city) if v.indicator == "孕产妇死亡率"]
    assert (sent.area, sent.year, sent.value, sent.numerator, sent.denominator) == (
        "141000", 2024, 10.0, 1, 10000)
    assert sent.source == "下级数据汇总" and sent.instance == city.code and sent.approved_at


def test_a_pull_that_gets_no_halfsky_values_stores_nothing(city: Plan) -> None:
    from halfsky.web.core.errors import ActionError
    from halfsky.web.exchange.actions.links import do_set_child_source
    from halfsky.web.exchange.sync import pull_from_child
    from halfsky.web.exchange.wire import Reply

    jixian = Area.objects.get(code="141028")
    do_set_child_source(jixian, "http://jixian.example:8000", "hs_county-token", None)

    def answering(body: dict) -> object:
        return lambda method, url, token, payload: Reply(200, body)

    for body in ({"values": [{"plan": "p", "indicator": "i", "area": "141028",
                              "year": "not a year"}]},
                 {"values": [{"plan": "p", "indicator": "i", "area": "141028", "year": 2024,
                              "value": "NaN"}]},
                 {"rows": []}):
        with pytest.raises(ActionError) as refused:
            pull_from_child(jixian, None, transport=answering(body))  # type: ignore[arg-type]
        assert refused.value.code == "exchange.bad_reply"
    assert not Delivery.objects.exists() and not county_values(city)


def test_a_batch_repeating_a_key_is_refused_whole_naming_it(city: Plan, county_key: str) -> None:
    values = [value(), value(year=2023), value(number=12.0, numerator=12, version=2)]
    response = push(county_key, values)
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "exchange.repeated_keys" and body["params"]["count"] == 1
    assert "2024" in body["params"]["keys"] and "2023" not in body["params"]["keys"]
    assert "未保存任何内容" in body["message"]
    assert not county_values(city) and not Delivery.objects.exists()


def test_conflicts_of_a_delivery_make_one_notification(city: Plan, county_key: str) -> None:
    from halfsky.web.core.models import Notification

    area = Area.objects.get(code="141028")
    years = range(2016, 2026)
    for year in years:
        Observation.objects.create(indicator=city.indicators.get(code="H02"), area=area,
                                   year=year, value=11.0, source="市卫健委手工录入")
    response = push(county_key, [value(year=year) for year in years])
    assert response.json()["counts"] == {"conflict": len(years)}
    assert Conflict.objects.count() == len(years)
    notes = Notification.objects.filter(code__startswith="exchange.conflict")
    watchers = notes.values("user").distinct().count()
    assert watchers >= 2 and notes.count() == watchers  # coordinator, statistics bureau
    assert notes.first().params["count"] == len(years)


def test_each_value_goes_to_the_plan_that_tracks_it(city: Plan, county_key: str) -> None:
    """Two plans of the city in force: a value of an indicator only the second tracks is
    stored under the second plan, not listed as unknown by the first."""
    original = load_plan("linfen-sample-women-2021-2025")
    education = [i for i in original.indicators if i.code.startswith("E")]
    rest = tuple(i for i in original.indicators if not i.code.startswith("E"))
    do_load_plan(replace(original, indicators=rest))
    do_load_plan(replace(original, code="linfen-sample-children-2021-2025",
                         title="临汾市儿童发展规划（示例）", indicators=tuple(education)))
    children = Plan.objects.get(code="linfen-sample-children-2021-2025")
    body = push(county_key, [value(), value("小学学龄女童净入学率", number=99.9,
                                            numerator=999, denominator=1000)]).json()
    assert body["counts"] == {"created": 2} and body["unknown"] == []
    assert [o.value for o in county_values(city)] == [10.0]
    assert [o.value for o in county_values(children, "E01")] == [99.9]


def test_a_value_the_entry_form_refuses_refuses_the_batch(city: Plan, county_key: str) -> None:
    response = push(county_key, [
        value(year=2023),
        value(number=-3.0, numerator=None, denominator=None),
        value("小学学龄女童净入学率", number=120.0, numerator=None, denominator=None),
    ])
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == "exchange.refused_values"
    assert "2" in body["message"] and "没有" in body["message"]
    problems = body["params"]["problems"]
    assert [(p["key"], p["code"]) for p in problems] == [
        (f"{NATIONAL}:孕产妇死亡率 141028 2024", "value.below_minimum"),
        (f"{NATIONAL}:小学学龄女童净入学率 141028 2024", "value.above_maximum"),
    ]
    assert problems[0]["message"] == "数值-3低于允许的最小值0。"
    assert not any("目标值" in p["message"] for p in problems)
    assert county_values(city) == [] and Delivery.objects.count() == 0
    # corrected, the same values go in
    assert push(county_key, [value(year=2023), value()]).json()["counts"] == {"created": 2}
