"""Messages name fields in the form's own words and say 数值, never 目标值, of a value."""

from __future__ import annotations

from django.utils import translation

from halfsky.web.core.text import sentence


def zh(code: str, **params: object) -> str:
    with translation.override("zh-hans"):
        return sentence(code, params)


def test_a_missing_denominator_is_named_as_the_form_names_it() -> None:
    text = zh("value.rate_incomplete", missing="denominator")
    assert "分母" in text and "denominator" not in text
    with translation.override("en"):
        assert "denominator" in sentence("value.rate_incomplete", {"missing": "denominator"})


def test_missing_history_columns_are_listed_in_words() -> None:
    text = zh("history.missing_columns", missing="area, value", expected="")
    assert "地区、数值" in text


def test_value_checks_speak_of_the_value_not_the_target() -> None:
    assert "目标值" not in zh("value.negative_count") and "数值" in zh("value.negative_count")
    assert zh("value.denominator_zero") == "分母不能为零。"
