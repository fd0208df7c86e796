"""The plan's approved values as SDMX: observations, data messages and the structure.

Every approved value of the current plan is exported — every area (the
region, townships, sample areas) and every breakdown — as an
:class:`~halfsky.formats.sdmx.SdmxObservation`: the plan's own indicator
code, the indicator's unit, OBS_STATUS from the value's flag (approved
values without a flag are ``A``), SOURCE, COMMENT (the value's note) and
PROVENANCE naming this instance (the plan code), the approval (the latest
approving step: action, user, time in UTC) and, for demo values,
示例数据（非官方统计）. The same stored values always give the same bytes:
the messages are dated by the latest approval among them, not by the clock.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from halfsky.domain.plan import Area as DomainArea
from halfsky.domain.plan import AreaLevel
from halfsky.formats.sdmx import (
    ObservationStatus,
    SdmxObservation,
    structure_for,
    write_sdmx_csv,
    write_sdmx_json,
    write_structure_xml,
)
from halfsky.web.exchange.outbox import latest_approvals
from halfsky.web.plans.models import Plan
from halfsky.web.plans.queries import domain_plan
from halfsky.web.values.models import Observation, ValueChange, ValueFlag, ValueStatus

SAMPLE_MARK = "示例数据（非官方统计）"
INSTANCE_PREFIX = "HalfSky"
STATUS_BY_FLAG = {
    ValueFlag.NONE: ObservationStatus.APPROVED,
    ValueFlag.PROVISIONAL: ObservationStatus.PROVISIONAL,
    ValueFlag.ESTIMATED: ObservationStatus.ESTIMATED,
    ValueFlag.NOT_APPLICABLE: ObservationStatus.NOT_APPLICABLE,
}
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)  # the date of an export with no values at all


@dataclass(frozen=True)
class Export:
    """What one download holds: the observations, the areas they use and the message date."""

    plan: Plan
    observations: Sequence[SdmxObservation]
    areas: Sequence[DomainArea]
    prepared: datetime

    @property
    def message_id(self) -> str:
        return f"HALFSKY_{self.plan.code}_{self.prepared:%Y%m%dT%H%M%S}"


def approved_values(plan: Plan, years: Iterable[int] = ()) -> list[Observation]:
    """The plan's approved values, all areas and breakdowns, in a stable order."""
    rows = Observation.objects.filter(status=ValueStatus.APPROVED)
    wanted = sorted(set(years))
    if wanted:
        rows = rows.filter(year__in=wanted)
    return sorted(rows.seen_by(plan), key=lambda o: (
        o.indicator.position, o.indicator.code, o.area.code, o.breakdown, o.year))


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def provenance(plan: Plan, observation: Observation, approval: ValueChange | None) -> str:
    """``HalfSky jixian-women-2021-2025; approve statistics 2025-03-01T00:00:00+00:00``."""
    parts = [f"{INSTANCE_PREFIX} {plan.code}"]
    if approval is not None:
        who = approval.actor.get_username() if approval.actor else "-"
        parts.append(f"{approval.action} {who} {_utc(approval.at)}")
    else:
        parts.append(f"approved {_utc(observation.updated_at)}")
    if observation.is_sample:
        parts.append(SAMPLE_MARK)
    return "; ".join(parts)


def to_sdmx(plan: Plan, observation: Observation, approval: ValueChange | None
            ) -> SdmxObservation:
    return SdmxObservation(
        indicator=observation.indicator.code, area=observation.area.code, year=observation.year,
        breakdown=observation.breakdown, value=observation.value,
        numerator=observation.numerator, denominator=observation.denominator,
        unit=observation.indicator.unit,
        status=STATUS_BY_FLAG.get(ValueFlag(observation.flag), ObservationStatus.APPROVED),
        source=observation.source, comment=observation.note,
        provenance=provenance(plan, observation, approval),
    )


def collect(plan: Plan, years: Iterable[int] = ()) -> Export:
    rows = approved_values(plan, years)
    approvals = latest_approvals(rows)
    observations = [to_sdmx(plan, row, approvals.get(row.pk)) for row in rows]
    areas = {row.area.code: DomainArea(row.area.code, row.area.name, AreaLevel(row.area.level),
                                       is_sample=row.area.is_sample) for row in rows}
    moments = [change.at for change in approvals.values()]
    moments += [row.updated_at for row in rows if row.pk not in approvals]
    prepared = max(moments, default=_EPOCH).astimezone(UTC).replace(microsecond=0)
    return Export(plan, observations, [areas[code] for code in sorted(areas)], prepared)


def structure(export: Export) -> bytes:
    """The SDMX-ML 2.1 structure message for the exported values."""
    found = structure_for(domain_plan(export.plan), export.areas, export.observations)
    return write_structure_xml(found, prepared=export.prepared,
                               message_id=f"{export.message_id}_STRUCTURE")


def data_csv(export: Export) -> str:
    return write_sdmx_csv(export.observations)


def data_json(export: Export) -> str:
    found = structure_for(domain_plan(export.plan), export.areas, export.observations)
    return write_sdmx_json(export.observations, message_id=export.message_id,
                           prepared=export.prepared, structure=found)
