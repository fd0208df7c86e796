"""Security in a real browser: no page breaks the Content-Security-Policy, a locked-out
login says so in words, and a given password is changed before anything else."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

PLAN = "jixian-women-2021-2025"
PAGES = ["/", f"/plans/{PLAN}/dashboard/townships/", f"/plans/{PLAN}/indicators/H03/", "/rounds/",
         f"/plans/{PLAN}/exchange/", f"/plans/{PLAN}/exchange/compare/", "/api/docs", "/security/audit/",
         "/security/lockouts/", "/security/password/", "/admin/", "/admin/auth/user/"]


def test_no_page_breaks_the_content_security_policy(log_in: Any, demo_site: str) -> None:
    page = log_in("admin")
    violations: list[str] = []
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    for path in PAGES:
        page.goto(f"{demo_site}{path}")
        page.wait_for_load_state("networkidle")
        assert page.title(), path
    assert violations == []


def test_five_failures_lock_the_login_and_the_page_says_so(log_in: Any) -> None:
    for _ in range(5):
        page = log_in("viewer", "wrong-password")
    page = log_in("viewer")  # the right password, too late
    expect(page.get_by_role("alert")).to_contain_text("登录失败次数过多")
    expect(page.get_by_role("alert")).to_contain_text("15 分钟")


def test_a_given_password_is_changed_first(log_in: Any, demo_site: str) -> None:
    from halfsky.web.orgs.models import Profile

    Profile.objects.filter(user__username="leader").update(must_change_password=True)
    page = log_in("leader")
    expect(page.get_by_role("heading", name="修改密码")).to_be_visible()
    expect(page.locator("[data-reason]")).to_contain_text("自己的密码")
    page.locator("#id_old_password").fill("halfsky-demo")
    page.locator("#id_new_password1").fill("Ling-dao-2026")
    page.locator("#id_new_password2").fill("Ling-dao-2026")
    page.get_by_role("button", name="修改密码").click()
    expect(page.get_by_text("密码已修改。")).to_be_visible()
    page.goto(f"{demo_site}/departments/")
    expect(page.get_by_role("heading", name="修改密码")).to_have_count(0)
