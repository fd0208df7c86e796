"""The shape of the code: no import cycle among files, and imports at the top of a file.

The order of layers and apps itself is import-linter's contracts in
pyproject.toml (``lint-imports``, run by ``make test``); the tests here check
what a contract cannot say, and that the contracts are still there.
"""

from __future__ import annotations

import ast
import sys
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "halfsky"
APP_ORDER = ["core", "audit", "orgs", "jobs", "plans", "values", "assessments"]


def import_cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.get(module, ()):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                cycles.append(sorted(group))

    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10_000))
    try:
        for module in sorted(graph):
            if module not in index:
                visit(module)
    finally:
        sys.setrecursionlimit(limit)
    return cycles


def halfsky_graph() -> dict[str, set[str]]:
    # Imports only for type checking (under ``if TYPE_CHECKING``) do not run: not a cycle.
    graph = grimp.build_graph("halfsky", cache_dir=None, exclude_type_checking_imports=True)
    modules = {m for m in graph.modules if "migrations" not in m}
    # A package's __init__ that re-exports its modules is not a cycle with them.
    return {m: {i for i in graph.find_modules_directly_imported_by(m)
                if i in modules and not m.startswith(i + ".")} for m in modules}


def test_no_import_cycle_among_files() -> None:
    assert import_cycles(halfsky_graph()) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert import_cycles(graph) == [["a", "b", "c"]]


def _says_why(lines: list[str], node: ast.Import | ast.ImportFrom) -> bool:
    """A comment on the import's line, or above the group of imports it belongs to."""
    if "#" in lines[node.lineno - 1]:
        return True
    above = node.lineno - 2
    while above >= 0 and (not lines[above].strip()
                          or lines[above].strip().startswith(("from ", "import ", ")"))
                          or lines[above].strip().endswith(",")):
        above -= 1
    return above >= 0 and lines[above].strip().startswith("#")


def function_imports_without_reason(path: Path, root: Path = ROOT) -> list[str]:
    """Imports inside a function with no comment on their line or the line above."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    found = []
    for function in ast.walk(ast.parse(text)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom) and not _says_why(lines, node):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return sorted(set(found))


def test_imports_inside_functions_say_why() -> None:
    found = [place for path in sorted(PACKAGE.rglob("*.py")) if "migrations" not in path.parts
             for place in function_imports_without_reason(path)]
    assert found == []


def test_the_reason_check_finds_an_import_without_a_comment(tmp_path: Path) -> None:
    module = tmp_path / "late.py"
    module.write_text("def f():\n    import os\n\n    # Django is set up by now\n"
                      "    import django\n    from django import db\n    import sys  # why\n"
                      "    db.close()\n    import json\n", encoding="utf-8")
    assert function_imports_without_reason(module, tmp_path) == ["late.py:2", "late.py:9"]


def test_the_contracts_cover_the_layers_and_the_apps() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = [c["layers"] for c in contracts if c["type"] == "layers"]
    assert ["halfsky.cli", "halfsky.web", "halfsky.formats", "halfsky.domain"] in layers
    apps = next(layer for layer in layers if "halfsky.web.core" in layer)
    named = " ".join(apps)
    positions = [named.index(f"halfsky.web.{app}") for app in APP_ORDER]
    assert positions == sorted(positions, reverse=True)
    forbidden = {c["source_modules"][0]: set(c["forbidden_modules"])
                 for c in contracts if c["type"] == "forbidden"}
    assert {"django", "yaml", "openpyxl"} <= forbidden["halfsky.domain"]
    assert "django" in forbidden["halfsky.formats"]
