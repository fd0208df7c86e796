"""实现程度 is shown only where it measures a distance travelled."""

from __future__ import annotations

from halfsky.domain.achievement import achievement_shown, judgement
from halfsky.domain.targets import Comparator, Target, TargetKind


def cap(level: float) -> Target:
    return Target(kind=TargetKind.THRESHOLD, comparator=Comparator.LE, value=level, year=2025,
                  unit="%")


def floor(level: float) -> Target:
    return Target(kind=TargetKind.THRESHOLD, comparator=Comparator.GE, value=level, year=2025,
                  unit="%")


def test_a_met_target_shows_met_never_a_negative_percentage() -> None:
    shown = achievement_shown(cap(2.5), "met", 0.0, -1.522)
    assert shown.kind == "met" and shown.ratio is None


def test_a_cap_the_baseline_already_met_has_no_percentage() -> None:
    assert achievement_shown(cap(2.5), "at_risk", 1.0, -0.5).kind == "none"


def test_a_level_still_to_reach_shows_the_distance_travelled() -> None:
    shown = achievement_shown(floor(95.0), "expected_to_meet", 90.3, 0.872)
    assert (shown.kind, shown.ratio) == ("percent", 0.872)


def test_directional_targets_have_no_percentage() -> None:
    target = Target(kind=TargetKind.INCREASE, year=2025)
    assert achievement_shown(target, "at_risk", 10.0, 0.3).kind == "none"
    assert achievement_shown(None, "at_risk", 10.0, 0.3).kind == "none"


def test_a_value_meeting_its_cap_is_met_whatever_the_small_numbers() -> None:
    assert judgement("insufficient_evidence", cap(2.5), 0.0) == "met"
    assert judgement("insufficient_evidence", cap(2.5), 2.5) == "met"


def test_small_numbers_still_undecide_a_value_that_misses_or_a_direction() -> None:
    assert judgement("insufficient_evidence", cap(2.5), 3.1) == "insufficient_evidence"
    assert judgement("insufficient_evidence", None, 0.0) == "insufficient_evidence"
    increase = Target(kind=TargetKind.INCREASE, year=2025)
    assert judgement("insufficient_evidence", increase, 5.0) == "insufficient_evidence"
    assert judgement("insufficient_evidence", cap(2.5), None) == "insufficient_evidence"


def test_other_statuses_are_the_engines() -> None:
    assert judgement("at_risk", cap(2.5), 3.0) == "at_risk"
    assert judgement("expected_to_meet", floor(95.0), 90.0) == "expected_to_meet"
