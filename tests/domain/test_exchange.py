"""Shared indicator codes, batches and the decision on a received value."""

from __future__ import annotations

import pytest

from halfsky.domain import exchange
from halfsky.domain.exchange import Decision, ExchangeValue, LocalValue, Receiver
from halfsky.domain.plan import IndicatorMapping
from halfsky.formats.plan_file import load_plan


def local(indicator: str, value: float | None, **extra: object) -> LocalValue:
    fields: dict[str, object] = dict(
        indicator=indicator, area="141028", year=2024, breakdown="", value=value,
        numerator=None, denominator=None, flag="", version=3, approved_at="2025-03-01T00:00:00",
        approved_by="statistics", reason="", source="县卫健局", note="", is_sample=False)
    fields.update(extra)
    return LocalValue(**fields)  # type: ignore[arg-type]


def test_outgoing_sends_mapped_indicators_under_their_shared_code() -> None:
    county = load_plan("jixian-women-2021-2025")
    sent = exchange.outgoing(county, [local("H03", 10.5, numerator=1, denominator=9500),
                                      local("H02", 12.0)])
    # H02 (计划外妊娠率) has no counterpart in the national outline: it stays home.
    assert [(v.plan, v.indicator, v.value, v.numerator) for v in sent] == [
        ("china-women-2021-2030", "孕产妇死亡率", 10.5, 1)]
    assert sent[0].instance == "jixian-women-2021-2025" and sent[0].version == 3


def test_city_and_county_meet_on_the_national_code() -> None:
    county, city = load_plan("jixian-women-2021-2025"), load_plan("linfen-sample-women-2021-2025")
    receiver = Receiver.for_plan(city)
    sent = exchange.outgoing(county, [local(i.code, 1.0) for i in county.indicators])
    received = {receiver.local(v)[0] for v in sent if receiver.local(v) is not None}
    assert received == {"H01", "H02", "H03", "H04", "E01", "D01"}
    # the city's own plan code and indicator code reach the same indicator
    own = ExchangeValue(plan="linfen-sample-women-2021-2025", indicator="H02", area="141028",
                        year=2024, value=9.0)
    assert receiver.local(own) == ("H02", own)


def test_a_received_crossed_breakdown_is_stored_canonically() -> None:
    receiver = Receiver.for_plan(load_plan("linfen-sample-women-2021-2025"))
    sent = ExchangeValue(plan="linfen-sample-women-2021-2025", indicator="H02", area="141028",
                         year=2024, breakdown="urban_rural=rural;sex=female", value=9.0)
    code, received = receiver.local(sent)  # type: ignore[misc]
    assert (code, received.breakdown) == ("H02", "sex=female;urban_rural=rural")


def test_a_factor_converts_units_both_ways() -> None:
    county = load_plan("jixian-women-2021-2025")
    h03 = county.indicator("H03")
    assert h03.maps_to is not None
    scaled = IndicatorMapping(plan=h03.maps_to.plan, indicator=h03.maps_to.indicator,
                                       factor=0.1)
    receiver = Receiver({exchange.SharedCode(h03.maps_to.plan, h03.maps_to.indicator):
                         ("M", scaled.factor)})
    value = ExchangeValue(plan=h03.maps_to.plan, indicator=h03.maps_to.indicator, area="1",
                          year=2024, value=2.5)
    code, converted = receiver.local(value)  # type: ignore[misc]
    assert code == "M" and converted.value == pytest.approx(25.0)


def test_batches_have_content_ids() -> None:
    values = [ExchangeValue(plan="p", indicator=str(i), area="141028", year=2024, value=i)
              for i in range(5)]
    first, again = exchange.batches(values, 2), exchange.batches(list(values), 2)
    assert [len(b.values) for b in first] == [2, 2, 1]
    assert [b.id for b in first] == [b.id for b in again]
    assert len({b.id for b in first}) == 3
    changed = [*values[:4], ExchangeValue(plan="p", indicator="4", area="141028", year=2024,
                                          value=4.5)]
    assert exchange.batches(changed, 2)[2].id != first[2].id
    with pytest.raises(ValueError, match="exchange.bad_batch_size"):
        exchange.batches(values, 0)


@pytest.mark.parametrize(("stored", "stored_version", "applied", "received", "incoming",
                          "version", "want"), [
    (None, None, None, None, 10.0, 1, Decision.CREATE),
    (10.0, 1, 1, 1, 10.0, 1, Decision.UNCHANGED),  # the same version again
    (10.0, 3, 3, 2, 9.0, 1, Decision.OLDER),  # a late, older version
    (10.0, 1, 1, 1, 12.0, 2, Decision.UPDATE),  # a correction
    (10.0, 2, 1, 1, 12.0, 2, Decision.CONFLICT),  # the stored value was edited here since
    (10.0, 4, None, None, 12.0, 1, Decision.CONFLICT),  # stored from another source
    (12.0, 4, None, None, 12.0, 1, Decision.UNCHANGED),  # another source, but the same
])
def test_decide(stored: float | None, stored_version: int | None, applied: int | None,
                received: int | None, incoming: float, version: int, want: Decision) -> None:
    value = ExchangeValue(plan="p", indicator="i", area="a", year=2024, value=incoming,
                          version=version)
    numbers = None if stored is None else (stored, None, None, "")
    assert exchange.decide(value, stored=numbers, stored_version=stored_version,
                           applied_version=applied, received_version=received) is want
