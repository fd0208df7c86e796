"""Summaries over many results: 达标率 per group.

``attainment_rates`` counts, per group (the plan, a domain, a department, an
area — any label per result), the results that are met (``met``,
``target_achieved``, ``target_met``) over

- ``total``: every result, no-data ones included — ``rate_all``, the rate
  official reports print (含无数据指标);
- ``monitored``: the results with data (not ``no_data`` / ``not_available``)
  — ``rate_monitored`` (不含无数据指标).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from halfsky.domain.assessment.codes import (
    MET_STATUSES,
    NO_DATA_STATUSES,
    STATUS_INDEX,
)
from halfsky.domain.assessment.table import SmallArray


@dataclass(frozen=True)
class AttainmentRate:
    group: Any
    met: int
    monitored: int
    total: int
    rate_all: float  # met / total (no-data results in the denominator)
    rate_monitored: float  # met / monitored (NaN when nothing is monitored)


def status_indexes(statuses: Sequence[str] | SmallArray) -> SmallArray:
    """Status codes (strings) or indexes to indexes into ``codes.STATUSES``."""
    array = np.asarray(statuses)
    if array.dtype.kind in "iu":
        return array.astype(np.int8)
    unique, inverse = np.unique(array.astype(str), return_inverse=True)
    unknown = [code for code in unique if code not in STATUS_INDEX]
    if unknown:
        raise ValueError(f"unknown status code {unknown[0]!r}")
    lookup = np.array([STATUS_INDEX[code] for code in unique], dtype=np.int8)
    result: SmallArray = lookup[inverse.reshape(-1)]
    return result


def _codes(table: frozenset[str]) -> list[int]:
    return [STATUS_INDEX[code] for code in table]


def attainment_rates(statuses: Sequence[str] | SmallArray,
                     groups: Sequence[Hashable] | None = None) -> list[AttainmentRate]:
    """达标率 per group (one group, ``None``, when ``groups`` is not given), sorted by group."""
    index = status_indexes(statuses)
    labels = np.asarray(groups if groups is not None else [None] * len(index), dtype=object)
    if len(labels) != len(index):
        raise ValueError("statuses and groups differ in length")
    keys = list(dict.fromkeys(labels.tolist()))
    position = {key: i for i, key in enumerate(keys)}
    group = np.array([position[label] for label in labels.tolist()], dtype=np.int64)
    size = len(keys)
    met = np.bincount(group, np.isin(index, _codes(MET_STATUSES)), size)
    monitored = np.bincount(group, ~np.isin(index, _codes(NO_DATA_STATUSES)), size)
    total = np.bincount(group, minlength=size)
    rates = []
    for i, key in enumerate(keys):
        rates.append(AttainmentRate(
            group=key, met=int(met[i]), monitored=int(monitored[i]), total=int(total[i]),
            rate_all=float(met[i] / total[i]),
            rate_monitored=float(met[i] / monitored[i]) if monitored[i] else float("nan"),
        ))
    return sorted(rates, key=lambda rate: (rate.group is None, str(rate.group)))
