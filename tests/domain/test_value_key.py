"""One key type for a value: indicator × area × year × breakdown."""

from __future__ import annotations

from halfsky.domain.aggregation import AggregateRow
from halfsky.domain.exchange import ExchangeValue
from halfsky.domain.value_key import ValueKey, key_of
from halfsky.formats.earlier_years import HistoryRow


def test_a_key_is_the_same_whatever_describes_the_value() -> None:
    sent = ExchangeValue(plan="china", indicator="H13", area="141028", year=2024,
                         breakdown="sex=female", value=1.0)
    imported = HistoryRow(7, "H13", "141028", 2024, "sex=female", value=2.0)
    aggregate = AggregateRow("H13", "141028", 2024, "sex=female", 3.0, None, None, None,
                             1, 1, (), True)
    assert key_of(sent) == key_of(imported) == key_of(aggregate)
    assert key_of(sent) == ValueKey("H13", "141028", 2024, "sex=female")


def test_keys_order_by_indicator_area_year_then_breakdown() -> None:
    keys = [ValueKey("H2", "141028", 2023), ValueKey("H1", "141029", 2020),
            ValueKey("H1", "141028", 2024, "sex=male"), ValueKey("H1", "141028", 2024)]
    assert sorted(keys) == [keys[3], keys[2], keys[1], keys[0]]
    assert ValueKey(3, 7, 2024).breakdown == ""  # database ids in the web
