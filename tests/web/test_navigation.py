"""The top bar's menus: 规划 / 数据 / 评估 / 报告 / 交换 / 管理, each holding exactly the pages the
role's rules allow; a menu with one page is that page's link, an empty one is left out."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from halfsky.web.orgs.models import Profile
from halfsky.web.plans.choice import chosen_plan
from halfsky.web.plans.models import Plan

PLAN = "jixian-women-2021-2025"

PLAN_WIDE = ["dashboard", "plan", "indicators", "departments", "search"]
DEPARTMENT = ["dashboard", "plan", "indicators", "my_department", "search"]
ASSESSMENT = ["assessment", "warnings"]
EXPECTED: dict[str, dict[str, list[str]]] = {
    "coordinator": {"plan": [*PLAN_WIDE, "imports"], "data": ["rounds", "earlier_years"],
                    "assessment": ASSESSMENT, "reports": ["reports", "year_reports"],
                    "exchange": ["exchange"], "admin": ["admin"]},
    "statistics": {"plan": PLAN_WIDE, "data": ["rounds"], "assessment": ASSESSMENT,
                   "reports": ["reports", "year_reports"], "exchange": ["exchange"],
                   "admin": ["admin"]},
    "health_reporter": {"plan": DEPARTMENT, "data": ["rounds"], "assessment": ASSESSMENT,
                        "reports": ["reports", "year_reports"]},
    "health_head": {"plan": DEPARTMENT, "data": ["rounds"], "assessment": ASSESSMENT,
                    "reports": ["reports", "year_reports"]},
    "leader": {"plan": PLAN_WIDE, "data": ["rounds"], "assessment": ASSESSMENT,
               "reports": ["reports"], "exchange": ["exchange"]},
    "viewer": {"plan": PLAN_WIDE, "data": ["rounds"], "assessment": ASSESSMENT,
               "reports": ["reports"], "exchange": ["exchange"]},
    "admin": {"plan": [*PLAN_WIDE, "imports"], "data": ["rounds", "earlier_years"],
              "assessment": ASSESSMENT, "reports": ["reports", "year_reports"],
              "exchange": ["exchange"], "admin": ["audit", "lockouts", "admin"]},
}
GROUP_LABELS = {"zh-hans": {"plan": "规划", "data": "数据", "assessment": "评估", "reports": "报告",
                            "exchange": "交换", "admin": "管理"},
                "en": {"plan": "Plan", "data": "Data", "assessment": "Assessment",
                       "reports": "Reports", "exchange": "Exchange", "admin": "Admin"}}


class TopBar(HTMLParser):
    """The main menu as shown: each menu's key, its visible name, whether it is a
    disclosure (<details>) and its entries (key, address, name)."""

    def __init__(self) -> None:
        super().__init__()
        self.groups: list[dict] = []
        self.in_nav = False
        self.text_of: dict | None = None  # where the text being read goes

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "nav" and found.get("class") == "menu":
            self.in_nav = True
        if not self.in_nav:
            return
        if tag in ("details", "a") and "data-menu-group" in found:
            self.groups.append({"key": found["data-menu-group"], "label": "",
                                "details": tag == "details", "items": []})
        if tag == "summary":
            self.text_of = self.groups[-1]
        if tag == "a":
            entry = {"key": found["data-menu"], "url": found["href"], "label": ""}
            self.groups[-1]["items"].append(entry)
            self.text_of = self.groups[-1] if "data-menu-group" in found else entry

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self.in_nav = False
        if tag in ("a", "summary"):
            self.text_of = None

    def handle_data(self, data: str) -> None:
        if self.text_of is not None:
            self.text_of["label"] += data.strip()


def top_bar(client, language: str = "zh-hans") -> list[dict]:
    client.cookies["django_language"] = language
    response = client.get(f"/plans/{PLAN}/")
    assert response.status_code == 200
    parser = TopBar()
    parser.feed(response.content.decode())
    return parser.groups


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_each_menu_holds_exactly_the_pages_the_role_may_open(login, username: str) -> None:
    client = login(username)
    groups = top_bar(client)
    assert {g["key"]: [i["key"] for i in g["items"]] for g in groups} == EXPECTED[username]
    assert [g["key"] for g in groups] == list(EXPECTED[username])  # in the top bar's order
    for group in groups:
        # a menu of one page is a plain link; of several, a menu opened by keyboard or mouse
        assert group["details"] == (len(group["items"]) > 1), group
        for item in group["items"]:
            assert client.get(item["url"], follow=True).status_code == 200, item


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("username", ["admin", "health_reporter"])
def test_menus_are_named_in_the_page_language(login, username: str, language: str) -> None:
    groups = top_bar(login(username), language)
    assert [g["label"] for g in groups] == [GROUP_LABELS[language][g["key"]] for g in groups]
    entries = {i["key"]: i["label"] for g in groups for i in g["items"] if g["details"]}
    if language == "en":
        assert entries["plan"] == "Plan overview" and entries["warnings"] == "Warnings"
    else:
        assert entries["plan"] == "规划总览" and entries["warnings"] == "预警"


def test_the_current_page_marks_its_menu(login) -> None:
    page = login("coordinator").get(f"/plans/{PLAN}/assessments/warnings/").content.decode()
    assert re.search(r'data-menu-group="assessment"><summary class="current">评估</summary>', page)
    assert f'href="/plans/{PLAN}/assessments/warnings/" data-menu="warnings" aria-current="page"' in page


def test_the_user_menu_holds_tokens_and_password_and_log_out_stays_in_the_bar(login) -> None:
    page = login("health_reporter").get(f"/plans/{PLAN}/").content.decode()
    user_menu = page[page.index('<details class="drop user-menu">'):]
    user_menu = user_menu[:user_menu.index("</details>")]
    assert '<span class="who">health_reporter</span>' in user_menu
    assert "<span data-role>成员单位填报员</span>" in user_menu
    assert 'href="/tokens/"' in user_menu and 'href="/security/password/"' in user_menu
    assert '<button type="submit">退出</button>' in page


@pytest.mark.django_db
@pytest.mark.parametrize("remembered", ["", "jixian-women-2021-2025", "jixian-children-2021-2025",
                                        "no-such-plan"])
def test_the_top_bar_shows_the_users_current_plan(login, remembered: str) -> None:
    # The top bar picks the current plan from the list its chooser shows (one query less);
    # it is the plan every other page takes as current.
    user = get_user_model().objects.get(username="leader")
    Profile.objects.filter(user=user).update(current_plan_code=remembered)
    user.refresh_from_db()
    user.profile.refresh_from_db()
    current = chosen_plan(user)
    assert current is not None
    page = login("leader").get("/rounds/").content.decode()
    assert f'data-current-plan="{current.code}"' in page
    if Plan.objects.filter(code=remembered).exists():
        assert current.code == remembered
    else:  # the plan in force, else the newest
        year = timezone.localdate().year
        assert current.code == next(
            (p.code for p in Plan.objects.order_by("-start_year", "code")
             if p.start_year <= year <= p.end_year),
            Plan.objects.order_by("-start_year", "code").values_list("code", flat=True)[0])
