"""The one sentence function, plurals and the separators of each language."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from halfsky.web.core.text import in_brackets, join_clauses, join_words, sentence
from halfsky.web.core.text.counts import counted
from halfsky.web.core.text.sentences import SENTENCES, SUBJECT_TABLES


def test_a_code_becomes_the_sentence_of_the_active_language() -> None:
    with translation.override("en"):
        assert sentence("round.exists", {"year": 2024}) == "The round for 2024 is open already."
    with translation.override("zh-hans"):
        assert sentence("round.exists", {"year": 2024}) == "2024年的填报任务已开启。"


def test_an_unknown_code_shows_itself_and_missing_parameters_do_not_fail() -> None:
    with translation.override("en"):
        assert sentence("no.such_code", {"year": 2024}) == "no.such_code"
        assert sentence("round.exists") == "The round for %(year)s is open already."


def test_file_sizes_are_shown_readable() -> None:
    with translation.override("en"):
        assert sentence("history.too_large", {"limit": 10_000_000}) == (
            "The file is too large (at most 10 MB).")
        assert "(20.0\xa0MB)" in sentence("plan_import.too_large",
                                       {"size": 20_971_520, "limit": 10_485_760})


def test_every_code_has_one_sentence_only() -> None:
    codes = [code for table in SUBJECT_TABLES for code in table]
    assert len(codes) == len(set(codes)) == len(SENTENCES)


@pytest.mark.parametrize(("code", "params", "one", "two"), [
    ("task.has_problems", {},
     "1 problem must be fixed (or its warning explained) before submitting.",
     "2 problems must be fixed (or warnings explained) before submitting."),
    ("history.has_problems", {},
     "The file has 1 problem; nothing was imported.",
     "The file has 2 problems; nothing was imported."),
    ("warning.raised", {"year": 2024},
     "The assessment of 2024 raised 1 new warning for your department: please answer it.",
     "The assessment of 2024 raised 2 new warnings for your department: please answer them."),
])
def test_counted_sentences_agree_with_their_number_in_english(
        code: str, params: dict[str, object], one: str, two: str) -> None:
    with translation.override("en"):
        assert sentence(code, {**params, "count": 1}) == one
        assert sentence(code, {**params, "count": 2}) == two
        assert sentence(code, {**params, "count": "2"}) == two  # as stored in JSON by some


def test_chinese_has_one_form_for_every_number() -> None:
    with translation.override("zh-hans"):
        assert sentence("task.has_problems", {"count": 1}) == (
            "提交前还有1个问题需要更正（或对预警提示作出说明）。")
        assert sentence("task.has_problems", {"count": 2}) == (
            "提交前还有2个问题需要更正（或对预警提示作出说明）。")
        assert counted("goal", 1) == "1 项目标" and counted("goal", 3) == "3 项目标"


def test_counted_words_in_english() -> None:
    with translation.override("en"):
        assert [counted("goal", 1), counted("goal", 2), counted("batch", 2)] == [
            "1 goal", "2 goals", "2 batches"]
        page = Template('{% load halfsky %}{{ 1|counted:"indicator" }}; {{ 0|counted:"indicator" }}')
        assert page.render(Context()) == "1 indicator; 0 indicators"


def test_lists_are_joined_the_way_each_language_writes_them() -> None:
    words = ["卫健局", "教育局", "民政局"]
    with translation.override("en"):
        assert join_words(words) == "卫健局, 教育局, 民政局"
        assert join_clauses(["≤12.5", "gap narrows"]) == "≤12.5; gap narrows"
        assert in_brackets("%") == " (%)"
    with translation.override("zh-hans"):
        assert join_words(words) == "卫健局、教育局、民政局"
        assert join_clauses(["≤12.5", "差距缩小"]) == "≤12.5；差距缩小"
        assert in_brackets("%") == "（%）"
