"""Aggregation of children's values up the area hierarchy (county → city → province → nation).

Each indicator has a rule (:class:`~halfsky.domain.plan.Aggregation`):

- ``sum`` — counts: Σ value;
- ``ratio`` — rates: Σ numerator / Σ denominator × per, recomputed from the
  parts; a mean of the children's rates is never taken;
- ``weighted_mean`` — survey estimates: Σ weight·value / Σ weight, the weight
  being the child's population (or a count indicator) given with each row;
- ``none`` — not aggregable: no value, but the count of children that have one.

Everything is computed on columns (:class:`Values`) with NumPy: the rows are
grouped by indicator × parent area × year × breakdown and summed with
``bincount``; no Python loop runs per series or per group.

Each aggregate says how many children contributed, how many the parent has,
which are missing (a child without a usable value: no row, an empty value, a
ratio without its numerator and denominator, a weighted mean without a
weight) and whether it is complete — every child contributed, and none of them
is itself an incomplete aggregate. A value is given over the children that
contributed even when some are missing; the flag says so.

Problems raise :class:`AggregationError` with a code: ``aggregation.unknown_area``,
``aggregation.no_parent``, ``aggregation.unknown_indicator``,
``aggregation.duplicate_value``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from halfsky.domain.errors import CodedError
from halfsky.domain.plan import Aggregation, Area, Plan

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
_KINDS = (Aggregation.SUM, Aggregation.RATIO, Aggregation.WEIGHTED_MEAN, Aggregation.NONE)
_SUM, _RATIO, _WEIGHTED = (_KINDS.index(k) for k in _KINDS[:3])  # positions in _KINDS


class AggregationError(CodedError, ValueError):
    """Values that cannot be aggregated; ``code`` says why."""


@dataclass(frozen=True)
class Rule:
    """How one indicator aggregates; ``per`` is the ratio's multiplier (100 for %)."""

    aggregation: Aggregation
    per: float = 1.0


def rules_for(plan: Plan) -> dict[str, Rule]:
    """The rule of every indicator of a plan (given, or derived from its unit)."""
    return {
        i.code: Rule(i.aggregation_rule, float(i.per) if i.per is not None else 1.0)
        for i in plan.indicators
    }


@dataclass(frozen=True)
class Hierarchy:
    """Areas and their parents: ``parents[code]`` is the parent code, None at the top."""

    parents: Mapping[str, str | None]

    @classmethod
    def from_areas(cls, areas: Iterable[Area]) -> Hierarchy:
        return cls({area.code: area.parent for area in areas})

    def children(self, code: str) -> tuple[str, ...]:
        return tuple(sorted(child for child, parent in self.parents.items() if parent == code))



def _strings(values: Any, size: int) -> NDArray[np.str_]:
    array = np.asarray(values, dtype=np.str_)
    return np.broadcast_to(array, (size,)).copy() if array.ndim == 0 else array


def _floats(values: Any, size: int) -> FloatArray:
    array = np.asarray(values if values is not None else np.nan, dtype=np.float64)
    return np.broadcast_to(array, (size,)).copy() if array.ndim == 0 else array


@dataclass(frozen=True, eq=False)
class Values:
    """Observations as columns, one row each; NaN marks an empty number."""

    indicator: NDArray[np.str_]
    area: NDArray[np.str_]
    year: IntArray
    breakdown: NDArray[np.str_]
    value: FloatArray
    numerator: FloatArray
    denominator: FloatArray
    weight: FloatArray  # weighted_mean: the child's population (or count indicator)
    complete: NDArray[np.bool_]  # False for an aggregate over incomplete children

    @classmethod
    def build(
        cls,
        indicator: Sequence[str],
        area: Sequence[str],
        year: Sequence[int],
        breakdown: Sequence[str] | str = "",
        value: Sequence[float | None] | float | None = None,
        numerator: Sequence[float | None] | float | None = None,
        denominator: Sequence[float | None] | float | None = None,
        weight: Sequence[float | None] | float | None = None,
        complete: Sequence[bool] | bool = True,
    ) -> Values:
        """Columns from sequences; a single value is used for every row."""
        size = len(indicator)
        return cls(
            indicator=_strings(indicator, size),
            area=_strings(area, size),
            year=np.asarray(year, dtype=np.int64),
            breakdown=_strings(breakdown, size),
            value=_floats(value, size),
            numerator=_floats(numerator, size),
            denominator=_floats(denominator, size),
            weight=_floats(weight, size),
            complete=np.broadcast_to(np.asarray(complete, dtype=np.bool_), (size,)).copy(),
        )

    def __len__(self) -> int:
        return len(self.indicator)

    def take(self, rows: NDArray[Any]) -> Values:
        return Values(*(getattr(self, name)[rows] for name in _COLUMNS))

    @staticmethod
    def concatenate(parts: Sequence[Values]) -> Values:
        if not parts:
            return Values.build([], [], [])
        return Values(*(np.concatenate([getattr(p, n) for p in parts]) for n in _COLUMNS))


