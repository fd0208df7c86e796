"""Security headers, and no inline script or style that the Content-Security-Policy would block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[3] / "halfsky" / "web" / "templates"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/login/", "/"])
def test_every_page_sends_the_security_headers(login, path: str) -> None:
    response = login("viewer").get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "style-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


def inline_code(text: str) -> list[str]:
    found = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", text)
    found += re.findall(r"\son[a-z]+\s*=", text)
    found += re.findall(r"\sstyle\s*=", text)
    found += re.findall(r"<style\b", text)
    found += re.findall(r"javascript:", text)
    return found


def test_the_check_finds_inline_code() -> None:
    assert len(inline_code('<button onclick="x()" style="a">'
                           "<script>alert(1)</script><style>")) == 4
    assert inline_code('<script src="/static/a.js"></script>') == []


def test_the_templates_have_no_inline_script_or_style() -> None:
    offending = {str(path.relative_to(TEMPLATES)): inline_code(path.read_text(encoding="utf-8"))
                 for path in TEMPLATES.rglob("*.html")}
    assert {name: found for name, found in offending.items() if found} == {}
