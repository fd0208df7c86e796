"""The plan browser as each role sees it, through the real pages."""

from __future__ import annotations

import re

import pytest

PLAN = "jixian-women-2021-2025"
ROLES = ["coordinator", "statistics", "health_reporter", "health_head", "education_reporter",
         "leader", "viewer", "admin"]


def text_of(response) -> str:
    return response.content.decode()


def test_anonymous_visitor_is_sent_to_login(client, db) -> None:
    response = client.get(f"/plans/{PLAN}/")
    assert response.status_code == 302
    assert response.url.startswith("/login/")


def test_login_page_is_in_chinese_by_default(client, db) -> None:
    page = text_of(client.get("/login/"))
    assert "登录" in page
    assert 'lang="zh-Hans"' in page


def test_home_is_the_overview_dashboard_linking_the_plan_overview(login) -> None:
    response = login("viewer").get("/", follow=True)
    assert response.redirect_chain == [(f"/plans/{PLAN}/dashboard/", 302)]
    assert f'href="/plans/{PLAN}/"' in response.content.decode()


@pytest.mark.parametrize("username", ROLES)
def test_overview_counts_the_whole_plan(login, username: str) -> None:
    page = text_of(login(username).get(f"/plans/{PLAN}/"))
    assert 'data-count="goals">73<' in page
    assert 'data-count="measures">96<' in page
    assert page.count('class="card domain-card"') == 8
    for name in ["妇女与健康", "妇女与教育", "妇女与经济", "妇女参与决策和管理", "妇女与社会保障",
                 "妇女与家庭建设", "妇女与环境", "妇女与法律"]:
        assert name in page


@pytest.mark.parametrize(("domain", "goals", "measures"), [
    ("health", 10, 13), ("education", 9, 13), ("economy", 9, 13), ("decision", 8, 9),
    ("social_security", 9, 11), ("family", 9, 10), ("environment", 10, 13), ("law", 9, 14),
])
def test_domain_page_lists_every_goal_and_measure(login, domain: str, goals: int, measures: int) -> None:
    page = text_of(login("viewer").get(f"/plans/{PLAN}/{domain}/"))
    assert len(re.findall(r'id="goal-\d+"', page)) == goals
    assert len(re.findall(r'id="measure-\d+"', page)) == measures


def test_goal_page_shows_its_indicator_with_target_and_sample_value(login) -> None:
    page = text_of(login("coordinator").get(f"/plans/{PLAN}/health/goals/2/"))
    assert "孕产妇死亡率下降到12.5/10万以内" in page
    assert "孕产妇死亡率" in page
    assert "12.5" in page and "1/10万" in page
    assert "2025" in page
    assert "示例数据" in page


def test_indicator_page_shows_definition_values_and_national_reference(login) -> None:
    from halfsky.web.plans.models import Indicator

    indicator = Indicator.objects.get(plan__code=PLAN, name="孕产妇死亡率")
    page = text_of(login("statistics").get(f"/plans/{PLAN}/indicators/{indicator.code}/"))
    assert indicator.definition in page
    assert "示例数据（非官方统计）" in page
    assert "全国" in page or "National" in page
    assert "2020" in page and "2024" in page


def test_indicator_list_shows_every_indicator(login) -> None:
    from halfsky.web.plans.models import Indicator

    page = text_of(login("leader").get(f"/plans/{PLAN}/indicators/"))
    for indicator in Indicator.objects.filter(plan__code=PLAN):
        assert indicator.name in page


def test_search_finds_goals_measures_and_indicators(login) -> None:
    page = text_of(login("viewer").get(f"/plans/{PLAN}/search/", {"q": "孕产妇"}))
    assert "孕产妇死亡率下降到12.5/10万以内" in page
    assert "保障孕产妇的安全分娩" in page


def test_search_as_you_type_returns_only_the_results(login) -> None:
    response = login("viewer").get(f"/plans/{PLAN}/search/", {"q": "家庭暴力"}, HTTP_HX_REQUEST="true")
    page = text_of(response)
    assert "<html" not in page
    assert "反家庭暴力" in page


def test_search_with_no_match_says_so(login) -> None:
    page = text_of(login("viewer").get(f"/plans/{PLAN}/search/", {"q": "火星基地"}))
    assert "0" in page and "火星基地" in page


def test_english_switch_translates_the_interface(login) -> None:
    client = login("viewer")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = text_of(client.get(f"/plans/{PLAN}/"))
    assert "Development domains" in page
    assert "main goals" in page
    assert 'lang="en"' in page


def test_unknown_plan_and_goal_are_not_found(login) -> None:
    client = login("viewer")
    assert client.get("/plans/no-such-plan/").status_code == 404
    assert client.get(f"/plans/{PLAN}/health/goals/99/").status_code == 404


def test_an_english_browser_still_gets_chinese_until_the_user_switches(client, db) -> None:
    page = text_of(client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9"))
    assert "登录" in page


@pytest.mark.parametrize("words", [
    "2025年达到78.1岁以上", "2025年控制在12.5/10万以内", "城镇与农村差距缩小（至2025年）",
    "2025年控制在2.5%以内", "2025年达到50%以上", "2025年达到90%以上", "每年稳定在99.95%以上（至2025年）",
    "2025年达到95%以上", "2025年达到80%以上", "2025年达到11.6年以上", "2025年保持在45%左右（±2）",
    "2025年保持在40%左右（±2）", "2025年达到30%以上", "2025年达到10%以上",
    "每年稳定在95%以上（至2025年）", "每年稳定在99%以上（至2025年）", "2025年保持在98%左右（±1）",
])
def test_indicator_list_shows_every_quantitative_target_in_words(login, words: str) -> None:
    assert words in text_of(login("viewer").get(f"/plans/{PLAN}/indicators/"))


def test_targets_are_in_words_never_as_data(login) -> None:
    from halfsky.web.plans.models import Indicator

    client = login("viewer")
    pages = [client.get(f"/plans/{PLAN}/indicators/").content.decode()]
    for indicator in Indicator.objects.filter(plan__code=PLAN)[:12]:
        pages.append(client.get(f"/plans/{PLAN}/indicators/{indicator.code}/").content.decode())
    for page in pages:
        assert not re.search(r"@20\d\d", page)
        assert ">increase" not in page and "threshold " not in page
    assert "2025年" in pages[0]
