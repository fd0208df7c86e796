"""The README is the user's manual: every setting and every command is in it."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from halfsky.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def settings_variables() -> set[str]:
    source = (ROOT / "halfsky" / "web" / "settings.py").read_text(encoding="utf-8")
    return set(re.findall(r'env(?:_bool)?\("([A-Z_]+)"', source))


def cli_commands(parser: argparse.ArgumentParser, prefix: str = "halfsky") -> list[str]:
    commands = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                commands.append(f"{prefix} {name}")
                commands.extend(cli_commands(sub, f"{prefix} {name}"))
    return commands


def test_every_setting_is_documented() -> None:
    variables = settings_variables()
    assert {"DB", "PGHOST", "HALFSKY_SECRET_KEY"} <= variables
    assert sorted(v for v in variables if f"`{v}`" not in README) == []


def test_every_command_is_documented() -> None:
    commands = cli_commands(build_parser())
    assert "halfsky plan load" in commands
    assert sorted(c for c in commands if f"`{c}" not in README) == []


def test_every_make_target_is_documented() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    phony = re.search(r"^\.PHONY: (.+)$", makefile, re.M)
    assert phony is not None
    internal = {"assets", "deps", "dev-deps"}
    targets = [t for t in phony.group(1).split() if t not in internal]
    assert sorted(t for t in targets if f"make {t}" not in README) == []


def test_the_two_setup_commands_are_in_the_readme_and_ci() -> None:
    assert "make demo" in README and "make test" in README
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
