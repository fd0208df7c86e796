"""Each vocabulary rule lives once: unit lists in ``domain/units.py``, code-carrying errors
derive from ``domain/errors.py``, the engine's warning codes are stored without renaming."""

from __future__ import annotations

import ast
from pathlib import Path

from halfsky.domain.units import UNITS

PACKAGE = Path(__file__).resolve().parent.parent / "halfsky"
UNITS_HOME = Path("halfsky/domain/units.py")



def _python_files(package: Path) -> list[Path]:
    return sorted(p for p in package.rglob("*.py") if "migrations" not in p.parts)


def unit_tables(path: Path, known: frozenset[str]) -> list[str]:
    """Literals (set, tuple, list, dict keys) that hold two or more units of measure."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            elements = [k for k in node.keys if k is not None]
        elif isinstance(node, ast.Set | ast.Tuple | ast.List):
            elements = list(node.elts)
        else:
            continue
        units = {e.value for e in elements
                 if isinstance(e, ast.Constant) and isinstance(e.value, str)
                 and e.value.strip() in known}
        if len(units) >= 2:
            found.append(f"line {node.lineno}: {sorted(units)}")
    return found


def misplaced_unit_tables(package: Path = PACKAGE) -> dict[Path, list[str]]:
    known = frozenset(UNITS)
    misplaced = {}
    for path in _python_files(package):
        relative = path.relative_to(package.parent)
        if relative == UNITS_HOME:
            continue
        tables = unit_tables(path, known)
        if tables:
            misplaced[relative] = tables
    return misplaced


def test_unit_lists_live_only_in_domain_units() -> None:
    assert misplaced_unit_tables() == {}


def test_a_unit_list_elsewhere_is_found(tmp_path: Path) -> None:
    module = tmp_path / "halfsky" / "domain" / "rates.py"
    module.parent.mkdir(parents=True)
    module.write_text('RATES = frozenset({"%", "‰"})\n\n\ndef is_rate(unit):\n'
                      '    return unit in ("件", "例")\n', encoding="utf-8")
    found = misplaced_unit_tables(tmp_path / "halfsky")
    assert found == {Path("halfsky/domain/rates.py"): [
        "line 1: ['%', '‰']", "line 5: ['件', '例']"]}


def test_one_unit_in_a_literal_is_not_a_list(tmp_path: Path) -> None:
    module = tmp_path / "halfsky" / "formats" / "age.py"
    module.parent.mkdir(parents=True)
    module.write_text('AGE = ("岁", "age")\n', encoding="utf-8")
    assert misplaced_unit_tables(tmp_path / "halfsky") == {}


# --------------------------------------------------------------------------
# Coded errors

def code_assignments(path: Path) -> list[int]:
    """Lines that give an exception its own ``self.code`` (a second coded-error base)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Assign) and any(
                isinstance(t, ast.Attribute) and t.attr == "code"
                and isinstance(t.value, ast.Name) and t.value.id == "self" for t in node.targets)]


def test_only_the_base_class_holds_an_error_code() -> None:
    found = {}
    for path in _python_files(PACKAGE):
        relative = path.relative_to(PACKAGE.parent)
        if relative == Path("halfsky/domain/errors.py"):
            continue
        if lines := code_assignments(path):
            found[relative] = lines
    assert found == {}