_COLUMNS = ("indicator", "area", "year", "breakdown", "value", "numerator", "denominator",
            "weight", "complete")  # fmt: skip


@dataclass(frozen=True)
class AggregateRow:
    """One aggregate, for reading one at a time (reports, tests)."""

    indicator: str
    area: str
    year: int
    breakdown: str
    value: float | None
    numerator: float | None
    denominator: float | None
    weight: float | None
    contributed: int
    expected: int
    missing: tuple[str, ...]
    complete: bool


@dataclass(frozen=True, eq=False)
class Aggregates:
    """Aggregates as columns: ``values`` (area = the parent) and the children's coverage."""

    values: Values
    contributed: IntArray  # children with a usable value
    expected: IntArray  # children the parent has
    missing_row: IntArray  # (row, area) pairs: the children missing from each row
    missing_area: NDArray[np.str_]

    def __len__(self) -> int:
        return len(self.values)

    def missing(self, row: int) -> tuple[str, ...]:
        return tuple(str(a) for a in self.missing_area[self.missing_row == row])

    def rows(self) -> Iterator[AggregateRow]:
        v = self.values
        missing: dict[int, list[str]] = {}
        for row, area in zip(self.missing_row.tolist(), self.missing_area.tolist(), strict=True):
            missing.setdefault(row, []).append(area)

        def number(x: float) -> float | None:
            return None if np.isnan(x) else float(x)

        for i in range(len(v)):
            yield AggregateRow(
                str(v.indicator[i]), str(v.area[i]), int(v.year[i]), str(v.breakdown[i]),
                number(v.value[i]), number(v.numerator[i]), number(v.denominator[i]),
                number(v.weight[i]), int(self.contributed[i]), int(self.expected[i]),
                tuple(missing.get(i, ())), bool(v.complete[i]),
            )  # fmt: skip


def _factorize(column: NDArray[Any]) -> tuple[NDArray[Any], IntArray]:
    codes, index = np.unique(column, return_inverse=True)
    return codes, index.astype(np.int64).reshape(-1)


class _Tree:
    """The hierarchy as arrays: sorted codes, parent indices, children in CSR form."""

    def __init__(self, hierarchy: Hierarchy):
        self.codes = np.array(sorted(hierarchy.parents), dtype=np.str_)
        parents = [hierarchy.parents[str(code)] for code in self.codes]
        self.parent = np.array(
            [-1 if p is None else self._index_of(p) for p in parents], dtype=np.int64
        )
        has_parent = self.parent >= 0
        self.n_children = np.bincount(self.parent[has_parent], minlength=len(self.codes))
        self.children = np.flatnonzero(has_parent)[
            np.argsort(self.parent[has_parent], kind="stable")
        ]
        self.offsets = np.concatenate([[0], np.cumsum(self.n_children)]).astype(np.int64)
        self.rank = np.zeros(len(self.codes), dtype=np.int64)  # place among its siblings
        self.rank[self.children] = (
            np.arange(len(self.children)) - self.offsets[self.parent[self.children]]
        )

    def _index_of(self, code: str) -> int:
        position = int(np.searchsorted(self.codes, code))
        if position >= len(self.codes) or self.codes[position] != code:
            raise AggregationError("aggregation.unknown_area", {"area": code})
        return position

    def index(self, areas: NDArray[np.str_]) -> IntArray:
        positions = np.searchsorted(self.codes, areas).astype(np.int64)
        clipped = np.minimum(positions, max(len(self.codes) - 1, 0))
        unknown = (positions >= len(self.codes)) | (self.codes[clipped] != areas)
        if len(areas) and unknown.any():
            raise AggregationError("aggregation.unknown_area", {"area": str(areas[unknown][0])})
        return clipped


