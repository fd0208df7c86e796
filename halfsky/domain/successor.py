"""The next plan from the old one: which indicators go on as the same series.

When a county's 2026–2030 plan follows its 2021–2025 plan, most indicators go
on: their values form one series (``Indicator.same_as``), the 2025 value being
the old plan's final year and the new plan's baseline. :func:`propose_links`
proposes those links, for review, by code, name and unit — never across
different units — and lists the indicators that ended and the new ones.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass
from enum import Enum

from halfsky.domain.plan import Indicator, Plan, SeriesLink


class LinkReason(Enum):
    """Why a link is proposed, the strongest first."""

    SAME_CODE_AND_NAME = "same_code_and_name"
    SAME_NAME = "same_name"
    SAME_CODE = "same_code"


@dataclass(frozen=True)
class LinkProposal:
    new: str  # the new plan's indicator code
    old: str  # the old plan's indicator code it would share the series of
    name: str  # the new indicator's name
    old_name: str
    unit: str
    reason: LinkReason


@dataclass(frozen=True)
class Proposals:
    old_plan: str
    new_plan: str
    links: tuple[LinkProposal, ...]
    ended: tuple[Indicator, ...]  # in the old plan, going on in none of the new one's
    new: tuple[Indicator, ...]  # in the new plan, without a series from the old one
    kept: tuple[str, ...] = ()  # new codes the file links already (``same_as`` given)


def _name(text: str) -> str:
    """A name as compared: without spaces and with half-width brackets."""
    return "".join(text.split()).replace("（", "(").replace("）", ")")


def propose_links(old: Plan, new: Plan) -> Proposals:
    """The links from ``new``'s indicators to ``old``'s: the same code and name first, then
    the same name, then the same code; each old indicator once, only within one unit.
    Indicators the new plan links already are kept as they are."""
    kept = tuple(i.code for i in new.indicators if i.same_as is not None)
    taken = {i.same_as.indicator for i in new.indicators
             if i.same_as is not None and i.same_as.plan == old.code}
    waiting = [i for i in new.indicators if i.same_as is None]
    found: dict[str, LinkProposal] = {}
    for reason in LinkReason:
        for indicator in waiting:
            if indicator.code in found:
                continue
            match = _match(indicator, old, reason, taken)
            if match is not None:
                taken.add(match.code)
                found[indicator.code] = LinkProposal(
                    new=indicator.code, old=match.code, name=indicator.name,
                    old_name=match.name, unit=indicator.unit, reason=reason)
    links = tuple(found[i.code] for i in waiting if i.code in found)
    return Proposals(
        old_plan=old.code, new_plan=new.code, links=links,
        ended=tuple(i for i in old.indicators if i.code not in taken),
        new=tuple(i for i in waiting if i.code not in found), kept=kept)


def _match(indicator: Indicator, old: Plan, reason: LinkReason, taken: set[str]
           ) -> Indicator | None:
    candidates = [i for i in old.indicators if i.unit == indicator.unit and i.code not in taken]
    same_code = [i for i in candidates if i.code == indicator.code]
    same_name = [i for i in candidates if _name(i.name) == _name(indicator.name)]
    if reason is LinkReason.SAME_CODE_AND_NAME:
        both = [i for i in same_code if i in same_name]
        return both[0] if both else None
    if reason is LinkReason.SAME_NAME:
        return same_name[0] if len(same_name) == 1 else None
    return same_code[0] if same_code else None


def with_links(new: Plan, proposals: Proposals, accepted: Collection[str] | None = None) -> Plan:
    """``new`` with the proposed links written in (``same_as``); ``accepted``: only the links
    of these new indicator codes (None: every proposal)."""
    chosen = {p.new: p for p in proposals.links if accepted is None or p.new in accepted}
    indicators = tuple(
        dataclasses.replace(i, same_as=SeriesLink(plan=proposals.old_plan,
                                                  indicator=chosen[i.code].old))
        if i.code in chosen else i
        for i in new.indicators)
    return dataclasses.replace(new, indicators=indicators)
