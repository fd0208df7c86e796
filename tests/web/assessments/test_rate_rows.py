"""The rows of a table of 达标率, built by ``{% rate_rows %}``, are what the template wrote."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from halfsky.web.assessments.queries import Rate
from halfsky.web.assessments.templatetags.assessment_tags import rate_rows

# The rows as ``assessments/_rates.html`` wrote them before the tag.
TEMPLATE = Template(
    '{% for rate in rates %}<tr data-group="{{ rate.key }}"><th scope="row">{{ rate.label }}</th>'
    '<td class="num">{{ rate.met }}</td><td class="num">{{ rate.monitored }}</td><td class="num">'
    '{{ rate.total }}</td><td class="num" data-rate="all">{% if rate.rate_all is not None %}'
    '{{ rate.rate_all }}%{% else %}—{% endif %}</td><td class="num" data-rate="monitored">'
    "{% if rate.rate_monitored is not None %}{{ rate.rate_monitored }}%{% else %}—{% endif %}"
    "</td></tr>{% endfor %}")

RATES = [Rate("健康 <卫健局>", 3, 4, 5, 60.0, 75.0, "health"), Rate("教育", 0, 0, 2, 0.0, None, "edu"),
         Rate("Plan & co", 12, 15, 20, 66.7, 80.0, "plan"), Rate("无", 0, 0, 0, None, None, "")]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_rows_are_those_the_template_wrote(language: str) -> None:
    with translation.override(language):
        written = TEMPLATE.render(Context({"rates": RATES}))
        assert rate_rows(RATES) == written
    assert "&lt;卫健局&gt;" in written and "66.7%" in written and "—" in written
