"""Multi-level aggregation in one instance (county → city → province), for the tests.

The product aggregates one level per instance (each level runs its own
instance and the exchange carries aggregates upward); the tests use this to
check that aggregating level by level gives the same figures as the loop
cross-check.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from halfsky.domain.aggregation import (
    Aggregates,
    AggregationError,
    Hierarchy,
    Rule,
    Values,
    _Tree,
    aggregate,
)


def depths(hierarchy: Hierarchy) -> dict[str, int]:
    """Distance of each area from the top (the nation, or the highest area known)."""
    found: dict[str, int] = {}
    for code in hierarchy.parents:
        chain: list[str] = []
        current: str | None = code
        while current is not None and current not in found:
            if current in chain:
                raise AggregationError("aggregation.cycle", {"area": current})
            chain.append(current)
            current = hierarchy.parents.get(current)
        depth = -1 if current is None else found[current]
        for area in reversed(chain):
            depth += 1
            found[area] = depth
    return found


def aggregate_up(
    values: Values, hierarchy: Hierarchy, rules: Mapping[str, Rule]
) -> list[Aggregates]:
    """Aggregate level by level to the top, lowest level first.

    The input rows used are those of areas without children in the hierarchy
    (counties, or townships when they are given); an area with children gets
    the aggregate of its children, and that aggregate is what its own parent
    aggregates. Values reported for an area that has children are not mixed in.
    """
    area_depths = depths(hierarchy)
    tree = _Tree(hierarchy)
    area_depth = np.array([area_depths[str(code)] for code in tree.codes], dtype=np.int64)
    index = tree.index(values.area)
    leaf = tree.n_children[index] == 0
    levels: list[Aggregates] = []
    carried = Values.build([], [], [])
    for depth in range(int(area_depth.max(initial=0)), 0, -1):
        at_depth = values.take(np.flatnonzero(leaf & (area_depth[index] == depth)))
        current = Values.concatenate([at_depth, carried])
        if len(current) == 0:
            carried = current
            continue
        level = aggregate(current, hierarchy, rules)
        levels.append(level)
        carried = level.values
    return levels
