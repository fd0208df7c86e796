"""Validation rules are data: a setting per indicator changes what the checks say."""

from __future__ import annotations

from halfsky.web.plans.models import Indicator, Plan
from halfsky.web.values.checks import rules_for
from halfsky.web.values.models import ValidationRule

PLAN = "jixian-women-2021-2025"


def test_defaults_come_from_the_unit(db) -> None:
    rules = rules_for(Plan.objects.get(code=PLAN))
    assert rules["H12"].maximum == 100  # a percentage
    assert rules["L01"].integer  # a count of cases


def test_a_stored_rule_overrides_the_default(db) -> None:
    ValidationRule.objects.create(indicator=Indicator.objects.get(code="H12"), maximum=80,
                                  plausible_low=30, yoy_change=0.2, required=False)
    rules = rules_for(Plan.objects.get(code=PLAN))["H12"]
    assert (rules.maximum, rules.plausible_low, rules.yoy_change, rules.required) == (80, 30, 0.2, False)
    assert rules.minimum == 0  # untouched fields keep the default


def test_the_statistics_bureau_edits_rules_in_the_admin(login) -> None:
    assert login("statistics").get("/admin/data/validationrule/add/").status_code == 200
    assert login("coordinator").get("/admin/data/validationrule/add/").status_code == 403
    assert login("health_reporter").get("/admin/data/validationrule/").status_code == 302