def aggregate(values: Values, hierarchy: Hierarchy, rules: Mapping[str, Rule]) -> Aggregates:
    """Aggregate every row to its area's parent: one level up."""
    tree = _Tree(hierarchy)
    area = tree.index(values.area)
    parent = tree.parent[area]
    if len(parent) and (parent < 0).any():
        raise AggregationError("aggregation.no_parent", {"area": str(values.area[parent < 0][0])})
    indicators, indicator = _factorize(values.indicator)
    unknown = [str(code) for code in indicators if str(code) not in rules]
    if unknown:
        raise AggregationError("aggregation.unknown_indicator", {"indicator": unknown[0]})
    kinds = np.array([_KINDS.index(rules[str(c)].aggregation) for c in indicators], dtype=np.int64)
    pers = np.array([rules[str(c)].per for c in indicators], dtype=np.float64)
    years, year = _factorize(values.year)
    breakdowns, breakdown = _factorize(values.breakdown)
    shape = (max(len(indicators), 1), max(len(tree.codes), 1), max(len(years), 1),
             max(len(breakdowns), 1))  # fmt: skip
    child_key = np.ravel_multi_index((indicator, area, year, breakdown), shape)
    keys, counts = np.unique(child_key, return_counts=True)
    if (counts > 1).any():
        first = int(np.flatnonzero(child_key == keys[counts > 1][0])[0])
        raise AggregationError(
            "aggregation.duplicate_value",
            {"indicator": str(values.indicator[first]), "area": str(values.area[first]),
             "year": int(values.year[first]), "breakdown": str(values.breakdown[first])},
        )  # fmt: skip
    group_keys, group = _factorize(
        np.ravel_multi_index((indicator, parent, year, breakdown), shape)
    )
    g_indicator, g_parent, g_year, g_breakdown = np.unravel_index(group_keys, shape)
    size = len(group_keys)
    kind = kinds[indicator]
    finite_value = np.isfinite(values.value)
    usable = np.select(
        [kind == _RATIO, kind == _WEIGHTED],
        [np.isfinite(values.numerator) & np.isfinite(values.denominator),
         finite_value & np.isfinite(values.weight) & (values.weight >= 0)],
        default=finite_value,
    )  # fmt: skip

    def total(column: FloatArray | NDArray[np.bool_]) -> FloatArray:
        sums = np.bincount(group, weights=np.where(usable, column, 0.0), minlength=size)
        return sums.astype(np.float64)

    contributed = total(np.ones(len(values))).astype(np.int64)
    numerator, denominator, weight = (total(values.numerator), total(values.denominator),
                                      total(values.weight))  # fmt: skip
    weighted = total(np.where(usable, values.value * np.where(kind == _WEIGHTED, values.weight, 0.0), 0.0))
    g_kind = kinds[g_indicator]
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.select(
            [g_kind == _SUM, g_kind == _RATIO, g_kind == _WEIGHTED],
            [total(values.value), numerator / denominator * pers[g_indicator], weighted / weight],
            default=np.nan,
        )
    value[(contributed == 0) | ~np.isfinite(value)] = np.nan
    expected = tree.n_children[g_parent].astype(np.int64)
    incomplete = total(~values.complete) > 0
    missing_row, missing_child = _missing(tree, g_parent, group[usable], area[usable])
    nan = np.full(size, np.nan)
    out = Values(
        indicator=indicators[g_indicator],
        area=tree.codes[g_parent],
        year=years[g_year].astype(np.int64),
        breakdown=breakdowns[g_breakdown],
        value=value,
        numerator=np.where(g_kind == _RATIO, numerator, nan),
        denominator=np.where(g_kind == _RATIO, denominator, nan),
        weight=np.where(g_kind == _WEIGHTED, weight, nan),
        complete=(contributed == expected) & ~incomplete,
    )
    return Aggregates(out, contributed, expected, missing_row, tree.codes[missing_child])


def _missing(
    tree: _Tree, g_parent: IntArray, used_group: IntArray, used_area: IntArray
) -> tuple[IntArray, IntArray]:
    """(group, child) pairs of every expected child that gave no usable value.

    The expected children of all groups are laid out one after another; each
    used row marks its own place (its group's start + its rank among its
    siblings), and the unmarked places are the missing children.
    """
    count = tree.n_children[g_parent]
    start = np.cumsum(count) - count
    rows = np.repeat(np.arange(len(g_parent), dtype=np.int64), count)
    within = np.arange(len(rows), dtype=np.int64) - np.repeat(start, count)
    child = tree.children[np.repeat(tree.offsets[g_parent], count) + within]
    used = np.zeros(len(rows), dtype=np.bool_)
    used[start[used_group] + tree.rank[used_area]] = True
    return rows[~used], child[~used]
