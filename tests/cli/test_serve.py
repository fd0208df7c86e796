"""``halfsky serve``: gunicorn with collected, compressed, fingerprinted static files behind HTTPS."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOST = "halfsky.example.gov.cn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str, host: str = HOST, https: bool = True,
        headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent = {"Host": host, **({"X-Forwarded-Proto": "https"} if https else {}), **(headers or {})}
    connection.request("GET", path, headers=sent)
    response = connection.getresponse()
    response.read()
    return response


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """``halfsky serve`` on a new SQLite instance behind a (pretended) HTTPS proxy."""
    var = tmp_path_factory.mktemp("serve")
    environment = {**os.environ, "PYTHONPATH": str(ROOT), "HALFSKY_VAR_DIR": str(var),
                   "HALFSKY_ALLOWED_HOSTS": HOST, "HALFSKY_BEHIND_PROXY": "1",
                   "HALFSKY_LOG_FILE": str(var / "halfsky.log"), "DB": "sqlite"}
    for name in ("HALFSKY_SQLITE_PATH", "HALFSKY_STATIC_ROOT", "HALFSKY_STATIC_COLLECTED"):
        environment.pop(name, None)
    subprocess.run([sys.executable, "-m", "halfsky.cli", "manage", "migrate", "-v", "0"],
                   env=environment, check=True, timeout=300)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "halfsky.cli", "serve", "--bind", f"127.0.0.1:{port}",
         "--workers", "1"], env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert process.poll() is None, process.stdout.read()  # type: ignore[union-attr]
                time.sleep(0.3)
        yield port, var
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def test_serves_pages_and_fingerprinted_compressed_static_files(
        server: tuple[int, Path]) -> None:
    port, var = server
    login = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    login.request("GET", "/login/", headers={"Host": HOST, "X-Forwarded-Proto": "https"})
    response = login.getresponse()
    page = response.read().decode()
    assert response.status == 200
    assert response.getheader("Server", "").startswith("gunicorn")
    assert "max-age=31536000" in response.getheader("Strict-Transport-Security", "")
    cookies = response.headers.get_all("Set-Cookie") or []
    assert cookies and all("; Secure" in cookie for cookie in cookies)
    stylesheet = re.search(r'/static/halfsky/halfsky\.[0-9a-f]{12}\.css', page)
    assert stylesheet, page
    static = get(port, stylesheet.group(0), headers={"Accept-Encoding": "gzip"})
    assert static.status == 200
    assert static.getheader("Content-Encoding") == "gzip"
    assert "immutable" in static.getheader("Cache-Control", "")
    assert (var / "static" / "staticfiles.json").is_file()
    assert "GET /login/" in (var / "halfsky.log").read_text(encoding="utf-8")


def test_plain_http_is_sent_to_https_and_an_unknown_host_gets_400(
        server: tuple[int, Path]) -> None:
    port, _ = server
    plain = get(port, "/login/", https=False)
    assert plain.status == 301
    assert plain.getheader("Location") == f"https://{HOST}/login/"
    assert get(port, "/login/", host="10.9.8.7").status == 400
