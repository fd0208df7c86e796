"""Breakdowns in words, in the page's language: '女性 · 农村' in Chinese, 'women, rural'
(English words, English separator) in English — on pages, in chart series and tables."""

from __future__ import annotations

from django.utils import translation

from halfsky.web.core.text.plans import breakdown_label

PLAN = "jixian-women-2021-2025"
CROSSED = "sex=female;urban_rural=rural"


def test_a_crossed_breakdown_is_written_in_each_language() -> None:
    with translation.override("zh-hans"):
        assert breakdown_label(CROSSED) == "女性 · 农村"
        assert breakdown_label("sex=male;age_band=15-49") == "男性 · 15-49岁"
    with translation.override("en"):
        assert breakdown_label(CROSSED) == "women, rural"
        assert breakdown_label("sex=male;age_band=15-49") == "men, aged 15-49"


def test_english_chart_series_and_value_table_name_breakdowns_in_english(login) -> None:
    client = login("coordinator")
    client.cookies["django_language"] = "en"
    data = client.get(f"/api/indicators/E08/series?plan={PLAN}").json()
    labels = {s["breakdown"]: s["label"] for s in data["series"]}
    assert labels[CROSSED] == "women, rural" and labels["sex=male"] == "men"
    page = client.get(f"/plans/{PLAN}/indicators/E08/").content.decode()
    assert '<th scope="row">women, rural</th>' in page
    assert "女性" not in page.replace("女性科学素养", "")  # only the goal's own text says 女性
    assert " · 农村" not in page and "women · rural" not in page


def test_chinese_pages_keep_their_separator(login) -> None:
    page = login("coordinator").get(f"/plans/{PLAN}/indicators/E08/").content.decode()
    assert '<th scope="row">女性 · 农村</th>' in page
