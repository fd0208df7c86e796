import unicodedata
from collections.abc import Container, Iterable
from typing import Any

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext

from halfsky.domain.reports.numbers import format_number
from halfsky.web.core.addresses import reverse
from halfsky.web.core.html import printed
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


@register.simple_tag
def value_cells(cells: list[Any], table: Any) -> SafeString:
    """A value table's cells of one row (``plans/_value_table.html``), built in Python: an
    indicator page shows a cell per area or breakdown and year, each with its state, its
    sample mark and its counts — several times the cost in template code."""
    parts = []
    for cell in cells:
        if cell is None:
            parts.append('<td class="num">—</td>')
            continue
        state = cell.state_label
        parts.append(f'<td class="num unapproved" data-state="{printed(cell.status)}">' if state
                     else '<td class="num">')
        parts.append(printed(fixed(cell.value, table.decimals)))
        if state:
            parts.append(f' <span class="value-state">{printed(state)}</span>')
        if cell.is_sample and not table.all_sample:
            parts.append('<sup class="sample-mark" data-sample>*</sup>')
        if cell.numerator is not None:
            parts.append(f"<br><small>{printed(floatformat(cell.numerator, '0'))}/"
                         f"{printed(floatformat(cell.denominator, '0'))}</small>")
        parts.append("</td>")
    return mark_safe("".join(parts))  # every piece above is escaped


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



def _field(row: object, name: str) -> object:
    return row.get(name) if isinstance(row, dict) else getattr(row, name, "")


def indicator_rows_html(plan: Any, indicators: Iterable[Any], visible: Container[int],
                        show_latest: bool) -> SafeString:
    """The rows of an indicator table, built in Python (one row per indicator, with its
    targets, costs several times more in template code): those in ``visible`` linked to
    their page."""
    no_target = printed(gettext("no target"))
    parts: list[str] = []
    for indicator in indicators:
        name = printed(indicator.name)
        if indicator.pk in visible:
            address = conditional_escape(reverse("plans:indicator",
                                                 args=[plan.code, indicator.code]))
            name = f'<a href="{address}">{name}</a>'
        words = "".join(f'\n  <li data-kind="{printed(view.target.kind)}"><span class="words">'
                        f"{printed(view.words)}</span></li>\n"
                        for view in getattr(indicator, "target_list", ()))
        lead = indicator.lead.name if indicator.lead_id else ""
        parts.append(f"\n<tr>\n  <td><code>{printed(indicator.code)}</code></td>\n"
                     f"  <td>{name}</td>\n  <td>{printed(indicator.unit)}</td>\n"
                     f'  <td><ul class="targets">{words or f"<li>{no_target}</li>"}</ul>\n</td>\n'
                     f"  <td>{printed(lead or '—')}</td>\n  ")
        if show_latest:
            latest = getattr(indicator, "latest", None)
            parts.append('<td class="num">')
            if latest:
                sample = (f", {printed(gettext('sample data'))}"
                          if _field(latest, "is_sample") else "")
                parts.append(f"{printed(number(_field(latest, 'value')))} <small>("
                             f"{printed(_field(latest, 'year'))}{sample})</small>")
            else:
                parts.append("—")
            parts.append("</td>")
        parts.append("\n</tr>\n")
    return mark_safe("".join(parts))  # every piece above is escaped


@register.simple_tag(takes_context=True)
def department_indicator_rows(context: template.Context) -> SafeString:
    """The indicator rows of a department's page (``.values()`` rows), built in Python."""
    own = context["department"].pk
    role = {True: printed(gettext("reports")), False: printed(gettext("supports"))}
    return mark_safe("".join(  # every piece is escaped
        f"<tr><td><code>{printed(row['code'])}</code></td><td><a href=\""
        f"{conditional_escape(reverse('plans:indicator', args=[row['plan_code'], row['code']]))}"
        f"\">{printed(row['name'])}</a></td><td>{printed(row['unit'])}</td><td>"
        f"{role[row['lead_id'] == own]}</td></tr>"
        for row in context.get("indicators") or ()))


def _truncated(text: str, length: int) -> str:
    """``Truncator(text).chars(length)``; a short text in its normal form is itself."""
    if len(text) <= length and unicodedata.is_normalized("NFC", text):
        return text
    return Truncator(text).chars(length)


