"""Roles: a department user works only on the department's items; menus follow the role."""

from __future__ import annotations

import re

import pytest

PLAN = "jixian-women-2021-2025"


def menu_keys(page: str) -> list[str]:
    return re.findall(r'data-menu="([a-z_]+)"', page)


def indicator_of(department: str):
    from halfsky.web.plans.models import Indicator

    return Indicator.objects.filter(plan__code=PLAN, lead__code=department).first()


def test_reporter_opens_own_department_page(login) -> None:
    response = login("health_reporter").get("/departments/health/")
    assert response.status_code == 200
    assert "孕产妇死亡率" in response.content.decode()


def test_reporter_cannot_open_another_department_page(login) -> None:
    response = login("health_reporter").get("/departments/education/")
    assert response.status_code == 403
    assert "无权访问" in response.content.decode()


def test_department_head_cannot_open_another_department_page(login) -> None:
    assert login("health_head").get("/departments/education/").status_code == 403


def test_reporter_cannot_open_another_department_indicator(login) -> None:
    client = login("health_reporter")
    own, other = indicator_of("health"), indicator_of("education")
    assert client.get(f"/plans/{PLAN}/indicators/{own.code}/").status_code == 200
    assert client.get(f"/plans/{PLAN}/indicators/{other.code}/").status_code == 403


def test_reporter_department_list_holds_only_own_department(login) -> None:
    page = login("education_reporter").get("/departments/").content.decode()
    assert "/departments/education/" in page
    assert "/departments/health/" not in page


@pytest.mark.parametrize("username", ["coordinator", "statistics", "leader", "viewer", "admin"])
def test_plan_wide_roles_open_every_department(login, username: str) -> None:
    client = login(username)
    assert client.get("/departments/health/").status_code == 200
    assert client.get("/departments/education/").status_code == 200


def test_user_without_role_is_refused(login) -> None:
    client = login("stranger")
    assert client.get(f"/plans/{PLAN}/").status_code == 403
    assert client.get("/departments/").status_code == 403
    assert client.get("/departments/health/").status_code == 403


def test_unknown_department_is_not_found(login) -> None:
    assert login("coordinator").get("/departments/no-such-unit/").status_code == 404


@pytest.mark.parametrize(("username", "expected"), [
    ("coordinator", ["dashboard", "plan", "indicators", "departments", "search", "imports", "rounds", "earlier_years", "assessment", "warnings", "reports", "year_reports", "exchange", "admin"]),
    ("statistics", ["dashboard", "plan", "indicators", "departments", "search", "rounds", "assessment", "warnings", "reports", "year_reports", "exchange", "admin"]),
    ("health_reporter", ["dashboard", "plan", "indicators", "my_department", "search", "rounds", "assessment", "warnings", "reports", "year_reports"]),
    ("health_head", ["dashboard", "plan", "indicators", "my_department", "search", "rounds", "assessment", "warnings", "reports", "year_reports"]),
    ("leader", ["dashboard", "plan", "indicators", "departments", "search", "rounds", "assessment", "warnings", "reports", "exchange"]),
    ("viewer", ["dashboard", "plan", "indicators", "departments", "search", "rounds", "assessment", "warnings", "reports", "exchange"]),
    ("admin", ["dashboard", "plan", "indicators", "departments", "search", "imports", "rounds", "earlier_years", "assessment", "warnings", "reports", "year_reports", "exchange", "audit", "lockouts", "admin"]),
])
def test_menu_follows_the_role(login, username: str, expected: list[str]) -> None:
    page = login(username).get(f"/plans/{PLAN}/").content.decode()
    assert menu_keys(page) == expected


def test_only_administrators_and_coordinator_reach_the_admin(login) -> None:
    assert login("admin").get("/admin/orgs/department/").status_code == 200
    assert login("coordinator").get("/admin/").status_code == 200
    assert login("health_reporter").get("/admin/").status_code == 302  # to the admin login


def test_restrict_scopes_indicators_to_the_department(db) -> None:
    from django.contrib.auth import get_user_model

    from halfsky.web.plans.models import Indicator

    users = get_user_model().objects
    reporter = users.get(username="health_reporter")
    visible = Indicator.objects.restrict(reporter)
    assert visible.exists()
    assert all(i.lead.code == "health" or i.supporting.filter(code="health").exists() for i in visible)
    assert Indicator.objects.restrict(users.get(username="viewer")).count() == Indicator.objects.count()
    assert not Indicator.objects.restrict(users.get(username="stranger")).exists()
