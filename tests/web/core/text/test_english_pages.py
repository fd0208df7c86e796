"""The English interface writes no Chinese separator (、，；（）) of its own.

The demo's data are Chinese — names, goal texts, notes — and keep their own
punctuation on an English page. So a Chinese separator on an English page is
the interface's own when the run of Chinese text around it is found in no stored
text: "卫健局、教育局" (two names the page joined), "单位（状态" (a bracket the
template wrote).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

import pytest
from django.apps import apps
from django.db import models

PLAN = "jixian-women-2021-2025"
SEPARATORS = "、，；（）"
CHINESE_RUN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")


def stored_text() -> str:
    """Every text the database holds, one after another (the data a page may show)."""
    parts: list[str] = []
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields
                  if isinstance(f, (models.CharField, models.TextField, models.JSONField))]
        for row in model.objects.values_list(*fields) if fields else ():
            parts += [v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                      for v in row if v]
    return "\n".join(parts)


def interface_separators(page: str, data: str) -> list[str]:
    """The runs of Chinese text around a separator that no stored text contains."""
    text = html.unescape(re.sub(r"<[^>]+>", "\n", page))
    return sorted({run for run in CHINESE_RUN.findall(text)
                   if any(ch in SEPARATORS for ch in run)
                   and run.strip("…") not in data})


@pytest.fixture
def english(login: Any) -> Any:
    def client(username: str) -> Any:
        user = login(username)
        user.cookies["django_language"] = "en"
        return user
    return client


def test_the_check_finds_a_list_joined_in_chinese() -> None:
    data = "县卫生健康和体育局\n县教育科技局\n到2025年，孕产妇死亡率控制在12.5/10万以下。"
    page = ("<p>Supporting: 县卫生健康和体育局、县教育科技局</p>"
            "<p>到2025年，孕产妇死亡率控制在12.5/10万以下。</p>")
    assert interface_separators(page, data) == ["县卫生健康和体育局、县教育科技局"]


@pytest.mark.parametrize(("username", "url"), [
    ("viewer", f"/plans/{PLAN}/dashboard/"),
    ("viewer", f"/plans/{PLAN}/"),
    ("viewer", f"/plans/{PLAN}/health/"),
    ("coordinator", f"/plans/{PLAN}/health/goals/2/"),
    ("coordinator", f"/plans/{PLAN}/health/goals/1/"),
    ("viewer", f"/plans/{PLAN}/indicators/"),
    ("coordinator", "/departments/health/"),
    ("coordinator", f"/plans/{PLAN}/assessments/2024/"),
    ("coordinator", f"/plans/{PLAN}/assessments/warnings/"),
    ("coordinator", f"/plans/{PLAN}/exchange/"),
    ("coordinator", f"/plans/{PLAN}/reports/"),
])
def test_english_pages_show_no_chinese_separators(english: Any, username: str, url: str) -> None:
    response = english(username).get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="en"' in page
    assert interface_separators(page, stored_text()) == []


def test_lists_of_departments_are_joined_per_language(login: Any, english: Any) -> None:
    from halfsky.web.plans.models import Goal

    goal = next(g for g in Goal.objects.filter(domain__plan__code=PLAN)
                if g.supporting.count() >= 2)
    names = [d.name for d in goal.supporting.all()]
    url = f"/plans/{PLAN}/{goal.domain.code}/goals/{goal.number}/"
    assert ", ".join(names) in english("viewer").get(url).content.decode()
    assert "、".join(names) in login("viewer").get(url).content.decode()