@register.simple_tag(takes_context=True)
def department_item_rows(context: template.Context, kind: str) -> SafeString:
    """The goals' (``kind`` "goal") or measures' list items of a department's page, built
    in Python: a department leads or supports a hundred of them across the plans. What
    repeats (a domain's name and address, a number's label) is worked out once."""
    own = context["department"].pk
    lead = f'<span class="tag">{printed(gettext("lead"))}</span>'
    # the messages of goal_number and measure_number
    words = gettext("goal %(number)s") if kind == "goal" else gettext("measure %(number)s")
    labels: dict[int, str] = {}
    names: dict[str, str] = {}
    domains: dict[tuple[str, str], str] = {}
    parts = []
    for row in context.get(f"{kind}s") or ():
        number = row["number"]
        if number not in labels:
            labels[number] = words % {"number": conditional_escape(localize(number))}
        if kind == "goal":
            address = conditional_escape(reverse("plans:goal", args=[
                row["plan_code"], row["domain_code"], number]))
            text = _truncated(row["text"], 100)
        else:
            place = (row["plan_code"], row["domain_code"])
            if place not in domains:
                domains[place] = reverse("plans:domain", args=place)
            address = conditional_escape(f"{domains[place]}#measure-{localize(number)}")
            text = row["title"]
        name = row["domain_name"]
        if name not in names:
            names[name] = printed(name)
        parts.append(f'<li><a href="{address}">{names[name]} · {labels[number]}</a> '
                     f"{lead if row['lead_id'] == own else ''}<p>{printed(text)}</p></li>")
    return mark_safe("".join(parts) or f"<li>{printed(gettext('None.'))}</li>")  # escaped


@register.simple_tag(takes_context=True)
def indicator_table(context: template.Context) -> SafeString:
    """The table of the ``indicators`` in the context (goal page, indicator list; with
    their latest values when ``show_latest``), those in ``visible_indicators`` linked."""
    return _indicator_table(context.get("plan"), context.get("indicators") or (),
                            context.get("visible_indicators") or (),
                            bool(context.get("show_latest")))


def _indicator_table(plan: Any, indicators: Iterable[Any], visible: Container[int],
                     show_latest: bool = False) -> SafeString:
    """An indicator table, its rows built by ``indicator_rows_html``."""
    words = [gettext("Code"), gettext("Indicator"), gettext("Unit"), gettext("Target"),
             gettext("Reporting department")] + ([gettext("Latest value")] if show_latest else [])
    heads = "".join(f'<th scope="col">{printed(word)}</th>' for word in words)
    return mark_safe(  # every piece is escaped
        f'<table class="indicators">\n  <caption class="visually-hidden">'
        f'{printed(gettext("Monitoring indicators"))}</caption>\n'
        f"  <thead><tr>{heads}</tr></thead>\n"
        f"  <tbody>{indicator_rows_html(plan, indicators, visible, show_latest)}\n</tbody>\n"
        "</table>\n")


def _units(item: Any, lead: str, supporting: str) -> str:
    """``Lead: 卫健局 · Supporting: 教育局、统计局`` of a goal or measure (``supporting_list``)."""
    name = item.lead.name if item.lead is not None else ""
    text = f"{lead}: {printed(name or '—')}"
    if item.supporting_list:
        text += f" · {supporting}: {printed(join_words(item.supporting_list))}"
    return text


@register.simple_tag(takes_context=True)
def domain_goal_items(context: template.Context) -> SafeString:
    """A domain page's goals (``domain_contents``), each with its indicator table, built in
    Python: the same list items the template's loop printed, at a fraction of its cost."""
    plan, domain = context["plan"], context["domain"]
    visible = context.get("visible_indicators") or ()
    lead, supporting = printed(gettext("Lead")), printed(gettext("Supporting"))
    parts = []
    for goal in context.get("goals") or ():
        number = printed(goal.number)
        address = conditional_escape(reverse("plans:goal",
                                             args=[plan.code, domain.code, goal.number]))
        table = _indicator_table(plan, goal.indicator_list, visible) if goal.indicator_list else ""
        parts.append(
            f'\n    <li id="goal-{number}" class="card">\n'
            f'      <p><span class="num-badge">{number}</span> <a href="{address}">'
            f"{printed(goal.text)}</a></p>\n"
            f'      <p class="meta"><span class="tag kind-{printed(goal.kind)}">'
            f"{printed(goal.get_kind_display())}</span> {_units(goal, lead, supporting)}</p>\n"
            f"      {table}\n    </li>\n  ")
    return mark_safe("".join(parts))  # every piece above is escaped


@register.simple_tag(takes_context=True)
def domain_measure_items(context: template.Context) -> SafeString:
    """A domain page's measures (``domain_contents``), built in Python as the goals."""
    lead, supporting = printed(gettext("Lead")), printed(gettext("Supporting"))
    parts = []
    for measure in context.get("measures") or ():
        number = printed(measure.number)
        parts.append(
            f'\n    <li id="measure-{number}" class="card">\n      <details>\n'
            f'        <summary><span class="num-badge">{number}</span> '
            f"{printed(measure.title)}</summary>\n"
            f"        <p>{printed(measure.text)}</p>\n      </details>\n"
            f'      <p class="meta">{_units(measure, lead, supporting)}</p>\n    </li>\n  ')
    return mark_safe("".join(parts))  # every piece above is escaped
