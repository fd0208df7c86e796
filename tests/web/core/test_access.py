"""The one 403 guard: pages answer 403 through ``core.access``, and no other module
builds a refusal of its own."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
HOMES = {"halfsky/web/core/access.py", "halfsky/web/orgs/permissions.py"}
PLAN = "jixian-women-2021-2025"


def forbidden_guards(source: str) -> list[int]:
    """Lines that build a 403: ``PermissionDenied(…)``, ``HttpResponseForbidden``, 403."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        name = node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", None)
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called == "PermissionDenied":
                lines.append(node.lineno)
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Name | ast.Attribute):
            if getattr(node.exc, "id", getattr(node.exc, "attr", "")) == "PermissionDenied":
                lines.append(node.lineno)
        elif name == "HttpResponseForbidden":
            lines.append(node.lineno)
        elif isinstance(node, ast.Constant) and node.value == 403 and type(node.value) is int:
            lines.append(node.lineno)
    return lines


def test_the_scan_finds_each_kind_of_guard() -> None:
    assert forbidden_guards("raise PermissionDenied('no role')") == [1]
    assert forbidden_guards("raise PermissionDenied") == [1]
    assert forbidden_guards("x = 1\nanswer = HttpResponseForbidden()") == [2]
    assert forbidden_guards("render(r, 't', status=403)") == [1]
    assert forbidden_guards("deny('no role')\n'''answers 403'''") == []


def test_no_403_guard_outside_its_home() -> None:
    found = []
    for path in sorted((ROOT / "halfsky").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name in HOMES or "/migrations/" in name:
            continue
        found += [f"{name}:{line}" for line in forbidden_guards(path.read_text("utf-8"))]
    assert found == []


def test_core_imports_no_other_web_app() -> None:
    for path in (ROOT / "halfsky" / "web" / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("halfsky.web.") or node.module.startswith(
                    "halfsky.web.core"), f"{path.name}: {node.module}"


def test_a_gated_page_names_its_permission() -> None:
    from halfsky.web.imports.views import draft_list

    assert draft_list.required_permission == "imports.import_plan"


@pytest.mark.parametrize(("username", "status"), [("coordinator", 200), ("admin", 200),
                                                  ("statistics", 403), ("viewer", 403)])
def test_the_gate_answers_403_to_roles_the_table_refuses(login, username, status) -> None:
    assert login(username).get("/imports/").status_code == status


def test_a_user_without_role_gets_403_on_the_plan(login, django_user_model) -> None:
    from django.test import Client

    client = Client()
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    assert client.get(f"/plans/{PLAN}/").status_code == 403
    assert client.get("/rounds/").status_code == 403
