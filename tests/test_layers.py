"""The layers of DESIGN.md: domain → formats → web; lower layers never import upper ones."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "halfsky"

FORBIDDEN = {
    "domain": ("django", "ninja", "halfsky.formats", "halfsky.web", "halfsky.cli", "yaml", "openpyxl", "docx",
               "matplotlib"),
    "formats": ("django", "ninja", "halfsky.web", "halfsky.cli"),
}


def imported_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


def violations(layer: str, package: Path = PACKAGE) -> list[str]:
    found = []
    for path in sorted((package / layer).rglob("*.py")):
        for name in imported_modules(path):
            for prefix in FORBIDDEN[layer]:
                if name == prefix or name.startswith(prefix + "."):
                    found.append(f"{path.relative_to(package.parent)} imports {name}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_lower_layers_do_not_import_upper_ones(layer: str) -> None:
    assert (PACKAGE / layer).is_dir()
    assert violations(layer) == []


def test_the_check_catches_a_forbidden_import(tmp_path: Path) -> None:
    (tmp_path / "domain").mkdir()
    (tmp_path / "domain" / "bad.py").write_text(
        "from django.db import models\nimport halfsky.formats.plan_file\nimport math\n",
        encoding="utf-8",
    )
    assert violations("domain", tmp_path) == [
        "tmp/domain/bad.py imports django.db".replace("tmp", tmp_path.name),
        "tmp/domain/bad.py imports halfsky.formats.plan_file".replace("tmp", tmp_path.name),
    ]
