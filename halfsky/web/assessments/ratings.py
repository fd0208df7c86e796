"""The evaluation group's goal ratings as an input of the assessment."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from halfsky.web.assessments.models import GoalRating
from halfsky.web.assessments.reassess import request_reassessment
from halfsky.web.plans.models import Goal


@transaction.atomic
def do_rate_goal(goal: Goal, year: int, rating: str, actor: Any) -> GoalRating:
    """Store the rating of ``goal`` in ``year`` and ask for the reassessment it needs.

    The caller (the evaluation review in ``reports``) has checked who may rate
    and which ratings exist; qualitative targets take the rating from ``year`` on,
    so the year and every later assessed one are reassessed (the one rule of
    ``reassess``).
    """
    stored, _created = GoalRating.objects.update_or_create(
        goal=goal, year=year, defaults={"rating": rating, "rated_at": timezone.now()})
    request_reassessment(goal.domain.plan, [year], actor)
    return stored
