"""The API's OpenAPI page works offline: every file it loads comes from this server."""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.contrib.staticfiles import finders
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]


def test_the_docs_page_loads_only_local_assets(db: None) -> None:
    response = Client().get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    urls = set(re.findall(r"""https?://[^\s"'<>)]+""", page))
    assert {u for u in urls if not u.startswith("http://testserver/")} == set()
    assert "//cdn" not in page and "unpkg" not in page and "jsdelivr" not in page
    references = re.findall(r"""(?:src|href)="([^"]+)\"""", page)
    assert references and all(r.startswith("/") for r in references), references
    for reference in references:
        if reference.startswith("/static/"):
            assert finders.find(reference.removeprefix("/static/")), \
                f"{reference} is missing: run `make assets`"
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in references
    settings = json.loads(re.search(
        r'<script id="swagger-settings" type="application/json">(.*?)</script>', page, re.S
    ).group(1))
    assert settings["url"] == "/api/openapi.json"
    assert settings["validatorUrl"] is None  # Swagger UI would ask validator.swagger.io


def test_the_schema_lists_every_operation_and_both_ways_in(db: None) -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert {"/api/rounds", "/api/rounds/{year}", "/api/rounds/{year}/tasks/{department}",
            "/api/rounds/{year}/tasks/{department}/submit",
            "/api/rounds/{year}/tasks/{department}/confirm",
            "/api/rounds/{year}/tasks/{department}/review", "/api/values/{value_id}",
            "/api/values/{value_id}/reopen", "/api/plans", "/api/plans/{code}",
            "/api/me"} <= set(schema["paths"])
    assert set(schema["paths"]["/api/values/{value_id}"]) == {"get", "patch"}
    ids = [op["operationId"] for path in schema["paths"].values() for op in path.values()]
    assert "save_value" in ids and len(ids) == len(set(ids))
    schemes = schema["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    assert schemes["BrowserSession"]["in"] == "cookie"


def test_front_end_packages_are_pinned_and_the_lock_names_no_download_address() -> None:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["dependencies"]["swagger-ui-dist"])
    lock = (ROOT / "package-lock.json").read_text(encoding="utf-8")
    assert '"resolved"' not in lock and "http" not in lock
