"""The permission table: who may do what per role and per object, its one home, and
the generated docs/permissions.md agreeing with it and with the pages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from halfsky.domain.workflow import RoleKind

ROOT = Path(__file__).resolve().parents[3]
HOMES = {"halfsky/web/orgs/permissions.py", "halfsky/domain/workflow.py"}
ROLE_CLASSES = {"Role", "RoleKind"}
USERS = {"coordinator": "coordinator", "monitoring_lead": "statistics",
         "reporter": "health_reporter", "department_head": "health_head",
         "leadership": "leader", "viewer": "viewer", "administrator": "admin"}


def _is_role(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
            and node.value.id in ROLE_CLASSES)


def role_sets(source: str) -> list[int]:
    """Lines that write a set of roles: ``{Role.A, …}``, ``frozenset(…Role…)``, or a list
    or tuple of two roles or more (a single role, ``[Role.REPORTER]``, is no set)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Set) and any(_is_role(e) for e in node.elts):
            lines.append(node.lineno)
        elif isinstance(node, ast.List | ast.Tuple) and sum(map(_is_role, node.elts)) >= 2:
            lines.append(node.lineno)
        elif (isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"set", "frozenset"}
              and any(_is_role(n) for arg in node.args for n in ast.walk(arg))):
            lines.append(node.lineno)
    return lines


def test_the_scan_finds_each_way_of_writing_a_role_set() -> None:
    assert role_sets("X = {Role.COORDINATOR, Role.ADMINISTRATOR}") == [1]
    assert role_sets("X = frozenset([Role.VIEWER])") == [1]
    assert role_sets("ok = role in (Role.COORDINATOR, Role.ADMINISTRATOR)") == [1]
    assert role_sets("notify(users_with([Role.REPORTER]), 'x')") == []


def test_no_role_set_outside_its_home() -> None:
    found = []
    for path in sorted((ROOT / "halfsky").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in HOMES or "/migrations/" in name:
            continue
        found += [f"{name}:{line}" for line in role_sets(path.read_text("utf-8"))]
    assert found == []


def test_the_workflow_names_the_roles_of_the_web() -> None:
    from halfsky.web.orgs.roles import Role

    assert {r.value for r in RoleKind} == set(Role.values)


@pytest.fixture
def user(db):
    from django.contrib.auth import get_user_model

    return lambda role: get_user_model().objects.get(username=USERS[role])


@pytest.fixture
def health(db):
    from halfsky.web.orgs.models import Department

    return Department.objects.get(code="health")


@pytest.fixture
def education(db):
    from halfsky.web.orgs.models import Department

    return Department.objects.get(code="education")


def test_a_department_writes_only_its_own_yearly_report(user, health, education) -> None:
    from halfsky.web.orgs.permissions import may_take

    assert may_take(user("reporter"), "year_report", "write", health)
    assert not may_take(user("reporter"), "year_report", "write", education)
    assert not may_take(user("reporter"), "year_report", "submit", health)
    assert may_take(user("department_head"), "year_report", "submit", health)
    assert not may_take(user("coordinator"), "year_report", "write", health)
    assert may_take(user("coordinator"), "year_report", "return")


def test_only_the_own_departments_task_is_edited(user, health, education) -> None:
    import datetime

    from halfsky.web.orgs.permissions import may
    from halfsky.web.values.models import Round, Task

    round_ = Round.objects.create(year=2025,
                                  deadline=datetime.date(2026, 3, 1))
    own = Task.objects.create(round=round_, department=health)
    other = Task.objects.create(round=round_, department=education)
    assert may(user("reporter"), "data.edit_task", own)
    assert not may(user("reporter"), "data.edit_task", other)
    assert may(user("reporter"), "data.view_task", own)
    assert not may(user("reporter"), "data.view_task", other)
    assert may(user("viewer"), "data.view_task", other)
    assert not may(user("viewer"), "data.edit_task", other)


def test_the_administrator_is_held_to_the_table_not_to_django_superuser(user) -> None:
    from halfsky.web.orgs.permissions import may

    admin = user("administrator")
    assert admin.is_superuser and admin.has_perm("data.edit_task")  # Django's rule
    assert not may(admin, "data.edit_task")
    assert not may(admin, "assessments.answer_warning")
    assert may(admin, "data.review_task") and may(admin, "reports.approve_report")


@pytest.mark.parametrize(("permission", "allowed"), [
    ("reports.approve_report", {"leadership", "administrator"}),
    ("data.reopen_value", {"coordinator", "monitoring_lead", "administrator"}),
    ("exchange.view_exchange", {"coordinator", "monitoring_lead", "leadership", "viewer",
                                "administrator"}),
    ("orgs.use_admin", {"coordinator", "monitoring_lead", "administrator"}),
    ("tokens.revoke_token", {"administrator"}),
    ("orgs.change_accounts", {"administrator"}),
])
def test_role_level_answers(user, permission, allowed) -> None:
    from halfsky.web.orgs.permissions import may

    assert {role for role in USERS if may(user(role), permission)} == allowed


def test_a_job_is_followed_by_its_starter_and_the_admin_roles(user) -> None:
    from halfsky.web.jobs.models import Job
    from halfsky.web.orgs.permissions import may

    job = Job.objects.create(kind="report.generate", created_by=user("viewer"))
    assert may(user("viewer"), "jobs.view_job", job)
    assert not may(user("leadership"), "jobs.view_job", job)
    assert may(user("monitoring_lead"), "jobs.view_job", job)


def test_restrict_filters_by_id_subquery_without_distinct(user) -> None:
    from halfsky.web.plans.models import Indicator

    rows = Indicator.objects.restrict(user("reporter"))
    sql = str(rows.query).upper()
    assert "DISTINCT" not in sql and " IN (SELECT" in sql
    codes = list(rows.values_list("code", flat=True))
    assert codes and len(codes) == len(set(codes))
    assert set(codes) == set(Indicator.objects.filter(
        lead__code="health").values_list("code", flat=True)) | set(Indicator.objects.filter(
            supporting__code="health").values_list("code", flat=True))
    assert rows.count() < Indicator.objects.count()


def test_the_committed_table_is_the_generated_one(db) -> None:
    from halfsky.web.permission_docs import markdown

    committed = (ROOT / "docs" / "permissions.md").read_text("utf-8")
    assert committed == markdown(), "run .venv/bin/python docs/permissions_table.py"


SAMPLE = {"home", "imports:list", "earlier_years:upload", "exchange:index", "exchange:conflicts",
          "exchange:sdmx", "reports:index", "departments:list", "tokens:list", "plans:overview"}


def test_the_table_agrees_with_what_the_pages_answer(login) -> None:
    from halfsky.web.orgs.roles import Role
    from halfsky.web.permission_docs import answer, pages

    sample = [p for p in pages() if p.name in SAMPLE and p.gate]
    assert {p.name for p in sample} == SAMPLE
    disagreements = []
    for role, username in USERS.items():
        client = login(username)
        for page in sample:
            route = page.route.replace("<slug:plan>", "jixian-women-2021-2025")
            refused = client.get(route).status_code == 403
            if refused != (answer(page.gate, Role(role)) == "—"):
                disagreements.append((role, page.name, refused))
    assert disagreements == []
