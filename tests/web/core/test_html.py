"""``printed`` writes what ``{{ x }}`` would: the table tags build their rows with it."""

from __future__ import annotations

import datetime

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation
from django.utils.safestring import mark_safe

from halfsky.web.core.html import printed

VALUES = [0, 7, -12, 2024, 1234567, 3.5, -0.25, 1e-7, float("nan"), True, False, None,
          "女性 <b>&", mark_safe("<b>safe</b>"), datetime.date(2025, 3, 1)]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_printed_is_what_the_template_prints(value: object, language: str) -> None:
    with translation.override(language):
        assert printed(value) == Template("{{ x }}").render(Context({"x": value}))


@override_settings(USE_THOUSAND_SEPARATOR=True, NUMBER_GROUPING=3)
@pytest.mark.parametrize("value", [1234567, -1234, 12], ids=repr)
def test_whole_numbers_take_the_separators_when_the_settings_ask(value: int) -> None:
    with translation.override("en"):
        assert printed(value) == Template("{{ x }}").render(Context({"x": value}))
        assert printed(1234567) == "1,234,567"
