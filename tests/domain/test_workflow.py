"""The workflow table: states, transitions, who takes them and the refusal codes."""

from __future__ import annotations

import pytest

from halfsky.domain import workflow
from halfsky.domain.workflow import RoleKind


@pytest.mark.parametrize("flow", workflow.WORKFLOWS, ids=lambda f: f.subject)
def test_every_transition_goes_between_states_of_its_subject(flow: workflow.Workflow) -> None:
    for transition in flow.transitions:
        assert transition.sources <= set(flow.states), transition.name
        assert set(transition.targets) <= set(flow.states), transition.name


@pytest.mark.parametrize("flow", workflow.WORKFLOWS, ids=lambda f: f.subject)
def test_transition_names_are_unique(flow: workflow.Workflow) -> None:
    names = [t.name for t in flow.transitions]
    assert len(names) == len(set(names))


def test_a_task_moves_from_entry_to_review_in_order() -> None:
    assert workflow.TASK.moves("in_progress") == ("edit", "submit")
    assert workflow.TASK.moves("submitted") == ("confirm",)
    assert workflow.TASK.moves("confirmed") == ("review",)
    assert workflow.TASK.moves("approved") == ()


def test_refusals_carry_the_codes_the_actions_report() -> None:
    assert workflow.TASK.refusal("submit", "in_progress") is None
    assert workflow.TASK.refusal("submit", "submitted") == "task.not_editable"
    assert workflow.TASK.refusal("confirm", "in_progress") == "task.not_submitted"
    assert workflow.TASK.refusal("review", "submitted") == "task.not_confirmed"
    assert workflow.VALUE.refusal("reopen", "draft") == "value.not_approved"
    assert workflow.WARNING.refusal("answer", "accepted") == "warning.not_awaiting_answer"
    assert workflow.WARNING.refusal("accept", "open") == "warning.not_answered"
    assert workflow.REPORT.refusal("approve", "draft") == "report.state"
    assert workflow.YEAR_REPORT.refusal("return", "draft") == "year_report.not_submitted"


def test_a_sent_back_warning_is_answered_again() -> None:
    assert workflow.WARNING.allows("answer", "sent_back")
    assert not workflow.WARNING.allows("send_back", "sent_back")


def test_a_report_is_reviewed_approved_then_published() -> None:
    assert workflow.REPORT.transition("review").targets == ("reviewed",)
    assert workflow.REPORT.moves("reviewed") == ("generate", "approve")
    assert workflow.REPORT.moves("published") == ("generate",)


def test_who_takes_each_step() -> None:
    assert workflow.TASK.transition("confirm").who == {RoleKind.DEPARTMENT_HEAD}
    assert workflow.REPORT.transition("approve").who == {RoleKind.LEADERSHIP,
                                                         RoleKind.ADMINISTRATOR}
    assert workflow.YEAR_REPORT.transition("submit").own_department
    assert not workflow.WARNING.transition("resolve").who  # the assessment, no person


def test_an_unknown_transition_is_an_error() -> None:
    with pytest.raises(KeyError):
        workflow.TASK.transition("publish")


def test_an_evaluation_item_state_follows_from_what_it_holds() -> None:
    assert workflow.evaluation_item_state("", "", "") == "open"
    assert workflow.evaluation_item_state("done", "", "") == "written"
    assert workflow.evaluation_item_state("", "implemented", "") == "written"
    assert workflow.evaluation_item_state("done", "implemented", "met") == "rated"
