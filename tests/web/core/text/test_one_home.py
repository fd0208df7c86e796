"""User text has one home: no web module outside ``halfsky/web/core/text`` keeps a table of
sentences (a dict mapping message codes such as ``value.locked`` to translated strings)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

WEB = Path(__file__).resolve().parents[4] / "halfsky" / "web"
HOME = WEB / "core" / "text"
CODE = re.compile(r"^[a-z_]+(\.[a-z0-9_]+)+$")  # value.locked, report.step.pdf
TRANSLATING = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy",
               "ngettext", "ngettext_lazy", "npgettext", "npgettext_lazy"}


def _translated(node: ast.expr) -> bool:
    if not isinstance(node, ast.Call):
        return False
    name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
    return name in TRANSLATING


def sentence_tables(source: str) -> list[str]:
    """The message codes that a module maps to translated strings in a dict literal."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            found += [key.value for key, value in zip(node.keys, node.values, strict=True)
                      if isinstance(key, ast.Constant) and isinstance(key.value, str)
                      and CODE.match(key.value) and _translated(value)]
    return found


def test_the_check_finds_a_sentence_table() -> None:
    source = ('from django.utils.translation import gettext_lazy as _\n'
              'ERRORS = {"report.year": _("The year is outside the plan period."), "a": 1}\n'
              'LABELS = {"draft": _("Draft")}\n')
    assert sentence_tables(source) == ["report.year"]


def test_no_module_outside_core_text_defines_sentences() -> None:
    offenders = {
        str(path.relative_to(WEB)): codes
        for path in sorted(WEB.rglob("*.py"))
        if HOME not in path.parents and "migrations" not in path.parts
        and (codes := sentence_tables(path.read_text(encoding="utf-8")))
    }
    assert offenders == {}


def test_the_old_homes_of_text_are_gone() -> None:
    old = ["sentences.py", "data/labels.py", "data/words.py", "assessments/labels.py",
           "plans/labels.py", "plans/target_words.py", "reports/phrases.py",
           "reports/messages.py", "imports/messages.py", "jobs/messages.py", "exchange/words.py"]
    assert [name for name in old if (WEB / name).exists()] == []


def test_core_text_imports_no_other_web_app() -> None:
    imported = set()
    for path in HOME.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
    assert sorted(name for name in imported if name.startswith("halfsky.web")
                  and not name.startswith("halfsky.web.core")) == []
    assert any(name.startswith("halfsky.web.core.text.") for name in imported)  # it looked
