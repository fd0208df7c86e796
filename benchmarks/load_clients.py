"""What the benchmarks share: building a demo instance, a free loopback port, demo users
logged in over HTTP (their demo password already changed, so pages themselves are timed),
percentiles."""

from __future__ import annotations

import http.cookiejar
import re
import socket
import subprocess
import time
import urllib.parse
import urllib.request
from collections.abc import Sequence
from http.client import HTTPResponse

USERS = ["coordinator", "statistics", "health_reporter", "leader", "viewer"]
DEMO_PASSWORD = "halfsky-demo"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def build_instance(halfsky: Sequence[str], env: dict[str, str], scale: str) -> None:
    """Migrate the database ``env`` names and load ``halfsky demo --scale SCALE`` into it."""
    print(f"setting up the {scale} set ({env.get('DB', 'sqlite')}, "
          f"{env.get('PGDATABASE') or env['HALFSKY_VAR_DIR']}) …", flush=True)
    began = time.perf_counter()
    subprocess.run([*halfsky, "manage", "migrate", "--noinput", "-v", "0"], env=env, check=True)
    subprocess.run([*halfsky, "demo", "--scale", scale], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"  {time.perf_counter() - began:.0f} s", flush=True)


def mark_passwords_changed(halfsky: Sequence[str], env: dict[str, str]) -> None:
    """The demo accounts must change their known password at first login; the benchmarks'
    users stand for people who have, so the pages asked for are what is timed."""
    subprocess.run([*halfsky, "manage", "shell", "-c",
                    "from halfsky.web.orgs.models import Profile; "
                    "Profile.objects.update(must_change_password=False)"],
                   env=env, check=True, stdout=subprocess.DEVNULL)


class LoggedInClient:
    """A browser-like client with its own session, logged in as a demo user."""

    def __init__(self, base: str, username: str, timeout: float = 60) -> None:
        self.base, self.timeout = base, timeout
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.opener.open(f"{base}/login/", timeout=timeout).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "no CSRF token on the login page"
        data = urllib.parse.urlencode({"username": username, "password": DEMO_PASSWORD,
                                       "csrfmiddlewaretoken": token.group(1)}).encode()
        landed = self.opener.open(urllib.request.Request(
            f"{base}/login/", data=data, headers={"Referer": f"{base}/login/"}), timeout=timeout)
        assert "/login/" not in landed.geturl(), f"{username} could not log in"

    def fetch(self, path: str) -> tuple[HTTPResponse, float]:
        """The page at ``path`` (it must be that page, answered 200) and the wait in ms."""
        began = time.perf_counter()
        response = self.opener.open(f"{self.base}{path}", timeout=self.timeout)
        response.read()
        waited = (time.perf_counter() - began) * 1000
        assert response.status == 200 and response.geturl() == f"{self.base}{path}", (
            path, response.status, response.geturl())
        return response, waited


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]
