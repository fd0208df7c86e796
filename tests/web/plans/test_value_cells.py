"""A value table's cells, built by ``{% value_cells %}``, are what the template wrote."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from halfsky.web.plans.templatetags.halfsky import value_cells

# The cells as ``plans/_value_table.html`` wrote them before the tag.
TEMPLATE = Template(
    '{% load halfsky %}{% for cell in cells %}<td class="num{% if cell.state_label %} unapproved'
    '{% endif %}"{% if cell.state_label %} data-state="{{ cell.status }}"{% endif %}>{% if cell %}'
    "{{ cell.value|fixed:table.decimals }}{% if cell.state_label %} <span class=\"value-state\">"
    "{{ cell.state_label }}</span>{% endif %}{% if cell.is_sample and not table.all_sample %}"
    '<sup class="sample-mark" data-sample>*</sup>{% endif %}{% if cell.numerator is not None %}'
    '<br><small>{{ cell.numerator|floatformat:"0" }}/{{ cell.denominator|floatformat:"0" }}'
    "</small>{% endif %}{% else %}—{% endif %}</td>{% endfor %}")


def cell(value: float | None, state: str = "", sample: bool = False,
         numerator: float | None = None, denominator: float | None = None) -> SimpleNamespace:
    return SimpleNamespace(value=value, state_label=state, status="returned" if state else "approved",
                           is_sample=sample, numerator=numerator, denominator=denominator)


CELLS = [cell(12.345), None, cell(3.0, state="已退回 <b>"), cell(7.5, sample=True),
         cell(0.8, numerator=12.0, denominator=1500.0), cell(None), cell(-2.25, "待审核", True, 3, 4)]


@pytest.mark.parametrize("all_sample", [False, True])
@pytest.mark.parametrize("decimals", [0, 1, 2])
@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_cells_are_those_the_template_wrote(all_sample: bool, decimals: int, language: str) -> None:
    table = SimpleNamespace(decimals=decimals, all_sample=all_sample)
    with translation.override(language):
        written = TEMPLATE.render(Context({"cells": CELLS, "table": table}))
        assert value_cells(CELLS, table) == written
    assert "&lt;b&gt;" in written and "—" in written  # escaped; a missing value


def test_a_sample_value_is_marked_unless_the_whole_table_is_sample_data() -> None:
    assert "sample-mark" in value_cells([cell(1.0, sample=True)], SimpleNamespace(
        decimals=1, all_sample=False))
    assert "sample-mark" not in value_cells([cell(1.0, sample=True)], SimpleNamespace(
        decimals=1, all_sample=True))
