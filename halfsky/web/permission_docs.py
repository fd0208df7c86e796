"""``docs/permissions.md``: the permission table and the pages and endpoints it guards,
role by role, generated from the table itself (``docs/permissions_table.py`` writes it;
a test keeps the committed file equal to what this module makes).

A page's gate is the permission of its ``permission_required`` decorator; the other
permissions a page or an endpoint asks (on its object, or for a POST) are found by
reading its code (and the functions it calls, one level down): the names of the
table that appear in it.
"""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from halfsky.web.api import api
from halfsky.web.orgs.permissions import DEPARTMENT_ROLES, TABLE, may
from halfsky.web.orgs.roles import Role

OBJECT_RULES = {"own_department": "own department", "may_see_item": "own department",
                "started_the_job": "own", "owns_the_token": "own"}


def sample_user(role: Role) -> Any:
    """A stand-in user of ``role`` (no superuser): what the table says of the role."""
    profile = SimpleNamespace(role=role.value, department=SimpleNamespace(pk=0))
    return SimpleNamespace(pk=0, is_authenticated=True, is_active=True, is_superuser=False,
                           profile=profile)


def answer(permission: str, role: Role) -> str:
    """"yes", "own department", "own" or "—": the table's answer for the role."""
    predicate = TABLE[permission][0]
    rules_named = [words for name, words in OBJECT_RULES.items() if name in predicate.name]
    if may(sample_user(role), permission):
        if role in DEPARTMENT_ROLES and "own department" in rules_named:
            return "own department"
        return "yes"
    return "own" if "own" in rules_named else "—"


def _callee(function: Callable[..., Any], node: ast.expr) -> Any:
    names = function.__globals__
    if isinstance(node, ast.Name):
        return names.get(node.id)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        return getattr(names.get(node.value.id), node.attr, None)
    return None


def asked(function: Callable[..., Any], depth: int = 1) -> list[str]:
    """The permissions of the table named in ``function`` (and in what it calls)."""
    function = inspect.unwrap(function)
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(function)))
    except (OSError, TypeError):
        return []
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value in TABLE:
            found.append(node.value)
        elif depth and isinstance(node, ast.Call):
            callee = _callee(function, node.func)
            if inspect.isfunction(callee) and callee.__module__.startswith("halfsky.web"):
                found.extend(asked(callee, depth - 1))
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class Page:
    route: str
    name: str
    gate: str | None
    asks: tuple[str, ...]


def _patterns(resolver: URLResolver, prefix: str = "", space: str = "") -> Iterator[Page]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{space}{entry.namespace}:" if entry.namespace else space
            yield from _patterns(entry, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.callback.__module__.startswith("halfsky."):
            gate = getattr(entry.callback, "required_permission", None)
            asks = tuple(p for p in asked(entry.callback) if p != gate)
            yield Page("/" + prefix + str(entry.pattern), f"{space}{entry.name or ''}", gate,
                       asks)


def pages() -> list[Page]:
    return sorted(_patterns(get_resolver()), key=lambda page: page.route)


def endpoints() -> list[Page]:
    rows = []
    for prefix, router in api._routers:
        for path, operations in router.path_operations.items():
            for operation in operations.operations:
                permissions = asked(operation.view_func)
                route = f"/api/{prefix.strip('/')}/{path.lstrip('/')}".replace("//", "/")
                rows.append(Page(route, " ".join(operation.methods), None, tuple(permissions)))
    return sorted(rows, key=lambda page: (page.route, page.name))


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def markdown() -> str:
    roles = list(Role)
    role_names = [f"`{r.value}`" for r in roles]
    lines = ["# Who may do what", "",
             "Generated from the permission table (`halfsky/web/orgs/permissions.py`, whose",
             "state changes come from the workflow table `halfsky/domain/workflow.py`) by",
             "`.venv/bin/python docs/permissions_table.py`; do not edit by hand.",
             "“own department”: a department's reporter or head, on the department's items;",
             "“own”: on what the user made. The administrator account is a Django superuser;",
             "the table (not Django's superuser rule) decides what it may do here.", "",
             "## Permissions", "",
             _row(["Permission", "Allows", *role_names]),
             _row(["---"] * (len(roles) + 2))]
    for name, (_predicate, words) in TABLE.items():
        lines.append(_row([f"`{name}`", words, *[answer(name, r) for r in roles]]))
    lines += ["", "A department that *supports* an indicator (named beside its lead department) "
              "reads that indicator's values, also those in the lead department's task of a "
              "round, with their history (who entered and changed them): the plan makes it "
              "answerable for the indicator too. It never changes them, takes no step of the "
              "lead department's task and does not open that task's page (decided in issue 15; "
              "`tests/web/test_known_bad_inputs.py`).", "",
              "Permission is asked before input is read: a page or endpoint a user may not use "
              "answers 403 or 404 whatever was sent; only then are the parameters validated "
              "(400 or 422 for invalid input, never 500). `tests/web/test_authorisation_matrix.py` "
              "checks every URL pattern × role × GET/POST against this table."]
    lines += ["", "## Pages", "",
              "The gate is asked before the page is built (403 when refused); "
              "“also asks” are checked on the page's object or for its forms.", "",
              _row(["Page", "Name", "Gate", "Also asks", *role_names]),
              _row(["---"] * (len(roles) + 4))]
    for page in pages():
        if page.gate is None and not page.asks:
            continue
        cells = [answer(page.gate, r) if page.gate else "" for r in roles]
        lines.append(_row([f"`{page.route}`", f"`{page.name}`",
                           f"`{page.gate}`" if page.gate else "",
                           ", ".join(f"`{p}`" for p in page.asks), *cells]))
    open_pages = [page.name for page in pages() if page.gate is None and not page.asks]
    lines += ["", "Pages that ask no permission (any signed-in user, or public): "
              + ", ".join(f"`{name}`" for name in open_pages if name) + ".", "",
              "## API endpoints", "",
              "Every endpoint but the delivery of a township's values (its own token) "
              "answers 403 to a user without a role (`orgs.use_site`). The state changes "
              "(`do_*` actions) ask the workflow's permissions (`data.submit_task` …) "
              "themselves.", "",
              _row(["Endpoint", "Method", "Asks"]), _row(["---"] * 3)]
    for endpoint in endpoints():
        lines.append(_row([f"`{endpoint.route}`", endpoint.name,
                           ", ".join(f"`{p}`" for p in endpoint.asks)]))
    return "\n".join(lines) + "\n"
