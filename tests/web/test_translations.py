"""Chinese is complete: every interface string has a translation, compiled and up to date."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

WEB = Path(__file__).resolve().parents[2] / "halfsky" / "web"
PO = WEB / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def messages(catalog) -> dict[tuple[str, str], object]:
    """Messages by context and msgid (one English phrase may have several contexts)."""
    return {(m.context or "", m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}


def strings(message) -> tuple[str, ...]:
    return (message.string,) if isinstance(message.string, str) else tuple(message.string)


def test_every_message_is_translated_and_none_is_fuzzy() -> None:
    with PO.open("rb") as f:
        catalog = read_po(f)
    untranslated = [key for key, m in messages(catalog).items()
                    if not (m.string if isinstance(m.string, str) else all(m.string))]
    fuzzy = [key for key, m in messages(catalog).items() if m.fuzzy]
    assert untranslated == [] and fuzzy == []


def test_compiled_catalog_matches_the_source() -> None:
    with PO.open("rb") as f:
        source = messages(read_po(f))
    with MO.open("rb") as f:
        compiled = messages(read_mo(f))
    assert sorted(source) == sorted(compiled), "run `make messages`"
    assert all(strings(source[k]) == strings(compiled[k]) for k in source), "run `make messages`"


@pytest.mark.skipif(shutil.which("xgettext") is None and os.environ.get("CI") != "true",
                    reason="GNU gettext is not installed")
def test_every_string_in_the_code_is_in_the_catalog(tmp_path: Path) -> None:
    copy = tmp_path / "web"
    shutil.copytree(WEB, copy, ignore=shutil.ignore_patterns("static", "__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "zh_Hans", "--no-obsolete",
         "--no-location"],
        cwd=copy, check=True, capture_output=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "halfsky.web.settings"},
    )
    with (copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").open("rb") as f:
        extracted = set(messages(read_po(f)))
    with PO.open("rb") as f:
        committed = set(messages(read_po(f)))
    assert sorted(extracted - committed) == [], "run `make messages` and translate the new strings"
