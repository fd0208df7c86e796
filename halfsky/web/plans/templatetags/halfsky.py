from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from halfsky.domain.reports.numbers import format_number
from halfsky.web.core.text import in_brackets, join_clauses, join_words, targets
from halfsky.web.core.text import lists as separators
from halfsky.web.core.text import plans as plan_words
from halfsky.web.core.text.counts import counted
from halfsky.web.core.text.values import VALUE_STEPS

register = template.Library()


@register.filter
def polarity_label(code: str) -> str:
    return str(plan_words.POLARITY.get(code, code))


@register.filter
def period_label(code: str) -> str:
    return str(plan_words.PERIOD.get(code, code))


@register.filter
def cadence_label(code: str) -> str:
    return str(plan_words.CADENCE.get(code, code))


@register.filter
def disaggregation_labels(entries: list[str | list[str]]) -> str:
    return plan_words.disaggregation_labels(entries)


@register.filter
def breakdown_label(breakdown: str, plan: object = None) -> str:
    """``{{ o.breakdown|breakdown_label:plan }}``: 女性, or 女童 in a children's plan."""
    return plan_words.breakdown_label(breakdown, bool(getattr(plan, "is_children_plan", False)))


@register.filter
def number(value: object) -> str:
    """12.5 → '12.5', 95.0 → '95', None or '' → '' (no trailing zeros)."""
    return targets.number(value)


@register.filter
def fixed(value: object, decimals: int) -> str:
    """A value with its indicator's decimals (``table.decimals``): the reports' formatting."""
    if value is None or value == "":
        return ""
    return format_number(float(value), int(decimals))  # type: ignore[arg-type]


@register.filter
def step_label(action: str) -> str:
    return str(VALUE_STEPS.get(action, action))


@register.filter(name="join_words")
def join_words_filter(words: object) -> str:
    """A list for reading: 'A、B' in Chinese, 'A, B' in English."""
    return join_words(words or [])  # type: ignore[arg-type]


@register.filter(name="join_clauses")
def join_clauses_filter(clauses: object) -> str:
    """Phrases for reading: 'A；B' in Chinese, 'A; B' in English."""
    return join_clauses(clauses or [])  # type: ignore[arg-type]


@register.filter(name="in_brackets")
def in_brackets_filter(text: object) -> str:
    """'%' → '（%）' in Chinese, '(%)' in English."""
    return in_brackets(text)


@register.simple_tag
def clause_separator() -> str:
    """Between phrases written one after another: '；' in Chinese, '; ' in English."""
    return separators.clause_separator()


@register.filter(name="counted")
def counted_filter(count: int, noun: str) -> str:
    """{{ 3|counted:"goal" }} → '3 goals' / '3 项目标'."""
    return counted(noun, count)


# The words of ``{% blocktranslate with number=… %}goal {{ number }}{% endblocktranslate %}``
# (the same message), for lists of many goals and measures: the tag costs tens of µs a row.
@register.filter
def goal_number(number: object) -> SafeString:
    """3 → '目标3' / 'goal 3'."""
    return mark_safe(gettext("goal %(number)s") % {"number": conditional_escape(localize(number))})


@register.filter
def measure_number(number: object) -> SafeString:
    """3 → '措施3' / 'measure 3'."""
    return mark_safe(
        gettext("measure %(number)s") % {"number": conditional_escape(localize(number))})
